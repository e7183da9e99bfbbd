"""Issue 14: one library in every language. Every published example is listed, counted and found under every
UI language: in the reader's language where it is translated, otherwise in its own language."""

from wagtail.models import Locale

import pytest

from search import facets
from search.listing import choose, language_bit
from search.models import SearchEntry
from tests.search.helpers import add_example, committed, facet, get

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr", "es")


def listed(client, language, **params):
    body = get(client, locale=language, page_size=50, **params)
    return body, {item["title"]: item for item in body["items"]}


def translate(page, language, title):
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    copy.title = title
    with committed():
        copy.save_revision().publish()
    copy.refresh_from_db()  # live now
    return copy


def test_an_example_of_any_language_is_listed_and_counted_in_every_language(client):
    add_example("Domestic workers' contracts", 6, country="PH")
    add_example("Registro de personas desaparecidas", 8, country="MX", language="es")
    add_example("Guichet unique pour les migrants", 15, country="SN", language="fr")
    counts = set()
    for language in LANGUAGES:
        body, items = listed(client, language)
        counts.add(body["count"])
        spanish = items["Registro de personas desaparecidas"]
        french = items["Guichet unique pour les migrants"]
        # Each in its own language, at its own address: no link under the reader's prefix that would 404.
        assert (spanish["locale"], spanish["path"][:4]) == ("es", "/es/")
        assert (french["locale"], french["path"][:4]) == ("fr", "/fr/")
        assert client.get(f"/api/v1/examples/{spanish['id']}/").status_code == 200
        assert facet(body, "language")["es"] >= 1 and facet(body, "language")["fr"] >= 1
    assert len(counts) == 1  # the same library, whatever the reader's language


def test_a_translation_takes_its_original_s_place_in_its_language_only(client):
    english = add_example("Skills partnerships", 18, country="DE")
    before = {language: listed(client, language)[0]["count"] for language in LANGUAGES}  # indexes built
    translate(english, "fr", "Partenariats de compétences")
    for language in LANGUAGES:
        body, items = listed(client, language)
        assert body["count"] == before[language]  # still one example, not two
        shown = "Partenariats de compétences" if language == "fr" else "Skills partnerships"
        hidden = "Skills partnerships" if language == "fr" else "Partenariats de compétences"
        assert shown in items and hidden not in items


def test_unpublishing_a_translation_lists_the_original_again(client):
    english = add_example("Skills partnerships", 18, country="DE")
    french = translate(english, "fr", "Partenariats de compétences")
    assert "Partenariats de compétences" in listed(client, "fr")[1]
    with committed():
        french.unpublish()
    _body, items = listed(client, "fr")
    assert "Skills partnerships" in items and "Partenariats de compétences" not in items


def test_countries_are_named_in_the_reader_s_language(client):
    add_example("Registro de personas desaparecidas", 8, country="DE", language="es")
    _body, items = listed(client, "en")
    assert items["Registro de personas desaparecidas"]["country_name"] == "Germany"
    body, items = listed(client, "fr")
    assert items["Registro de personas desaparecidas"]["country_name"] == "Allemagne"
    assert {b["value"]: b["label"] for b in body["facets"]["country"]}["DE"] == "Allemagne"


def test_words_find_examples_of_every_language(client):
    add_example("Domestic workers' contracts", 6, country="PH", summary="Standard contracts for workers.")
    for language in LANGUAGES:
        _body, items = listed(client, language, q="domestic workers")
        assert "Domestic workers' contracts" in items, language
        site = client.get("/api/v1/search/", {"locale": language, "q": "domestic workers"}).json()
        assert [item["title"] for item in site["examples"]["items"]] == ["Domestic workers' contracts"]


def test_the_objective_endpoint_and_the_library_agree_in_every_language(client):
    add_example("Domestic workers' contracts", 6, country="PH")
    add_example("Trabajo doméstico", 6, country="MX", language="es")
    english = add_example("Fair recruitment", 6, country="GH")
    translate(english, "fr", "Recrutement équitable")
    for language in LANGUAGES:
        library = get(client, locale=language, objective=6)
        detail = client.get("/api/v1/objectives/6/", {"locale": language}).json()
        assert detail["examples"]["count"] == library["count"], language
        listed = {item["id"] for item in library["items"]}
        assert {item["id"] for item in detail["examples"]["items"]} <= listed


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # an English original alone: listed under every language
        ([(1, "en", "en")], {1: 0b111}),
        # with a French translation: French readers get the translation
        ([(1, "en", "en"), (2, "fr", "en")], {1: 0b101, 2: 0b010}),
        # a Spanish original translated into English: French readers get the Spanish original
        ([(1, "es", "es"), (2, "en", "es")], {1: 0b110, 2: 0b001}),
        # an original that is gone: the default language's translation stands in
        ([(3, "fr", "de"), (2, "en", "de")], {2: 0b101, 3: 0b010}),
    ],
)
def test_which_row_each_language_lists(rows, expected):
    assert choose(rows) == expected
    assert language_bit("fr") == 0b010


def test_every_read_of_the_library_uses_the_listed_rows(client):
    english = add_example("Skills partnerships", 18, country="DE")
    translate(english, "es", "Asociaciones de competencias")
    rows = dict(SearchEntry.objects.filter(item_type="example").values_list("title", "listed_in"))
    assert rows["Skills partnerships"] == language_bit("en") | language_bit("fr")
    assert rows["Asociaciones de competencias"] == language_bit("es")
    facets.clear()  # built anew, not advanced: the same answer
    _body, items = listed(client, "es")
    assert "Asociaciones de competencias" in items and "Skills partnerships" not in items
