"""The discussions API (/api/v1/): reading is public (approved comments of published pages), posting and
flagging need a session; errors are 4xx in the request's language; bodies are escaped; queries constant."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from cms.accounts import roles
from feedback import discussions
from feedback.models import DiscussionComment, ModerationMode, TriageStatus
from tests.factories import UserFactory
from tests.feedback.factories import ChampionFactory, EstablishedUserFactory
from tests.feedback.helpers import api_post, approve, comments_of, post_comment, question
from tests.helpers import client_for


def test_list_discussions_by_state_and_language(client, discussion):
    opened = client.get("/api/v1/discussions/", {"status": "open", "locale": "fr"}).json()
    assert opened["count"] == 1
    item = opened["items"][0]
    assert (
        item["locale"] == "fr" and item["state"] == "open" and item["title"].startswith("Discussion en ligne")
    )
    assert item["audience"] == "champions" and item["moderation"] == "pre"
    assert client.get("/api/v1/discussions/", {"status": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/discussions/", {"status": "nonsense"}).status_code == 422
    assert client.get("/api/v1/discussions/", {"locale": "xx"}).status_code == 400


def test_discussion_detail_has_questions_pages_and_the_viewers_right(client, french_discussion):
    data = client.get(f"/api/v1/discussions/{french_discussion.pk}/").json()
    assert [q["number"] for q in data["questions"]] == [1, 2, 3]
    assert "six étapes" in data["questions"][1]["text"]
    paths = [p["path"] for p in data["pages"]]
    assert "/fr/guide/six-step-process/" in paths and all(p.startswith("/fr/") for p in paths)
    assert data["viewer"] == {"can_post": False, "reason": "Sign in to take part in the discussion."}
    champion = client_for(ChampionFactory())
    assert champion.get(f"/api/v1/discussions/{french_discussion.pk}/").json()["viewer"]["can_post"] is True
    assert client.get("/api/v1/discussions/999999/").status_code == 404


def test_champion_posts_pending_then_public_after_approval(discussion, six_steps):
    champion = ChampionFactory(country="MX", display_name="Ana from Mexico")
    response = api_post(client_for(champion), discussion, six_steps, block_id=six_steps.body[1].id)
    assert response.status_code == 201, response.content
    posted = response.json()
    assert posted["public"] is False and posted["moderation_state"] == "pending"
    assert posted["author"] == {"name": "Ana from Mexico", "country": {"code": "MX", "name": "Mexico"}}
    reader = client_for()
    assert comments_of(reader, six_steps).json()["count"] == 0
    approve(DiscussionComment.objects.get(pk=posted["id"]))
    listed = comments_of(reader, six_steps, block=six_steps.body[1].id).json()
    assert listed["count"] == 1
    comment = listed["results"][0]
    assert comment["body"] == posted["body"] and comment["block_id"] == six_steps.body[1].id
    assert comment["triage"]["status"] == "new"
    assert champion.email not in str(listed)


def test_stakeholder_and_anonymous_cannot_post(discussion, six_steps):
    stakeholder = UserFactory(role=roles.STAKEHOLDERS)
    refused = api_post(client_for(stakeholder), discussion, six_steps)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only Champions may post in this discussion."
    anonymous = client_for()
    response = anonymous.post(
        f"/api/v1/discussions/{discussion.pk}/comments/",
        {"page_id": six_steps.pk, "body": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "Connectez-vous d'abord."
    assert not DiscussionComment.objects.filter(page=six_steps).exists()


def test_errors_are_translated(discussion, six_steps):
    client = client_for(ChampionFactory())
    response = client.post(
        f"/api/v1/discussions/{discussion.pk}/comments/",
        {"page_id": six_steps.pk, "question_id": question(discussion).pk, "body": "x", "block_id": "nope"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "El párrafo que comenta no está en la página publicada."


@pytest.mark.parametrize(
    "payload",
    [
        {"body": "nul \x00 byte"},
        {"body": ""},
        {"body": "x" * 3001},
        {"question_id": "one"},
        {"page_id": None},
    ],
)
def test_bad_input_is_4xx_never_500(discussion, six_steps, payload):
    response = api_post(client_for(ChampionFactory()), discussion, six_steps, **payload)
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["detail"]


def test_reply_to_another_pages_comment_is_rejected(discussion, six_steps):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    champion = ChampionFactory()
    vision = discussion.discussion_pages.exclude(page=six_steps).first().page
    elsewhere = post_comment(champion, discussion, vision)
    response = api_post(client_for(champion), discussion, six_steps, parent_id=elsewhere.pk)
    assert response.status_code == 422
    assert "same page" in response.json()["detail"]


def test_threads_come_nested_and_depth_is_limited(discussion, six_steps):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    client = client_for(ChampionFactory())
    top = api_post(client, discussion, six_steps).json()
    one = api_post(client, discussion, six_steps, parent_id=top["id"], body="one").json()
    two = api_post(client, discussion, six_steps, parent_id=one["id"], body="two").json()
    assert two["level"] == 2
    three = api_post(client, discussion, six_steps, parent_id=two["id"], body="three")
    assert three.status_code == 422
    thread = comments_of(client_for(), six_steps).json()["results"][0]
    assert thread["id"] == top["id"]
    assert thread["replies"][0]["id"] == one["id"] and thread["replies"][0]["triage"] is None
    assert thread["replies"][0]["replies"][0]["body"] == "two"


def test_unpublished_pages_show_and_take_no_comments(discussion, six_steps):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    champion = ChampionFactory()
    post_comment(champion, discussion, six_steps)
    six_steps.unpublish()
    assert comments_of(client_for(), six_steps).status_code == 404
    assert api_post(client_for(champion), discussion, six_steps).status_code == 404
    assert not discussions.public_comments().filter(page=six_steps).exists()
    paths = [p["path"] for p in client_for().get(f"/api/v1/discussions/{discussion.pk}/").json()["pages"]]
    assert "/en/guide/six-step-process/" not in paths


def test_flag_hides_and_hidden_comments_leave_the_list(discussion, six_steps, settings):
    settings.DISCUSSION_FLAGS_TO_HIDE = 1
    discussion.moderation = ModerationMode.POST
    discussion.save()
    comment = post_comment(ChampionFactory(), discussion, six_steps)
    assert client_for().post(f"/api/v1/comments/{comment.pk}/flag/").status_code == 401
    response = client_for(EstablishedUserFactory()).post(f"/api/v1/comments/{comment.pk}/flag/")
    assert response.json() == {"flagged": True, "hidden": True}
    assert comments_of(client_for(), six_steps).json()["count"] == 0
    assert (
        client_for(UserFactory(role=roles.STAKEHOLDERS))
        .post(f"/api/v1/comments/{comment.pk}/flag/")
        .status_code
        == 404
    )


def test_readers_see_the_triage_and_the_addressed_revision(discussion, six_steps, editor):
    comment = approve(post_comment(ChampionFactory(), discussion, six_steps))
    revision = six_steps.save_revision(user=editor)
    revision.publish()
    discussions.triage(editor, comment, TriageStatus.ADDRESSED, "Step 2 now says so.", revision.pk)
    triage = comments_of(client_for(), six_steps).json()["results"][0]["triage"]
    assert triage["status"] == "addressed" and triage["status_label"] == "Addressed"
    assert triage["editor_response"] == "Step 2 now says so."
    assert triage["addressed_revision"]["id"] == revision.pk
    assert triage["addressed_revision"]["created_at"].startswith(revision.created_at.date().isoformat())


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '"><svg onload=alert(1)>',
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_is_stored_inert_and_rendered_escaped(discussion, six_steps, payload):
    discussion.moderation = ModerationMode.POST
    discussion.save()
    posted = api_post(client_for(ChampionFactory()), discussion, six_steps, body=payload)
    assert posted.status_code == 201
    stored = DiscussionComment.objects.get(pk=posted.json()["id"])
    assert stored.comment == payload  # stored as the plain text it is, never interpreted
    listed = comments_of(client_for(), six_steps).json()["results"][0]
    assert listed["body"] == payload
    assert "<" not in listed["body_html"].replace("<p>", "").replace("</p>", "").replace("<br>", "")
    assert "&lt;" in listed["body_html"]


def test_a_burst_of_30_posts_is_throttled_and_nothing_accepted_is_lost(
    discussion, six_steps, settings, monkeypatch
):
    settings.DISCUSSION_POSTS_PER_MINUTE = 20
    # The quota counts clock minutes: on a loaded machine 30 posts can straddle one, and the new minute
    # rightly opens a new allowance. Hold the clock still so the burst is one minute's worth.
    frozen = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    discussion.moderation = ModerationMode.POST
    discussion.save()
    champion = ChampionFactory()
    client = client_for(champion)
    statuses, accepted = [], []
    for n in range(30):
        response = api_post(client, discussion, six_steps, body=f"comment {n}")
        statuses.append(response.status_code)
        if response.status_code == 201:
            accepted.append(response.json()["id"])
        else:
            assert "too fast" in response.json()["detail"]
    assert statuses.count(201) == 20 and statuses.count(429) == 10
    assert sorted(DiscussionComment.objects.filter(user=champion).values_list("pk", flat=True)) == sorted(
        accepted
    )
    listed = comments_of(client_for(), six_steps, page_size=100).json()
    assert listed["count"] == 20 and {c["id"] for c in listed["results"]} == set(accepted)


def _analyze_comment_tables() -> None:
    """PostgreSQL plans queries from table statistics; autovacuum never sees the rows of a test's open
    transaction, so it would plan as if the tables were empty (nested loops over hundreds of rows). ANALYZE
    in the transaction counts its own rows, as autovacuum does in production."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE django_comments, django_comments_xtd_xtdcomment, feedback_discussioncomment"
            )


