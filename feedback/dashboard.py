"""The editors' dashboard "Moderation and discussions" in the Wagtail admin, and its summary panel on the
admin's home page.

It lives in ``feedback`` because it shows both the moderation pipeline (``workflows.insight``, a layer
below) and the discussions (``feedback.discussions.insight``); the figures are computed there, this module
only puts them in front of people: who may see them, the charts' geometry and the links.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.timesince import timesince
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from cms.accounts import roles
from cms.admin_screens import TitledScreen
from feedback.charts import column_chart, hbar_chart
from feedback.discussions import insight as discussion_insight
from feedback.views import forbidden
from workflows import insight as moderation_insight

URL_NAME = "moderation_dashboard"
PARTICIPATION_CHART_ROWS = 15


def may_see(user: AbstractBaseUser) -> bool:
    """Moderators and editors (and administrators) follow the pipeline; reviewers see their own tasks in
    Wagtail's dashboard, contributors nothing of the admin."""
    return roles.in_group(user, roles.MODERATORS, roles.EDITORS)


def duration(value: timedelta | None) -> str:
    """A duration as people say it ("3 days, 4 hours"), in the active language (Django's timesince)."""
    if value is None:
        return ""
    now = timezone.now()
    return timesince(now - value, now)


def _task_report_url(task_id: int) -> str:
    query = urlencode({"task": task_id, "status": TaskState.STATUS_IN_PROGRESS})
    return f"{reverse('wagtailadmin_reports:workflow_tasks')}?{query}"


def _triage_url(status: str) -> str:
    return f"{reverse('discussion_triage:index')}?{urlencode({'status': status})}"


def moderation_context(now: datetime) -> dict:
    steps = moderation_insight.steps()
    waiting = [
        {
            "workflow": row.step.workflow,
            "step": row.step.name,
            "count": row.count,
            "oldest_since": row.oldest_since,
            "oldest_age": timesince(row.oldest_since, now) if row.oldest_since else "",
            "url": _task_report_url(row.step.task_id),
        }
        for row in moderation_insight.waiting(steps)
    ]
    times = [
        {
            "workflow": row.step.workflow,
            "step": row.step.name,
            "decisions": row.decisions,
            "median": duration(row.median),
            "seconds": row.median.total_seconds() if row.median else 0,
        }
        for row in moderation_insight.decision_times(steps, now)
    ]
    weeks = moderation_insight.throughput(now)
    week_label = _("W%(week)s")
    return {
        "waiting": waiting,
        "times": times,
        "times_chart": hbar_chart([(row["step"], row["seconds"], row["median"] or "–") for row in times]),
        "weeks": weeks,
        "weeks_chart": column_chart(
            [(week_label % {"week": week.week}, (week.submitted, week.decided)) for week in weeks]
        ),
        "sent_back": moderation_insight.sent_back(),
    }


def discussion_context(now: datetime) -> dict:
    participation = discussion_insight.participation(get_language() or "en")
    countries = participation["by_country"]
    backlog = discussion_insight.triage_backlog(now)
    return {
        "by_country": countries,
        "by_question": participation["by_question"],
        "countries_chart": hbar_chart(
            [(row["name"], row["count"], str(row["count"])) for row in countries[:PARTICIPATION_CHART_ROWS]]
        ),
        "countries_charted": min(len(countries), PARTICIPATION_CHART_ROWS),
        "backlog": [
            {
                "label": row.label,
                "by_age": row.by_age,
                "total": row.total,
                "oldest_since": row.oldest_since,
                "oldest_age": timesince(row.oldest_since, now) if row.oldest_since else "",
                "url": _triage_url(row.status),
            }
            for row in backlog
        ],
    }


class DashboardView(TitledScreen, TemplateView):
    template_name = "feedback/admin/dashboard.html"
    page_title = gettext_lazy("Moderation and discussions")
    header_icon = "table"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_see(request.user):
            return forbidden()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        now = timezone.now()
        return {
            **super().get_context_data(**kwargs),
            **moderation_context(now),
            **discussion_context(now),
            "now": now,
        }


class DashboardMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_see(request.user)


def menu_item() -> MenuItem:
    return DashboardMenuItem(
        gettext_lazy("Moderation and discussions"),
        reverse(URL_NAME),
        name="moderation-dashboard",
        icon_name="table",
        order=305,
    )


class DashboardPanel(Component):
    """The admin home's summary: what waits for moderation and for triage, and the way to the dashboard."""

    name = "moderation_dashboard"
    order = 60
    template_name = "feedback/admin/dashboard_panel.html"

    def get_context_data(self, parent_context: dict | None = None) -> dict:
        now = timezone.now()
        waiting = moderation_insight.waiting(moderation_insight.steps())
        oldest = min((row.oldest_since for row in waiting if row.oldest_since), default=None)
        backlog = discussion_insight.triage_backlog(now)
        return {
            "waiting": sum(row.count for row in waiting),
            "oldest_age": timesince(oldest, now) if oldest else "",
            "backlog": sum(row.total for row in backlog),
            "url": reverse(URL_NAME),
        }
