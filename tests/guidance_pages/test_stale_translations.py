"""Issue 13: a substantive English change outdates its translations on the next request (no sync run), a
minor one does not; API v2 tells readers the last change and the stale translation, in constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from guidance_pages.history.notes import record_change
from guidance_pages.models import ChangeKind, ChangeNote, GuidePage, ObjectivePage
from tests.cms.helpers import api, page_in, translate_the_rest

pytestmark = pytest.mark.django_db


def publish(page, kind: str, note: str = "", summary: str = "Changed in English."):
    """The admin's order: the revision is saved, its note recorded, then it is published."""
    page.summary = summary
    revision = page.save_revision()
    record_change(revision, kind, note)
    revision.publish()
    return ChangeNote.objects.get(pk=revision.pk)


def latest_public_note(page) -> ChangeNote:
    return (
        ChangeNote.objects.filter(
            page=page, published_at__isnull=False, kind__in=[ChangeKind.ORIGINAL, ChangeKind.SUBSTANTIVE]
        )
        .order_by("-published_at")
        .first()
    )


@pytest.fixture
def french_guide():
    french = page_in(GuidePage, "fr")
    translate_the_rest(french)
    return french


def test_a_substantive_change_outdates_the_translation_without_a_sync(client, french_guide):
    assert api(client, french_guide)["translation_status"] == "up_to_date"
    change = publish(page_in(GuidePage, "en"), ChangeKind.SUBSTANTIVE, "Rewritten summary.")
    body = api(client, french_guide)
    assert body["translation_status"] == "outdated"
    assert body["outdated_since"] == change.published_at.isoformat()


def test_a_minor_change_does_not(client, french_guide):
    publish(page_in(GuidePage, "en"), ChangeKind.MINOR)
    assert api(client, french_guide)["translation_status"] == "up_to_date"


def test_a_substantive_change_to_a_translation_outdates_nothing(client, french_guide):
    spanish = page_in(GuidePage, "es")
    translate_the_rest(spanish)
    publish(french_guide, ChangeKind.SUBSTANTIVE, "Résumé revu.")
    assert api(client, spanish)["translation_status"] == "up_to_date"


def test_last_change_is_the_latest_public_version(client):
    guide = page_in(GuidePage, "en")
    latest = latest_public_note(guide)  # the demo's original or its substantive revision
    assert api(client, guide)["last_change"] == {
        "version": latest.revision_id,
        "date": latest.published_at.isoformat(),
        "kind": latest.kind,
        "note": latest.note,
    }
    change = publish(guide, ChangeKind.SUBSTANTIVE, "New step.")
    assert api(client, guide)["last_change"]["version"] == change.revision_id
    assert api(client, guide)["last_change"]["note"] == "New step."
    publish(guide, ChangeKind.MINOR, summary="Typo fixed.")
    assert api(client, guide)["last_change"]["version"] == change.revision_id  # minor: never public
    guide.summary = "A draft nobody published."
    draft = guide.save_revision()
    record_change(draft, ChangeKind.SUBSTANTIVE, "Not yet.")
    assert api(client, guide)["last_change"]["version"] == change.revision_id  # drafts: never public


def test_stale_translation_points_to_the_english_page_and_the_diff(client, french_guide):
    english = page_in(GuidePage, "en")
    assert api(client, french_guide)["stale_translation"] is None
    assert api(client, english)["stale_translation"] is None
    followed = latest_public_note(english)  # the English version the translation was brought up to
    change = publish(english, ChangeKind.SUBSTANTIVE, "Rewritten summary.")
    assert api(client, french_guide)["stale_translation"] == {
        "status": "outdated",
        "since": change.published_at.isoformat(),
        "source": {"id": english.pk, "title": english.title, "path": "/en/guide/"},
        "diff_from": followed.revision_id,
        "diff_to": change.revision_id,
    }


def test_a_partly_translated_page_is_stale_too(client):
    french = page_in(ObjectivePage, "fr", objective__number=3)  # the demo leaves placeholders in English
    stale = api(client, french)["stale_translation"]
    assert stale["status"] == "partly_translated"
    assert stale["since"] is None
    assert stale["source"]["path"] == "/en/booklet/objective-3/"


def listing_queries(client, code: str, limit: int) -> int:
    url = (
        f"/api/v2/pages/?type=guidance_pages.ObjectivePage&locale={code}"
        f"&fields=last_change,stale_translation&limit={limit}"
    )
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).json()
    assert len(body["items"]) == limit
    assert all("last_change" in item and "stale_translation" in item for item in body["items"])
    return len(queries)


@pytest.mark.parametrize("code", ["en", "fr"])
def test_listing_queries_do_not_grow_with_the_number_of_pages(client, code):
    for number in (1, 2, 3):
        publish(page_in(ObjectivePage, "en", objective__number=number), ChangeKind.SUBSTANTIVE, "A change.")
    client.get("/api/v2/pages/?type=guidance_pages.ObjectivePage&limit=1")  # warm per-process caches
    assert listing_queries(client, code, 2) == listing_queries(client, code, 23)
