"""The moderation figures of the editors' dashboard (workflows.insight), on submissions whose ages are set
explicitly: what waits at each step, the median time to decision, the weekly throughput and the latest
requests for changes and rejections with their reasons."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

import pytest

from tests.examples_library.factories import ExamplePageFactory
from tests.factories import UserFactory
from workflows import insight, moderation
from workflows.actions import APPROVE, REJECT, REQUEST_CHANGES
from workflows.models import ModerationDecision, Outcome

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday of ISO week 48


@pytest.fixture
def admin(db):
    return UserFactory(role="admin", first_name="Rosa", last_name="Reviewer")


@pytest.fixture(autouse=True)
def empty_pipeline(db):
    """Only this test's submissions: the demo's are dropped (the test's transaction is rolled back)."""
    WorkflowState.objects.all().delete()


def submit(title: str, user, at: datetime):
    """A draft example entering moderation at ``at``."""
    page = ExamplePageFactory(title=title, publish=False)
    page.save_revision(user=user)
    state = moderation.start(page, user)
    WorkflowState.objects.filter(pk=state.pk).update(created_at=at)
    TaskState.objects.filter(workflow_state=state).update(started_at=at)
    return page


def decide(page, user, action: str, at: datetime, comment: str = ""):
    """Take ``action`` on the task ``page`` waits for, as if at ``at``."""
    task_state = moderation.pending_task_state(page)
    moderation.act(task_state, user, action, comment)
    TaskState.objects.filter(pk=task_state.pk).update(finished_at=at)
    # The next task (if any) starts when this one is decided.
    following = TaskState.objects.filter(
        workflow_state=task_state.workflow_state, status=TaskState.STATUS_IN_PROGRESS
    )
    following.update(started_at=at)
    return task_state


def by_step(rows):
    return {row.step.name: row for row in rows}


def test_waiting_per_step_counts_the_submissions_and_dates_the_oldest(admin):
    submit("Old one", admin, NOW - timedelta(days=9))
    submit("Newer one", admin, NOW - timedelta(days=2))
    passed = submit("Passed screening", admin, NOW - timedelta(days=20))
    decide(passed, admin, APPROVE, NOW - timedelta(days=4))
    withdrawn = submit("Withdrawn", admin, NOW - timedelta(days=30))
    moderation.stop(withdrawn, admin)

    waiting = by_step(insight.waiting(insight.steps()))

    assert waiting["Screening"].count == 2
    assert waiting["Screening"].oldest_since == NOW - timedelta(days=9)
    assert waiting["Thematic review"].count == 1
    assert waiting["Thematic review"].oldest_since == NOW - timedelta(days=4)


def test_median_time_to_decision_per_step_over_the_last_90_days(admin):
    for hours in (1, 3, 10):
        page = submit(f"Decided in {hours} h", admin, NOW - timedelta(days=5, hours=hours))
        decide(page, admin, REQUEST_CHANGES, NOW - timedelta(days=5), comment="Add the outcomes.")
    too_old = submit("Decided long ago", admin, NOW - timedelta(days=100))
    decide(too_old, admin, REJECT, NOW - timedelta(days=91), comment="Out of scope.")
    withdrawn = submit("Withdrawn while waiting", admin, NOW - timedelta(days=40))
    moderation.stop(withdrawn, admin)  # a cancelled task is not a decision
    reviewed = submit("Reviewed", admin, NOW - timedelta(days=3))
    decide(reviewed, admin, APPROVE, NOW - timedelta(days=2, hours=12))
    decide(reviewed, admin, APPROVE, NOW - timedelta(days=1))

    times = by_step(insight.decision_times(insight.steps(), now=NOW))

    assert times["Screening"].decisions == 4  # three sent back, one passed on; the 91-day-old one is out
    # durations 1 h, 3 h, 10 h and 12 h: the median is half-way between 3 h and 10 h
    assert times["Screening"].median == timedelta(hours=6, minutes=30)
    assert times["Thematic review"].decisions == 1
    assert times["Thematic review"].median == timedelta(hours=36)


def test_weekly_throughput_counts_submitted_and_decided_per_iso_week(admin, settings):
    settings.TIME_ZONE = "UTC"
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # ISO week 48
    a = submit("A", admin, monday - timedelta(weeks=1))  # week 47
    b = submit("B", admin, monday - timedelta(weeks=1, days=-2))  # week 47
    submit("C", admin, monday)  # week 48, still waiting
    decide(a, admin, REQUEST_CHANGES, monday - timedelta(days=1), comment="Shorter, please.")  # week 47
    decide(b, admin, APPROVE, monday + timedelta(days=1))  # passed on: still in moderation, not decided
    decide(b, admin, APPROVE, monday + timedelta(days=2))  # published in week 48
    submit("Too old", admin, monday - timedelta(weeks=12))  # week 36: before the twelve weeks

    weeks = insight.throughput(now=NOW)

    assert len(weeks) == 12
    assert (weeks[0].year, weeks[0].week) == (2026, 37)
    assert (weeks[-1].year, weeks[-1].week, weeks[-1].monday.isoformat()) == (2026, 48, "2026-11-23")
    figures = {week.week: (week.submitted, week.decided) for week in weeks}
    assert figures[47] == (2, 1)
    assert figures[48] == (1, 1)
    assert sum(submitted for submitted, _ in figures.values()) == 3


def test_requests_for_changes_and_rejections_with_their_reasons(admin):
    sent_back = submit("Needs outcomes", admin, NOW - timedelta(days=6))
    decide(sent_back, admin, REQUEST_CHANGES, NOW - timedelta(days=5), comment="Please add the outcomes.")
    rejected = submit("Advertising", admin, NOW - timedelta(days=4))
    decide(rejected, admin, APPROVE, NOW - timedelta(days=3))
    decide(rejected, admin, REJECT, NOW - timedelta(days=1), comment="This is an advertisement.")
    passed = submit("Fine", admin, NOW - timedelta(days=2))
    decide(passed, admin, APPROVE, NOW - timedelta(hours=1), comment="Looks good.")

    rows = insight.sent_back()

    assert [(row.title, row.outcome, row.step, row.reason) for row in rows] == [
        ("Advertising", Outcome.REJECTED, "Thematic review", "This is an advertisement."),
        ("Needs outcomes", Outcome.CHANGES_REQUESTED, "Screening", "Please add the outcomes."),
    ]
    assert rows[0].reviewer == "Rosa Reviewer"
    assert rows[0].decided_at == NOW - timedelta(days=1)
    assert rows[0].object_id == str(rejected.pk)
    assert rows[1].outcome_label == "Changes requested"


def test_only_the_latest_twenty_are_listed(admin):
    for n in range(22):
        page = submit(f"Example {n}", admin, NOW - timedelta(days=30))
        decide(page, admin, REQUEST_CHANGES, NOW - timedelta(days=30 - n), comment=f"Reason {n}")

    rows = insight.sent_back()

    assert len(rows) == 20
    assert rows[0].reason == "Reason 21" and rows[-1].reason == "Reason 2"


def test_every_moderation_action_records_its_outcome(admin):
    page = submit("Recorded", admin, timezone.now())
    screening = decide(page, admin, APPROVE, timezone.now())
    review = decide(page, admin, REJECT, timezone.now(), comment="Duplicate of another example.")

    assert ModerationDecision.objects.get(task_state=screening).outcome == Outcome.IN_REVIEW
    assert ModerationDecision.objects.get(task_state=review).outcome == Outcome.REJECTED
