"""Issue 14: every taxonomy label in the reader's language where the data has a translation: objectives
(official titles), principles, UN M49 regions and sub-regions, countries (CLDR), kinds and actor types; in the
examples listing's facets, the coverage figures, an example's detail and the objectives API. Databases
loaded before get the names by migration, without losing what editors wrote; ``i18n_check`` fails on an
English label served where a translation exists."""

import importlib

from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

import pytest

from examples_library.label_check import english_leftovers
from examples_library.models import ActorType, Country, ExamplePage, ExamplesIndexPage, Region
from examples_library.reference_data import ACTOR_TYPES, country_name, iso_catalogue_name, region_name
from guidance_pages import facts
from guidance_pages.models import GuidingPrinciple, Objective
from guidance_pages.objective_titles import apply_official_titles, official_wording
from search.models import SearchEntry
from tests.examples_library.factories import ExamplePageFactory
from tests.search.helpers import committed

LANGUAGES = ["fr", "es"]
# Countries of every macro-region, with sub-regions that the Spanish data names and some it does not.
COUNTRIES = ["DE", "SN", "MX", "JP", "FJ", "NE", "CO", "PH"]
PRINCIPLES = ["people_centred", "human_rights", "gender_responsive"]


def kind_translation(value: str, language: str) -> str:
    label = dict(ExamplePage.Kind.choices)[value]
    with translation.override(language):
        return str(label)


def expected(dimension: str, value: str, language: str) -> str | None:
    """The label the data gives ``value`` in ``language`` (None: it has none, English is served)."""
    if dimension in {"region", "subregion"}:
        return region_name(value, language)
    if dimension == "country":
        return country_name(value, language)
    if dimension == "principle":
        return next(p[language] for p in facts.guiding_principles() if p["key"] == value)
    if dimension == "kind":
        return kind_translation(value, language)
    if dimension == "objective":
        return f"{value}. {official_wording(int(value), language)['short_label']}"
    if dimension == "actor_type":
        return ACTOR_TYPES[value][language]
    raise AssertionError(dimension)


def english(dimension: str, value: str) -> str:
    if dimension == "kind":
        return kind_translation(value, "en")
    if dimension in {"region", "subregion"}:
        return Region.objects.get(locale__language_code="en", key=value).name
    if dimension == "country":
        return Country.objects.get(locale__language_code="en", iso2=value).name
    return expected(dimension, value, "en")


def assert_in_reader_language(dimension: str, value: str, label: str, language: str) -> None:
    wanted = expected(dimension, value, language)
    if wanted is None:  # no translation in the data: the English name, as a fallback
        assert label == english(dimension, value), (dimension, value, label)
    else:
        assert label == wanted, (dimension, value, label, wanted)
        if wanted != english(dimension, value):
            assert label != english(dimension, value)


@pytest.fixture
def examples_in_every_language(db):
    """Examples written in French and in Spanish (their own index and terms), one per country."""
    made = {}
    for language in LANGUAGES:
        index = ExamplesIndexPage.objects.get(locale__language_code=language)
        for i, code in enumerate(COUNTRIES):
            page = ExamplePageFactory(
                parent=index,
                title=f"Exemple {language} {i}",
                objective=1 + i * 2,
                secondary=(15, 16, 17),
                country_code=code,
                kind=["practice", "case_study", "lesson_learned"][i % 3],
                principle_keys=PRINCIPLES,
                publish=False,
            )
            page.actor_types = list(ActorType.objects.filter(locale=index.locale))
            with committed():
                page.save_revision().publish()
            made.setdefault(language, []).append(page)
    return made


@pytest.mark.parametrize("language", LANGUAGES)
def test_facets_of_the_library_are_in_the_readers_language(client, examples_in_every_language, language):
    body = client.get("/api/v1/examples/", {"locale": language, "page_size": 50}).json()
    # one library: every published example, whatever its language, labelled in the reader's
    assert body["count"] == ExamplePage.objects.live().values("translation_key").distinct().count()
    seen = set()
    for dimension in ("region", "subregion", "country", "principle", "kind", "objective"):
        for bucket in body["facets"][dimension]:
            if bucket["count"]:
                assert_in_reader_language(dimension, bucket["value"], bucket["label"], language)
                seen.add(dimension)
    assert seen == {"region", "subregion", "country", "principle", "kind", "objective"}
    # The sub-regions the data names are shown so: Western Africa (Senegal) in French.
    if language == "fr":
        labels = {b["value"]: b["label"] for b in body["facets"]["subregion"]}
        assert labels["western-africa"] == "Afrique occidentale"
        assert {b["value"]: b["label"] for b in body["facets"]["country"]}["DE"] == "Allemagne"


