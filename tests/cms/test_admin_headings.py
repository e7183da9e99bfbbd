"""Admin screens of ours outside Wagtail's viewsets show their own title as heading, in the editor's
language (cms.admin_screens.TitledScreen); before, the import and publish-edition screens read "Home"."""

from wagtail.models import Locale
from wagtail.users.models import UserProfile

import pytest

from guidance_pages.models import Edition
from tests.factories import UserFactory
from tests.helpers import client_for, heading


@pytest.mark.parametrize(("language", "title"), [("en", "Import examples"), ("fr", "Importer des exemples")])
def test_the_import_screens_heading_is_its_title(db, language, title):
    html = editor_client(language).get("/admin/examples/import/").content.decode()
    assert heading(html) == title


@pytest.mark.parametrize(("language", "title"), [("en", "Publish edition"), ("fr", "Publier l'édition")])
def test_the_publish_edition_screens_heading_is_its_title(db, language, title):
    edition = Edition.objects.create(
        number=9, name="Ninth edition", date="2030-01-01", locale=Locale.objects.get(language_code="en")
    )
    response = editor_client(language).get(f"/admin/editions/{edition.pk}/publish/")
    assert response.status_code == 200
    assert heading(response.content.decode()) == title


def editor_client(language: str):
    editor = UserFactory(role="Editors")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    return client_for(editor)
