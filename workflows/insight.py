"""Figures of the moderation pipeline for the editors' dashboard: what waits at each step and since when,
how long decisions take, how many submissions come in and are decided per week, and why submissions were
sent back or rejected.

Every function runs a fixed number of SQL queries whatever the number of submissions. Medians are taken in
Python over one query's durations: SQLite has no percentile function and PostgreSQL's
``percentile_cont`` is not in Django's ORM; ninety days of one pipeline's decisions is a small list.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Min
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState, WorkflowTask

from workflows.models import Outcome

DECISION_WINDOW = timedelta(days=90)
THROUGHPUT_WEEKS = 12
LATEST_SENT_BACK = 20

# A moderator's decision on a task. A cancelled task state is not one: moderation.act never cancels a task,
# Wagtail cancels those left in progress when the contributor withdraws or resubmits.
DECIDED = [TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]


@dataclass(frozen=True)
class Step:
    task_id: int
    name: str
    workflow: str


@dataclass(frozen=True)
class Waiting:
    step: Step
    count: int
    oldest_since: datetime | None


@dataclass(frozen=True)
class DecisionTime:
    step: Step
    decisions: int
    median: timedelta | None


@dataclass(frozen=True)
class Week:
    year: int
    week: int
    monday: date
    submitted: int
    decided: int


@dataclass(frozen=True)
class SentBack:
    task_state_id: int
    outcome: str
    outcome_label: str
    decided_at: datetime
    object_id: str
    title: str
    step: str
    reviewer: str
    reason: str


def steps() -> list[Step]:
    """The steps of the active workflows, in workflow then step order (one query)."""
    rows = (
        WorkflowTask.objects.filter(workflow__active=True, task__active=True)
        .select_related("workflow", "task")
        .order_by("workflow__name", "sort_order")
    )
    return [Step(task_id=row.task_id, name=row.task.name, workflow=row.workflow.name) for row in rows]


def waiting(all_steps: list[Step]) -> list[Waiting]:
    """Per step: the submissions waiting there (their task in progress) and since when the oldest waits."""
    groups = {
        row["task_id"]: row
        for row in TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__status=WorkflowState.STATUS_IN_PROGRESS
        )
        .values("task_id")
        .annotate(count=Count("pk"), oldest=Min("started_at"))
        .order_by()
    }
    return [
        Waiting(
            step=step,
            count=groups.get(step.task_id, {}).get("count", 0),
            oldest_since=groups.get(step.task_id, {}).get("oldest"),
        )
        for step in all_steps
    ]


def decision_times(all_steps: list[Step], now: datetime | None = None) -> list[DecisionTime]:
    """Per step: the decisions of the last ninety days and the median time from a task's start to its
    decision."""
    since = (now or timezone.now()) - DECISION_WINDOW
    durations: dict[int, list[timedelta]] = {}
    for task_id, started_at, finished_at in TaskState.objects.filter(
        status__in=DECIDED, finished_at__gte=since, finished_at__isnull=False
    ).values_list("task_id", "started_at", "finished_at"):
        durations.setdefault(task_id, []).append(finished_at - started_at)
    result = []
    for step in all_steps:
        found = durations.get(step.task_id, [])
        result.append(
            DecisionTime(step=step, decisions=len(found), median=statistics.median(found) if found else None)
        )
    return result


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def throughput(now: datetime | None = None, weeks: int = THROUGHPUT_WEEKS) -> list[Week]:
    """Per ISO week of the last ``weeks`` (this one included, oldest first): submissions that entered
    moderation (a workflow started or restarted) and submissions decided (their workflow left moderation on
    a moderator's decision: published, sent back for changes or rejected). Weeks run in the site's time
    zone."""
    today = timezone.localdate(now or timezone.now())
    mondays = [_monday(today) - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    start = timezone.make_aware(datetime.combine(mondays[0], datetime.min.time()))
    submitted: dict[date, int] = dict.fromkeys(mondays, 0)
    decided: dict[date, int] = dict.fromkeys(mondays, 0)
    started = WorkflowState.objects.filter(created_at__gte=start)
    for created_at in started.values_list("created_at", flat=True):
        submitted[_monday(timezone.localdate(created_at))] += 1
    for finished_at in (
        WorkflowState.objects.exclude(status=WorkflowState.STATUS_IN_PROGRESS)
        .filter(current_task_state__status__in=DECIDED, current_task_state__finished_at__gte=start)
        .values_list("current_task_state__finished_at", flat=True)
    ):
        decided[_monday(timezone.localdate(finished_at))] += 1
    return [
        Week(
            year=monday.isocalendar().year,
            week=monday.isocalendar().week,
            monday=monday,
            submitted=submitted[monday],
            decided=decided[monday],
        )
        for monday in mondays
    ]


def _reviewer(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def sent_back(limit: int = LATEST_SENT_BACK) -> list[SentBack]:
    """The latest requests for changes and rejections, newest first, with the reviewer's reason (one
    query). The title is the one the example had in the revision the reviewer saw."""
    states = (
        TaskState.objects.filter(status=TaskState.STATUS_REJECTED, finished_at__isnull=False)
        .select_related("task", "finished_by", "revision", "gcm_decision")
        .order_by("-finished_at", "-pk")[:limit]
    )
    result = []
    for state in states:
        decision = getattr(state, "gcm_decision", None)
        # Only moderation.act rejects a task and it always records the outcome; a rejection from anywhere
        # else (Wagtail's own GroupApprovalTask on guidance) sends the page back for changes.
        outcome = decision.outcome if decision is not None else Outcome.CHANGES_REQUESTED
        result.append(
            SentBack(
                task_state_id=state.pk,
                outcome=outcome,
                outcome_label=str(Outcome(outcome).label),
                decided_at=state.finished_at,
                object_id=state.revision.object_id,
                title=state.revision.object_str,
                step=state.task.name,
                reviewer=_reviewer(state.finished_by),
                reason=state.comment,
            )
        )
    return result
