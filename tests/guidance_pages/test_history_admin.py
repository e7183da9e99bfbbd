"""Issue 13: the Edition admin. Editors (who may publish pages) manage editions and publish them from a
confirmation page; moderators and anonymous visitors cannot; refusals are messages, not errors."""

from wagtail.models import Locale

import pytest

from cms.demo import DEMO_PASSWORD
from guidance_pages.models import Edition, EditionPage, EditionStatus


@pytest.fixture
def draft(db) -> Edition:
    number = max(Edition.objects.values_list("number", flat=True), default=0) + 1
    return Edition.objects.create(
        number=number, name="Second edition", date="2023-01-01", locale=Locale.objects.get(language_code="en")
    )


def signed_in(client, username: str):
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


def test_editor_sees_the_editions_and_publishes_after_confirming(client, draft):
    editor = signed_in(client, "editor")
    listing = editor.get("/admin/snippets/guidance_pages/edition/")
    assert listing.status_code == 200
    assert f"/admin/editions/{draft.pk}/publish/".encode() in listing.content
    assert editor.get(f"/admin/snippets/guidance_pages/edition/edit/{draft.pk}/").status_code == 200
    confirm = editor.get(f"/admin/editions/{draft.pk}/publish/")
    assert confirm.status_code == 200 and b"Yes, publish this edition" in confirm.content
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT  # a GET changes nothing
    response = editor.post(f"/admin/editions/{draft.pk}/publish/", follow=True)
    assert response.status_code == 200
    assert b"published: it fixes" in response.content
    draft.refresh_from_db()
    assert draft.status == EditionStatus.PUBLISHED
    assert EditionPage.objects.filter(edition_number=draft.number).exists()


def test_a_second_publish_is_a_message_not_an_error(client, draft):
    editor = signed_in(client, "editor")
    editor.post(f"/admin/editions/{draft.pk}/publish/")
    response = editor.post(f"/admin/editions/{draft.pk}/publish/", follow=True)
    assert response.status_code == 200
    assert b"is already published" in response.content


def test_moderator_cannot_see_or_publish_editions(client, draft):
    moderator = signed_in(client, "moderator")
    assert moderator.get("/admin/snippets/guidance_pages/edition/").status_code in (302, 403)
    assert moderator.get(f"/admin/editions/{draft.pk}/publish/").status_code in (302, 403)
    assert moderator.post(f"/admin/editions/{draft.pk}/publish/").status_code in (302, 403)
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT


def test_anonymous_is_sent_to_the_login(client, draft):
    response = client.post(f"/admin/editions/{draft.pk}/publish/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    draft.refresh_from_db()
    assert draft.status == EditionStatus.DRAFT


def test_a_published_edition_cannot_be_deleted(client):
    editor = signed_in(client, "editor")
    published = Edition.objects.get(number=1, locale__language_code="en")
    assert editor.post(f"/admin/snippets/guidance_pages/edition/delete/{published.pk}/").status_code in (
        302,
        403,
    )
    assert Edition.objects.filter(pk=published.pk).exists()
