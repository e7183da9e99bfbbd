from wagtail_localize.models import TranslationSource

import pytest

from cms.demo import DEMO_PASSWORD
from cms.i18n.translation_report import outdated_translations
from guidance_pages.models import BookletPage, GuidePage

URL = "/admin/reports/outdated-translations/"


@pytest.fixture
def editor_client(client):
    assert client.login(username="editor", password=DEMO_PASSWORD)
    return client


def change_and_sync(page) -> TranslationSource:
    page.summary = "Changed in English."
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()
    return source


def test_report_is_empty_when_everything_is_in_step(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 200
    assert b"Outdated translations" in response.content
    assert "Le Guide (démo)" not in response.content.decode()


def test_report_lists_outdated_translations_with_locale_and_date(editor_client):
    change_and_sync(GuidePage.objects.get(locale__language_code="en"))
    response = editor_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le Guide (démo)" in html and "La Guía (demo)" in html
    assert "French" in html and "Spanish" in html
    assert "Le Livret (démo)" not in html  # the booklet's source did not change
    french = GuidePage.objects.get(locale__language_code="fr")
    assert f"/admin/pages/{french.pk}/edit/" in html


def test_report_rows_and_menu(editor_client, django_user_model):
    source = change_and_sync(BookletPage.objects.get(locale__language_code="en"))
    editor = django_user_model.objects.get(username="editor")
    rows = outdated_translations(editor)
    assert sorted(row.page.locale.language_code for row in rows) == ["es", "fr"]
    assert {row.outdated_since for row in rows} == {source.last_updated_at}
    results = editor_client.get(URL + "results/")
    assert results.status_code == 200
    assert "Le Livret (démo)" in results.content.decode()
    assert b"/admin/reports/outdated-translations/" in editor_client.get("/admin/").content


def test_report_is_closed_to_anonymous_users(client):
    assert client.get(URL).status_code == 302
