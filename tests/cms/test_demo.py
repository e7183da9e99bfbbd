from django.contrib.auth import get_user_model

from wagtail.models import Page, Revision
from wagtail_localize.models import Translation, TranslationSource

from cms.demo import DEMO_PASSWORD, load_demo
from guidance_pages.models import GuidingPrinciple, Objective, ObjectivePage, StepPage


def snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "objectives": sorted(Objective.objects.values_list("locale__language_code", "number", "title")),
        "principles": sorted(GuidingPrinciple.objects.values_list("locale__language_code", "key", "name")),
        "revisions": Revision.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    }


def test_load_demo_twice_changes_nothing(db):
    before = snapshot()
    load_demo()
    assert snapshot() == before


def test_demo_holds_the_whole_living_document(db):
    assert Objective.objects.filter(locale__language_code="en").count() == 23
    assert GuidingPrinciple.objects.filter(locale__language_code="en").count() == 10
    pages = ObjectivePage.objects.live().filter(locale__language_code="en").order_by("objective__number")
    assert [page.objective.number for page in pages] == list(range(1, 24))
    assert sorted(StepPage.objects.live().values_list("step_number", flat=True)) == [1, 2, 3, 4, 5, 6]


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