def _fill(discussion, page, threads: int) -> None:
    users = [ChampionFactory(country=code) for code in ("MX", "FR", "GH")]
    for n in range(threads):
        top = post_comment(users[n % 3], discussion, page, body=f"thread {n}")
        if n % 2:
            reply = discussions.reply(users[(n + 1) % 3], top, "reply")
            discussions.reply(users[(n + 2) % 3], reply, "reply to reply")
        if n % 20 == 19:
            _analyze_comment_tables()
    _analyze_comment_tables()


@pytest.mark.parametrize("threads", [10, 200])
def test_comment_list_costs_the_same_queries_for_10_and_200_comments(
    discussion, six_steps, settings, threads
):
    settings.DISCUSSION_POSTS_PER_MINUTE = 100000
    discussion.moderation = ModerationMode.POST
    discussion.save()
    _fill(discussion, six_steps, threads)
    client = client_for()
    comments_of(client, six_steps)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as queries:
        response = comments_of(client, six_steps, page_size=100)
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(threads, 100)
    assert len(queries) == QUERY_BUDGET, [q["sql"] for q in queries.captured_queries]


# view restrictions (page check and the public filter), page, thread count, thread ids, comments with
# authors, profiles and revisions, country names
QUERY_BUDGET = 7


def test_too_long_body_is_refused_in_the_readers_language(discussion, six_steps):
    response = client_for(ChampionFactory()).post(
        f"/api/v1/discussions/{discussion.pk}/comments/",
        {"page_id": six_steps.pk, "question_id": question(discussion).pk, "body": "x" * 3001},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422
    assert "au plus 3000 caractères" in response.json()["detail"]


def test_posting_needs_the_csrf_token_of_the_session(discussion, six_steps):
    champion = ChampionFactory()
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    client.force_login(champion)
    data = {"page_id": six_steps.pk, "question_id": question(discussion).pk, "body": "With a token"}
    url = f"/api/v1/discussions/{discussion.pk}/comments/"
    refused = client.post(url, data, content_type="application/json")
    assert refused.status_code == 403
    assert not DiscussionComment.objects.filter(user=champion).exists()
    client.get("/_allauth/browser/v1/config")  # sets the csrftoken cookie, as the frontend does
    token = client.cookies["csrftoken"].value
    accepted = client.post(url, data, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201, accepted.content
