"""Issue 13: publishing an edition fixes every live guidance page's revision in every language; the editions
API shows published editions only, in the reader's language with an English fallback, and what changed."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, ModelLogEntry, Page

import pytest

from guidance_pages.history.editions import EditionRefused, publish_edition
from guidance_pages.history.versions import GUIDANCE_PAGE_MODELS
from guidance_pages.models import Edition, EditionPage, EditionStatus
from tests.cms.helpers import configure, purge_receiver
from tests.guidance_pages.factories import ObjectivePageFactory, paragraphs, publish_change


def new_edition(number: int, name: str = "Edition", language: str = "en", **fields) -> Edition:
    return Edition.objects.create(
        number=number,
        name=name,
        date="2021-06-01",
        locale=Locale.objects.get(language_code=language),
        **fields,
    )


@pytest.fixture
def next_number(db) -> int:
    return (max(Edition.objects.values_list("number", flat=True), default=0) or 0) + 1


def test_publish_fixes_every_live_guidance_page_in_every_language(db, next_number, django_user_model):
    editor = django_user_model.objects.create_user("editor-h13", password="x")
    english = new_edition(next_number, "Third edition")
    french = english.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Troisième édition"
    french.save()
    count = publish_edition(english, editor)
    live = Page.objects.live().public().type(*GUIDANCE_PAGE_MODELS)
    assert count == live.count() and count > 0
    fixed = dict(EditionPage.objects.filter(edition_number=next_number).values_list("page_id", "revision_id"))
    assert fixed == {p.pk: p.live_revision_id for p in live}
    assert {p.locale.language_code for p in live.select_related("locale")} >= {"en", "fr", "es"}
    for row in Edition.objects.filter(translation_key=english.translation_key):
        assert row.status == EditionStatus.PUBLISHED and row.published_at is not None
    entry = ModelLogEntry.objects.get(action="gcm.edition.publish", object_id=str(english.pk))
    assert entry.user == editor


def test_publish_refuses_twice_and_a_number_not_after_the_last(db, next_number):
    edition = new_edition(next_number + 1)
    publish_edition(edition)
    with pytest.raises(EditionRefused, match="already published"):
        publish_edition(edition)
    earlier = new_edition(next_number)
    with pytest.raises(EditionRefused, match="greater than"):
        publish_edition(earlier)
    assert Edition.objects.get(pk=earlier.pk).status == EditionStatus.DRAFT
    assert not EditionPage.objects.filter(edition_number=next_number).exists()


@pytest.fixture
def two_editions(db, next_number):
    page = ObjectivePageFactory(publish=False, title="Data")
    first = publish_change(page, "original", "", body=paragraphs("One.", "Two."))
    one = new_edition(next_number, "Advanced draft", introduction="<p>Draft <script>x</script>for review</p>")
    publish_edition(one)
    second = publish_change(page, "substantive", "Two is now three.", body=paragraphs("One.", "Three."))
    minor = publish_change(page, "minor", "", title="Data!")
    two = new_edition(next_number + 1, "First edition")
    spanish = two.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.name = "Primera edición"
    spanish.save()
    draft = new_edition(next_number + 2, "Not yet")
    publish_edition(two)
    return {
        "page": page,
        "first": first,
        "second": second,
        "minor": minor,
        "one": one,
        "two": two,
        "draft": draft,
    }


def test_edition_detail_lists_what_changed_since_the_previous_one(client, two_editions):
    data = two_editions
    number = data["two"].number
    body = client.get(f"/api/v1/editions/{number}/?locale=en").json()
    assert body["name"] == "First edition" and body["previous"] == number - 1 and body["next"] is None
    assert body["fallback"] is False
    [change] = [c for c in body["changes"] if c["page"]["id"] == data["page"].pk]
    assert [n["id"] for n in change["notes"]] == [data["second"].pk]
    assert change["notes"][0]["note"] == "Two is now three."
    assert change["counts"] == {"added": 0, "removed": 0, "moved": 0, "changed": 1, "unchanged": 1}
    assert (change["diff_from"], change["diff_to"]) == (f"e{number - 1}", f"e{number}")
    # The minor change went live before the edition: the edition fixed it, its note stays private.
    assert data["minor"].pk not in [n["id"] for n in change["notes"]]
    diff = client.get(f"/api/v1/pages/{data['page'].pk}/diff/?from=e{number - 1}&to=e{number}").json()
    assert diff["to"]["id"] == data["minor"].pk and diff["to"]["kind"] == "edition"
    assert diff["to"]["note"] == "" and diff["to"]["editions"] == [number]


def test_a_page_new_in_an_edition_has_no_diff_from(client, two_editions):
    number = two_editions["one"].number
    body = client.get(f"/api/v1/editions/{number}/").json()
    [change] = [c for c in body["changes"] if c["page"]["id"] == two_editions["page"].pk]
    assert change["diff_from"] is None and change["diff_to"] == f"e{number}"
    assert change["counts"]["added"] == 2 and [n["kind"] for n in change["notes"]] == ["original"]


def test_editions_list_published_only_in_the_readers_language_with_fallback(client, two_editions):
    numbers = [two_editions[k].number for k in ("one", "two")]
    spanish = client.get("/api/v1/editions/?locale=es").json()["items"]
    by_number = {e["number"]: e for e in spanish}
    assert two_editions["draft"].number not in by_number
    assert by_number[numbers[1]]["name"] == "Primera edición" and by_number[numbers[1]]["fallback"] is False
    assert by_number[numbers[0]]["name"] == "Advanced draft" and by_number[numbers[0]]["fallback"] is True
    english = {e["number"]: e for e in client.get("/api/v1/editions/?locale=en").json()["items"]}
    assert english[numbers[1]]["pages_changed"] >= 1
    assert client.get(f"/api/v1/editions/{two_editions['draft'].number}/").status_code == 404


def test_edition_introduction_is_sanitized(client, two_editions):
    body = client.get(f"/api/v1/editions/{two_editions['one'].number}/").json()
    assert "<script>" not in body["introduction"] and "for review" in body["introduction"]


def test_changes_since_an_edition(client, two_editions):
    number = two_editions["one"].number
    items = client.get(f"/api/v1/changes/?since={number}&limit=100").json()["items"]
    assert [c["version"]["id"] for c in items] == [two_editions["second"].pk]
    # Edition two fixed the minor change made after it, not this version itself.
    assert items[0]["version"]["editions"] == []
    later = client.get(f"/api/v1/changes/?since={two_editions['two'].number}").json()
    assert later["items"] == []
    response = client.get(f"/api/v1/changes/?since={two_editions['draft'].number}")
    assert response.status_code == 404 and "is not published" in response.json()["detail"]


def test_edition_detail_queries_do_not_grow_with_pages_changed(client, two_editions):
    number = two_editions["two"].number

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/editions/{number}/").status_code == 200
        return len(captured)

    before = count()
    # Two more pages changed between the editions: same number of queries.
    for objective in (3, 4):
        extra = ObjectivePageFactory(publish=False, title=f"Extra {objective}", objective_number=objective)
        publish_change(extra, "original", "", body=paragraphs("Extra."))
        EditionPage.objects.create(edition_number=number, page=extra, revision=extra.revisions.last())
    assert count() == before


def test_an_edition_fixes_live_revisions_only_and_purges_the_site(
    db, next_number, settings, django_capture_on_commit_callbacks
):
    page = ObjectivePageFactory(objective_number=9)
    page.refresh_from_db()
    live_revision = page.live_revision_id
    page.title = "A draft no reader may see"
    draft = page.save_revision()
    with purge_receiver() as (location, received):
        configure(settings, location)
        with django_capture_on_commit_callbacks(execute=True):
            publish_edition(new_edition(next_number))
    fixed = EditionPage.objects.get(edition_number=next_number, page=page)
    assert fixed.revision_id == live_revision != draft.pk
    paths = json.loads(received[0]["body"])["paths"]
    assert {"/en/*", "/fr/*", "/es/*"} <= set(paths), "every page names its editions"