@pytest.mark.parametrize("language", LANGUAGES)
def test_coverage_is_in_the_readers_language(client, examples_in_every_language, language):
    body = client.get("/api/v1/insight/coverage/", {"locale": language}).json()
    for dimension, items in (("region", body["regions"]), ("subregion", body["subregions"])):
        for item in items:
            assert_in_reader_language(dimension, item["value"], item["label"], language)
    for item in body["principles"]:
        assert_in_reader_language("principle", item["value"], item["label"], language)
    for item in body["kinds"]:
        assert_in_reader_language("kind", item["value"], item["label"], language)
    for item in body["objectives"]:
        wording = official_wording(item["number"], language)
        assert item["label"] == wording["short_label"]
        if wording["title"]:
            assert item["title"] == wording["title"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_examples_detail_names_every_term_in_its_language(client, examples_in_every_language, language):
    for page in examples_in_every_language[language]:
        body = client.get(f"/api/v1/examples/{page.pk}/").json()
        assert_in_reader_language("country", body["country"]["iso2"], body["country"]["name"], language)
        assert_in_reader_language("region", body["region"]["key"], body["region"]["name"], language)
        assert_in_reader_language("subregion", body["subregion"]["key"], body["subregion"]["name"], language)
        # A name the data lacks in the language is flagged, so the site marks it as English.
        assert body["subregion"]["fallback"] is (region_name(body["subregion"]["key"], language) is None)
        assert body["region"]["fallback"] is False
        assert [p["key"] for p in body["principles"]]
        for principle in body["principles"]:
            assert_in_reader_language("principle", principle["key"], principle["name"], language)
        assert len(body["actor_types"]) == len(ACTOR_TYPES)
        for actor_type in body["actor_types"]:
            assert_in_reader_language("actor_type", actor_type["key"], actor_type["name"], language)


def test_an_example_translated_from_english_names_its_terms_in_french(client):
    """wagtail-localize copies an English example's principles and actor types (many-to-many) as they are:
    the French page pointed at the English terms and showed their English names."""
    page = ExamplePageFactory(country_code="SN", principle_keys=PRINCIPLES, publish=False)
    page.actor_types = list(ActorType.objects.filter(locale__language_code="en", key="civil_society"))
    page.save_revision().publish()
    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.save_revision().publish()
    body = client.get(f"/api/v1/examples/{french.pk}/").json()
    assert [p["name"] for p in body["principles"]] == [
        GuidingPrinciple.objects.get(locale__language_code="fr", key=key).name
        for key in [p["key"] for p in body["principles"]]
    ]
    assert "Human rights" not in {p["name"] for p in body["principles"]}
    assert body["actor_types"] == [{"key": "civil_society", "name": "Organisation de la société civile"}]
    assert body["country"]["name"] == "Sénégal"
    assert body["subregion"]["name"] == "Afrique occidentale"
    # The translation itself refers to the French terms, so every API names them in French.
    french.refresh_from_db()
    assert {p.locale.language_code for p in french.principles.all()} == {"fr"}
    assert {a.locale.language_code for a in french.actor_types.all()} == {"fr"}
    v2 = client.get(f"/api/v2/pages/{french.pk}/").json()
    assert v2["actor_types"] == [{"key": "civil_society", "name": "Organisation de la société civile"}]


def test_terms_an_old_translation_points_at_in_english_are_named_in_french(client):
    """Examples translated before the fix still point at English terms: the detail names them in French."""
    page = ExamplePageFactory(country_code="SN", principle_keys=["human_rights"])
    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.principles = list(GuidingPrinciple.objects.filter(locale__language_code="en", key="human_rights"))
    french.save()
    french.save_revision().publish()
    body = client.get(f"/api/v1/examples/{french.pk}/").json()
    assert body["principles"] == [
        {
            "key": "human_rights",
            "name": GuidingPrinciple.objects.get(locale=french.locale, key="human_rights").name,
        }
    ]
    assert body["principles"][0]["name"] != "Human rights"


@pytest.mark.parametrize("language", LANGUAGES)
def test_objectives_have_their_official_titles_or_say_they_fall_back(client, language):
    items = client.get("/api/v1/objectives/", {"locale": language}).json()
    items = items["items"] if isinstance(items, dict) else items
    english_titles = dict(Objective.objects.filter(locale__language_code="en").values_list("number", "title"))
    assert len(items) == 23
    for item in items:
        official = official_wording(item["number"], language)["title"]
        if official:
            assert item["title"] == official and not item["fallback"]
        else:
            assert item["title"] == english_titles[item["number"]] and item["fallback"]
    untranslated = [item["number"] for item in items if item["fallback"]]
    assert untranslated == ([] if language == "fr" else [15, 16, 17])


def _as_loaded_before(editor_region: Region, editor_objective: Objective) -> None:
    """The reference rows as the code before issue 14 left them, beside two names editors typed."""
    english = {o.number: o for o in Objective.objects.filter(locale__language_code="en")}
    for objective in Objective.objects.exclude(locale__language_code="en"):
        if objective.number in {3, 7, 8} and objective.pk != editor_objective.pk:
            objective.title = english[objective.number].title
            objective.save(update_fields=["title"])
    english_regions = dict(Region.objects.filter(locale__language_code="en").values_list("key", "name"))
    for region in Region.objects.exclude(locale__language_code="en").exclude(parent=None):
        if region.pk != editor_region.pk:
            region.name = english_regions[region.key]
            region.save(update_fields=["name"])
    for country in Country.objects.filter(locale__language_code="es", iso2__in=["NE", "BO"]):
        country.name = iso_catalogue_name(country.iso2, "es")
        country.save(update_fields=["name"])
    SearchEntry.objects.filter(locale="es", country="NE").update(country_name="Niger")


def test_the_migrations_rename_generated_rows_and_keep_what_editors_wrote(examples_in_every_language):
    editor_region = Region.objects.get(locale__language_code="fr", key="western-africa")
    editor_region.name = "Afrique de l'Ouest"
    editor_region.save()
    editor_objective = Objective.objects.get(locale__language_code="fr", number=8)
    editor_objective.title = "Sauver des vies (titre choisi par la rédaction)"
    editor_objective.save()
    _as_loaded_before(editor_region, editor_objective)
    assert english_leftovers("fr") and english_leftovers("es")
    assert SearchEntry.objects.get(locale="es", country="NE").country_name == "Niger"

    importlib.import_module("examples_library.migrations.0007_m49_and_cldr_names").forwards(apps, None)
    importlib.import_module("guidance_pages.migrations.0009_official_objective_titles").forwards(apps, None)

    assert english_leftovers("fr") == [] and english_leftovers("es") == []
    assert (
        Region.objects.get(locale__language_code="fr", key="northern-africa").name == "Afrique septentrionale"
    )
    assert Region.objects.get(locale__language_code="es", key="western-asia").name == "Asia occidental"
    # Spanish has no source for the intermediate regions: English stays, as the data says.
    assert Region.objects.get(locale__language_code="es", key="western-africa").name == "Western Africa"
    assert Country.objects.get(locale__language_code="es", iso2="NE").name == "Níger"
    assert Country.objects.get(locale__language_code="es", iso2="BO").name == "Bolivia"
    assert Objective.objects.get(locale__language_code="fr", number=3).title.startswith("Fournir dans")
    assert Objective.objects.get(locale__language_code="es", number=7).title == (
        "Abordar y reducir las vulnerabilidades en la migración"
    )
    # What editors wrote is kept.
    assert Region.objects.get(pk=editor_region.pk).name == "Afrique de l'Ouest"
    assert (
        Objective.objects.get(pk=editor_objective.pk).title
        == "Sauver des vies (titre choisi par la rédaction)"
    )
    # The read model's copy of the country's name follows.
    assert SearchEntry.objects.get(locale="es", country="NE").country_name == "Níger"


def test_an_objective_title_given_by_migration_survives_a_sync_of_the_english_objective(db):
    """The official wording is also wagtail-localize's translation of the English title: syncing the
    English objective (as editors do after changing it) must not write the English title back."""
    source = Objective.objects.get(locale__language_code="en", number=3)
    french = Objective.objects.get(locale__language_code="fr", number=3)
    StringTranslation.objects.filter(locale=french.locale, context__path="title", data=french.title).delete()
    french.title = source.title
    french.save()
    assert apply_official_titles() == 1
    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translation_source.translations.get(target_locale=french.locale).save_target()
    assert Objective.objects.get(pk=french.pk).title.startswith("Fournir dans")


def test_i18n_check_fails_on_an_english_label_served_in_french(db):
    assert english_leftovers("fr") == [] and english_leftovers("es") == []
    region = Region.objects.get(locale__language_code="fr", key="southern-asia")
    region.name = "Southern Asia"
    region.save()
    principle = GuidingPrinciple.objects.get(locale__language_code="es", key="human_rights")
    principle.name = "Human rights"
    principle.save()
    found = {(leftover.language, leftover.taxonomy, leftover.key) for leftover in english_leftovers("fr")}
    assert found == {("fr", "region", "southern-asia")}
    assert {(x.taxonomy, x.key) for x in english_leftovers("es")} == {("principle", "human_rights")}
    with pytest.raises(CommandError, match="2 taxonomy label"):
        call_command("i18n_check")


def test_labels_identical_in_both_languages_are_not_leftovers(db):
    """Some names are the same in French and English (Canada, Mali): the data says so, nothing is typed."""
    assert country_name("CA", "fr") == Country.objects.get(locale__language_code="en", iso2="CA").name
    assert english_leftovers("fr") == []
