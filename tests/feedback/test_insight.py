"""The discussion figures of the editors' dashboard (feedback.discussions.insight): participation by
country and by question, and the feedback awaiting triage by status and age."""

from datetime import timedelta

from django.utils import timezone

import pytest

from feedback.discussions import insight
from feedback.models import DiscussionComment, ModerationState, TriageStatus
from tests.feedback.factories import ChampionFactory
from tests.feedback.helpers import post_comment, question


@pytest.fixture(autouse=True)
def no_demo_comments(db):
    """Only this test's comments (the test's transaction is rolled back)."""
    DiscussionComment.objects.all().delete()


def post(discussion, page, country: str, number: int = 1, **changes) -> DiscussionComment:
    comment = post_comment(
        ChampionFactory(country=country), discussion, page, question_id=question(discussion, number).pk
    )
    if changes:
        DiscussionComment.objects.filter(pk=comment.pk).update(**changes)
        comment.refresh_from_db()
    return comment


def test_participation_by_country_then_language_and_by_question(discussion, six_steps):
    post(discussion, six_steps, "MX")
    post(discussion, six_steps, "MX", number=2)
    post(discussion, six_steps, "MX", number=2)
    post(discussion, six_steps, "PH")
    post(discussion, six_steps, "")  # no country in the profile: counted by the comment's language
    post(discussion, six_steps, "PH", moderation_state=ModerationState.REMOVED)  # abuse is no participation

    figures = insight.participation("en")

    assert [(row["kind"], row["code"], row["name"], row["count"]) for row in figures["by_country"]] == [
        ("country", "MX", "Mexico", 3),
        ("country", "PH", "Philippines", 1),
        ("language", "en", "English", 1),
    ]
    assert [(row["text"], row["count"]) for row in figures["by_question"]] == [
        (question(discussion, 1).text, 3),
        (question(discussion, 2).text, 2),
    ]


def test_participation_names_countries_in_the_dashboards_language(discussion, six_steps):
    post(discussion, six_steps, "MX")

    assert insight.participation("fr")["by_country"][0]["name"] == "Mexique"


def test_triage_backlog_by_status_and_age(discussion, six_steps):
    now = timezone.now()
    approved = {"moderation_state": ModerationState.APPROVED}
    post(discussion, six_steps, "MX", submit_date=now - timedelta(days=2), **approved)
    post(discussion, six_steps, "MX", submit_date=now - timedelta(days=10), **approved)
    oldest = post(discussion, six_steps, "PH", submit_date=now - timedelta(days=45), **approved)
    post(
        discussion,
        six_steps,
        "PH",
        submit_date=now - timedelta(days=20),
        status=TriageStatus.UNDER_CONSIDERATION,
        **approved,
    )
    # Out of the backlog: decided, waiting for moderation, removed, a reply.
    post(discussion, six_steps, "MX", status=TriageStatus.ADDRESSED, **approved)
    post(discussion, six_steps, "MX", status=TriageStatus.NOT_TAKEN_UP, **approved)
    post(discussion, six_steps, "MX", moderation_state=ModerationState.PENDING)
    post(discussion, six_steps, "MX", moderation_state=ModerationState.REMOVED)
    post(discussion, six_steps, "MX", level=1, **approved)

    backlog = {row.status: row for row in insight.triage_backlog(now)}

    assert backlog[TriageStatus.NEW].by_age == [1, 1, 1]
    assert backlog[TriageStatus.NEW].total == 3
    assert backlog[TriageStatus.NEW].oldest_since == oldest.submit_date
    assert backlog[TriageStatus.UNDER_CONSIDERATION].by_age == [0, 1, 0]
    assert backlog[TriageStatus.UNDER_CONSIDERATION].label == "Under consideration"
