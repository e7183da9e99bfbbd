from django.contrib.auth import get_user_model
from django.db.models import Count

from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

import pytest

from cms.demo import DEMO_PASSWORD, load_demo
from cms.i18n.translation import translate_tree
from examples_library.models import ExamplePage, ExamplesIndexPage
from guidance_pages.models import (
    BookletPage,
    ChapterPage,
    GuidePage,
    GuidingPrinciple,
    HomePage,
    Objective,
    ObjectivePage,
    StepPage,
)


def snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "objectives": sorted(Objective.objects.values_list("locale__language_code", "number", "title")),
        "principles": sorted(GuidingPrinciple.objects.values_list("locale__language_code", "key", "name")),
        "revisions": Revision.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        # Page translations only: the taxonomies are re-translated on every run (their facts may change).
        "page_translation_logs": TranslationLog.objects.filter(revision__isnull=False).count(),
        "pages_per_key_and_locale": sorted(
            Page.objects.filter(depth__gt=1)
            .values("translation_key", "locale__language_code")
            .annotate(n=Count("id"))
            .values_list("translation_key", "locale__language_code", "n")
        ),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    }


def test_load_demo_twice_changes_nothing(db):
    before = snapshot()
    load_demo()
    assert snapshot() == before
    # Exactly one page per translation key and locale: the second run made no second translation.
    assert {n for _key, _code, n in before["pages_per_key_and_locale"]} == {1}


GUIDANCE_MODELS = [HomePage, GuidePage, ChapterPage, StepPage, BookletPage, ObjectivePage, ExamplesIndexPage]


@pytest.mark.parametrize("code", ["fr", "es"])
def test_every_english_page_has_a_wagtail_localize_translation(db, code):
    # Examples keep their own language: only the guidance and the examples index are translated.
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1).not_type(ExamplePage)
    assert english_pages.count() == 36  # home, guide, 3 chapters, 6 steps, booklet, 23 objectives, examples
    translated = Page.objects.filter(locale__language_code=code, live=True)
    assert set(translated.values_list("translation_key", flat=True)) == set(
        english_pages.values_list("translation_key", flat=True)
    )
    for model in GUIDANCE_MODELS:
        assert (
            model.objects.filter(locale__language_code=code).count()
            == model.objects.filter(locale__language_code="en").count()
        ), model
    # Real translation sources (one per English page), each translated into this locale, not loose copies.
    sources = TranslationSource.objects.filter(
        locale__language_code="en", object_id__in=english_pages.values("translation_key")
    )
    assert sources.count() == 36
    assert Translation.objects.filter(source__in=sources, target_locale__language_code=code).count() == 36


def test_main_pages_have_demo_french_and_spanish_text(db):
    guide_fr = GuidePage.objects.get(locale__language_code="fr")
    assert guide_fr.title == "Le Guide (démo)"
    assert "démo" in guide_fr.summary
    booklet_es = BookletPage.objects.get(locale__language_code="es")
    assert booklet_es.title == "El Folleto (demo)"
    assert "demostración" in booklet_es.summary
    chapter_fr = ChapterPage.objects.get(locale__language_code="fr", slug="guiding-principles")
    assert chapter_fr.title == "Principes directeurs (démo)"
    callout = chapter_fr.body[0]
    assert callout.value["title"] == "Contenu de démonstration"
    assert "Contenu de démonstration" in callout.value["body"].source


def test_untranslated_segments_fall_back_to_the_english_text(db):
    step_en = StepPage.objects.get(locale__language_code="en", step_number=2)
    step_fr = step_en.get_translation(step_en.locale.__class__.objects.get(language_code="fr"))
    assert step_fr.specific.title == "Étape 2"
    assert step_fr.specific.summary == step_en.summary  # no demo translation: the source text stays
    assert step_fr.specific.step_number == 2


@pytest.mark.parametrize("code", ["fr", "es"])
def test_objective_pages_point_at_the_objective_in_their_own_language(db, code):
    pages = ObjectivePage.objects.filter(locale__language_code=code).select_related("objective__locale")
    assert pages.count() == 23
    for page in pages:
        assert page.objective.locale.language_code == code
        english = page.get_translation(Objective.objects.get(pk=page.objective.pk).locale.get_default())
        assert english.specific.objective.translation_key == page.objective.translation_key


def test_demo_holds_the_whole_living_document(db):
    assert Objective.objects.filter(locale__language_code="en").count() == 23
    assert GuidingPrinciple.objects.filter(locale__language_code="en").count() == 10
    pages = ObjectivePage.objects.live().filter(locale__language_code="en").order_by("objective__number")
    assert [page.objective.number for page in pages] == list(range(1, 24))
    steps = StepPage.objects.live().filter(locale__language_code="en")
    assert sorted(steps.values_list("step_number", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_demo_uses_the_official_titles_and_labels(db):
    objective = Objective.objects.get(locale__language_code="en", number=13)
    assert (
        objective.title
        == "Use migration detention only as a measure of last resort and work towards alternatives"
    )
    spanish = objective.get_translation_or_none(objective.locale.__class__.objects.get(language_code="es"))
    assert spanish.short_label == "Alternativas a la detención"
    assert spanish.title.startswith("Utilizar la detención de migrantes")
    principle = GuidingPrinciple.objects.get(locale__language_code="fr", key="people_centred")
    assert principle.name == "Priorité à la dimension humaine"
    assert principle.paragraph == "15(a)"


def test_taxonomy_translations_are_wagtail_localize_sources(db):
    objective = Objective.objects.get(locale__language_code="en", number=1)
    source = TranslationSource.objects.get(object_id=objective.translation_key)
    assert sorted(source.translations.values_list("target_locale__language_code", flat=True)) == ["es", "fr"]


def test_demo_text_is_marked_as_demo(db):
    page = ObjectivePage.objects.get(locale__language_code="en", objective__number=5)
    callout = page.body[0]
    assert callout.block_type == "callout"
    assert "Demo content" in callout.value["body"].source


def test_demo_users_can_sign_in(client):
    assert client.login(username="admin", password=DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_no_demo_users_where_they_are_disabled(db, settings):
    settings.DEMO_USERS_ENABLED = False
    get_user_model().objects.all().delete()
    load_demo()
    assert not get_user_model().objects.exists()


def test_translate_tree_translates_only_the_given_page_types(db):
    home = HomePage.objects.get(locale__language_code="en")
    extra = StepPage(title="Step 7 draft", slug="extra-step", step_number=6, summary="Extra.")
    ChapterPage.objects.get(locale=home.locale, slug="six-step-process").add_child(instance=extra)
    french = Locale.objects.get(language_code="fr")
    made = translate_tree(home, [french], lambda page, locale: ({}, {}), page_types=(HomePage, GuidePage))
    assert made == 0  # every home and guide page is translated already; the new step is not of those types
    assert extra.get_translation_or_none(french) is None
