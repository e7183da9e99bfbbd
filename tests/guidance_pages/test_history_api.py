"""Issue 13: the domain API of public history, diffs and versions. Minor changes and drafts never appear;
private or unpublished pages are 404; bad version addresses are clear 4xx; constant query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from guidance_pages.history.editions import publish_edition
from guidance_pages.models import Edition
from tests.guidance_pages.factories import ObjectivePageFactory, paragraphs, publish_change


@pytest.fixture
def page(db):
    page = ObjectivePageFactory(publish=False, title="Data")
    page.first_revision = publish_change(
        page, "original", "", body=paragraphs("States collect data.", "Every year.")
    )
    return page


@pytest.fixture
def history(page):
    """original → substantive → minor → substantive → draft."""
    first = page.first_revision
    second = publish_change(
        page,
        "substantive",
        "Data must be disaggregated.",
        body=paragraphs("States collect disaggregated data.", "Every year."),
    )
    minor = publish_change(page, "minor", "", title="Data.")
    third = publish_change(
        page,
        "substantive",
        "Added a paragraph on sharing.",
        body=paragraphs(
            "States collect disaggregated data.", "Every year.", "And share it.", ids=["p0", "p1", "p2"]
        ),
    )
    draft = publish_change(page, "substantive", "Not yet", publish=False, body=paragraphs("Secret draft"))
    return {"first": first.pk, "second": second.pk, "minor": minor.pk, "third": third.pk, "draft": draft.pk}


def test_history_lists_public_versions_only_newest_first(client, page, history):
    body = client.get(f"/api/v1/pages/{page.pk}/history/").json()
    assert body["page"]["id"] == page.pk and body["page"]["path"].startswith("/en/")
    assert body["page"]["type"] == "guidance_pages.ObjectivePage"
    assert body["count"] == 3
    assert [(v["id"], v["kind"], v["note"]) for v in body["items"]] == [
        (history["third"], "substantive", "Added a paragraph on sharing."),
        (history["second"], "substantive", "Data must be disaggregated."),
        (history["first"], "original", ""),
    ]
    paged = client.get(f"/api/v1/pages/{page.pk}/history/?limit=1&offset=1").json()
    assert [v["id"] for v in paged["items"]] == [history["second"]] and paged["count"] == 3


def test_diff_defaults_to_the_latest_against_the_one_before(client, page, history):
    body = client.get(f"/api/v1/pages/{page.pk}/diff/").json()
    assert body["from_version"]["id"] == history["second"] and body["to"]["id"] == history["third"]
    assert body["counts"] == {"added": 1, "removed": 0, "moved": 0, "changed": 0, "unchanged": 2}
    assert body["blocks"][2] == {"op": "added", "id": "p2", "type": "text", "html": "And share it."}
    # The minor change of the title in between is part of what changed between two public versions.
    assert body["fields"] == [{"name": "title", "html": "Data<ins>.</ins>"}]


def test_diff_marks_changed_words(client, page, history):
    body = client.get(f"/api/v1/pages/{page.pk}/diff/?from={history['first']}&to={history['second']}").json()
    assert body["blocks"][0]["op"] == "changed"
    assert body["blocks"][0]["html"] == "States collect <ins>disaggregated </ins>data."


@pytest.mark.parametrize("which", ["minor", "draft"])
def test_minor_and_draft_revisions_are_not_addressable(client, page, history, which):
    revision = history[which]
    for url in (
        f"/api/v1/pages/{page.pk}/versions/{revision}/",
        f"/api/v1/pages/{page.pk}/diff/?from={history['first']}&to={revision}",
        f"/api/v1/pages/{page.pk}/diff/?from={revision}&to={history['third']}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "is not a public version of this page" in response.json()["detail"]
    history_ids = [v["id"] for v in client.get(f"/api/v1/pages/{page.pk}/history/").json()["items"]]
    assert revision not in history_ids
    changes = client.get("/api/v1/changes/?limit=100").json()["items"]
    assert revision not in [c["version"]["id"] for c in changes]
    assert "Not yet" not in [c["version"]["note"] for c in changes]


def test_changes_lists_substantive_changes_in_the_language(client, page, history):
    response = client.get("/api/v1/changes/?locale=en&limit=100")
    assert response.status_code == 200, response.content
    items = client.get("/api/v1/changes/?locale=en&limit=100").json()["items"]
    mine = [c["version"]["id"] for c in items if c["page"]["id"] == page.pk]
    assert mine == [history["third"], history["second"]]
    french = client.get("/api/v1/changes/?locale=fr&limit=100").json()["items"]
    assert page.pk not in [c["page"]["id"] for c in french]


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("from={third}&to={second}", 400, "must be the older version"),
        ("from={second}&to={second}", 400, "the same version"),
        ("from=abc", 404, "is not a version address"),
        ("to=e99", 404, "Edition 99 is not published"),
        ("to={first}", 400, "first public version"),
        ("to=" + "9" * 30, 422, "at most 20 characters"),
    ],
)
def test_bad_diff_addresses_are_clear_4xx(client, page, history, query, status, words):
    response = client.get(f"/api/v1/pages/{page.pk}/diff/?" + query.format(**history))
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_bad_address_message_in_the_requests_language(client, page, history):
    response = client.get(f"/api/v1/pages/{page.pk}/versions/{history['minor']}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert "n'est pas une version publique" in response.json()["detail"]


def test_version_shows_the_page_as_it_stood(client, page, history):
    body = client.get(f"/api/v1/pages/{page.pk}/versions/{history['first']}/").json()
    assert body["latest"] is False and body["title"] == "Data"
    assert [b["value"] for b in body["body"]] == ["<p>States collect data.</p>", "<p>Every year.</p>"]
    assert body["body"][0]["type"] == "text" and body["body"][0]["id"] == "p0"
    assert body["paragraph_numbers"] == {"p0": "1.1", "p1": "1.2"}
    latest = client.get(f"/api/v1/pages/{page.pk}/versions/{history['third']}/").json()
    assert latest["latest"] is True and latest["title"] == "Data." and len(latest["body"]) == 3
    assert list(latest["paragraph_numbers"].values()) == ["1.1", "1.2", "1.3"]


def test_unpublished_and_private_pages_are_404(client, page, history):
    page.refresh_from_db()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for suffix in ("history/", "diff/", f"versions/{history['first']}/"):
        assert client.get(f"/api/v1/pages/{page.pk}/{suffix}").status_code == 404
    PageViewRestriction.objects.filter(page=page).delete()
    page.unpublish()
    for suffix in ("history/", "diff/", f"versions/{history['first']}/"):
        response = client.get(f"/api/v1/pages/{page.pk}/{suffix}")
        assert response.status_code == 404
        assert "no published guidance page" in response.json()["detail"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_constant_queries_whatever_the_history_length(client, page, history):
    other = ObjectivePageFactory(publish=False, title="Other", objective_number=2)
    other_first = publish_change(other, "original", "", body=paragraphs("Start.")).pk
    for n in range(3):
        publish_change(page, "substantive", f"Change {n}", body=paragraphs(f"Text {n}", "Every year."))
    for n in range(30):
        kind = "minor" if n % 3 else "substantive"
        publish_change(other, kind, f"Other change {n}", body=paragraphs(f"Other {n}."))
    number = max(Edition.objects.values_list("number", flat=True), default=0) + 1
    edition = Edition.objects.create(number=number, name="Test", date="2022-01-01", locale=page.locale)
    publish_edition(edition)
    # Each page's own first version (3 vs 30 revisions behind it) and the edition both fixed.
    for template in ("history/", "diff/", "versions/{first}/", "versions/e{number}/", "diff/?from={first}"):
        short = _queries(
            client, f"/api/v1/pages/{page.pk}/" + template.format(first=history["first"], number=number)
        )
        long = _queries(
            client, f"/api/v1/pages/{other.pk}/" + template.format(first=other_first, number=number)
        )
        assert short == long, template
