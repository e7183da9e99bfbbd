from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import TranslationSource

import pytest

from cms.demo import DEMO_PASSWORD
from guidance_pages.models import GuidingPrinciple, HomePage, ObjectivePage
from tests.guidance_pages.factories import ObjectivePageFactory

PASSWORD = "french-editor-password"


@pytest.fixture
def french_editor(db, django_user_model):
    """May edit and publish the French tree only, and submit translations (the global permission)."""
    group = Group.objects.create(name="French editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation"),
    )
    french_home = HomePage.objects.get(locale__language_code="fr")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=french_home, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("marie", password=PASSWORD)
    user.groups.add(group)
    return user


@pytest.fixture
def french_client(client, french_editor):
    assert client.login(username="marie", password=PASSWORD)
    return client


def english_objective_page(slug: str, live: bool) -> ObjectivePage:
    return ObjectivePageFactory(
        title=f"Secret draft {slug}", slug=slug, summary="Not yet public.", publish=live
    )


def denied(response) -> bool:
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error message.
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def submit(client, page: Page, *codes: str):
    locales = [Locale.objects.get(language_code=code).pk for code in codes]
    return client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": locales})


def test_french_editor_cannot_translate_an_english_draft_they_cannot_edit(french_client):
    draft = english_objective_page("secret-draft", live=False)
    assert denied(french_client.get(f"/admin/localize/submit/page/{draft.pk}/"))
    assert denied(submit(french_client, draft, "fr"))
    assert not Page.objects.filter(translation_key=draft.translation_key, locale__language_code="fr").exists()
    assert not Page.objects.filter(title__contains="Secret draft").exclude(pk=draft.pk).exists()


def test_french_editor_may_translate_a_public_english_page_into_french(french_client):
    page = english_objective_page("public-page", live=True)
    response = submit(french_client, page, "fr")
    assert response.status_code == 302 and not denied(response)
    assert Page.objects.filter(translation_key=page.translation_key, locale__language_code="fr").exists()


def test_french_editor_cannot_create_pages_in_the_spanish_tree(french_client):
    page = english_objective_page("public-page-es", live=True)
    assert denied(submit(french_client, page, "es"))
    assert not Page.objects.filter(translation_key=page.translation_key, locale__language_code="es").exists()


def test_french_editor_cannot_sync_an_english_source(french_client):
    guide_source = TranslationSource.objects.get(
        object_id=Page.objects.get(locale__language_code="en", slug="guide").translation_key,
        locale__language_code="en",
    )
    before = guide_source.last_updated_at
    assert denied(french_client.post(f"/admin/localize/update/{guide_source.pk}/", {}))
    guide_source.refresh_from_db()
    assert guide_source.last_updated_at == before


def test_an_editor_of_the_source_still_translates_drafts(client):
    assert client.login(username="admin", password=DEMO_PASSWORD)
    draft = english_objective_page("admin-draft", live=False)
    response = submit(client, draft, "fr")
    assert response.status_code == 302 and not denied(response)
    assert Page.objects.filter(translation_key=draft.translation_key, locale__language_code="fr").exists()


def test_translating_a_taxonomy_needs_permission_to_add_to_it(french_client):
    principle = GuidingPrinciple.objects.get(locale__language_code="en", key="people_centred")
    french = Locale.objects.get(language_code="fr")
    principle.get_translation(french).delete()
    url = f"/admin/localize/modeladmin/submit/guidance_pages/guidingprinciple/{principle.pk}/"
    assert denied(french_client.post(url, {"locales": [french.pk]}))
    assert principle.get_translation_or_none(french) is None


def test_an_administrator_still_translates_a_taxonomy(client):
    assert client.login(username="admin", password=DEMO_PASSWORD)
    principle = GuidingPrinciple.objects.get(locale__language_code="en", key="people_centred")
    french = Locale.objects.get(language_code="fr")
    principle.get_translation(french).delete()
    url = f"/admin/localize/modeladmin/submit/guidance_pages/guidingprinciple/{principle.pk}/"
    response = client.post(url, {"locales": [french.pk]})
    assert response.status_code == 302 and not denied(response)
    assert principle.get_translation_or_none(french) is not None
