from wagtail_localize.models import TranslationSource

import pytest

from cms.demo import DEMO_PASSWORD
from cms.i18n.translation_report import outdated_translations
from cms.i18n.translation_status import OUTDATED, PARTLY_TRANSLATED
from guidance_pages.models import BookletPage, ChangeKind, ChangeNote, GuidePage
from tests.cms.helpers import translate_the_rest

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


def rows_of(username: str, django_user_model) -> dict:
    rows = outdated_translations(django_user_model.objects.get(username=username))
    return {row.page.pk: row.status for row in rows}


def test_report_lists_as_outdated_only_translations_whose_english_changed(editor_client, django_user_model):
    response = editor_client.get(URL)
    assert response.status_code == 200
    assert b"Outdated translations" in response.content
    rows = outdated_translations(django_user_model.objects.get(username="editor"))
    outdated = [row.page for row in rows if row.status == OUTDATED]
    assert outdated, "the demo revises some English pages substantively after translating them"
    for page in outdated:
        assert ChangeNote.objects.filter(
            page__translation_key=page.translation_key,
            page__locale__language_code="en",
            kind=ChangeKind.SUBSTANTIVE,
            published_at__isnull=False,
        ).exists(), page


def test_report_lists_partly_translated_pages_until_they_are_translated(editor_client, django_user_model):
    french = BookletPage.objects.get(locale__language_code="fr")  # the demo leaves placeholders in English
    assert rows_of("editor", django_user_model)[french.pk] == PARTLY_TRANSLATED
    assert "Partly translated" in editor_client.get(URL).content.decode()
    translate_the_rest(french)
    assert french.pk not in rows_of("editor", django_user_model)


def test_report_lists_outdated_translations_with_locale_and_date(editor_client, django_user_model):
    change_and_sync(GuidePage.objects.get(locale__language_code="en"))
    response = editor_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le Guide (démo)" in html and "La Guía (demo)" in html
    assert "French" in html and "Spanish" in html
    french = GuidePage.objects.get(locale__language_code="fr")
    assert f"/admin/pages/{french.pk}/edit/" in html
    rows = outdated_translations(django_user_model.objects.get(username="editor"))
    assert rows[0].status == OUTDATED  # outdated pages come first
    booklet = BookletPage.objects.get(locale__language_code="fr")
    assert rows_of("editor", django_user_model)[booklet.pk] != OUTDATED  # its source did not change


def test_report_rows_and_menu(editor_client, django_user_model):
    source = change_and_sync(BookletPage.objects.get(locale__language_code="en"))
    editor = django_user_model.objects.get(username="editor")
    booklet = source.object_id
    rows = [
        row
        for row in outdated_translations(editor)
        if row.status == OUTDATED and row.page.translation_key == booklet
    ]
    assert sorted(row.page.locale.language_code for row in rows) == ["es", "fr"]
    assert {row.outdated_since for row in rows} == {source.last_updated_at}
    results = editor_client.get(URL + "results/")
    assert results.status_code == 200
    assert "Le Livret (démo)" in results.content.decode()
    assert b"/admin/reports/outdated-translations/" in editor_client.get("/admin/").content


def test_report_is_closed_to_anonymous_users(client):
    assert client.get(URL).status_code == 302
