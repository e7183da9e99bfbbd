"""Figures of the discussions for the editors' dashboard: who takes part (by country and by question) and the
feedback still waiting for triage, by status and age. A fixed number of SQL queries whatever the number of
comments: counts are grouped in the database, names looked up once per dashboard."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from feedback.models import DiscussionComment, ModerationState, TriageStatus
from feedback.trace import by_origin, by_question

# Feedback an editor has not finished with: it still needs a decision (addressed or not taken up).
AWAITING_TRIAGE = [TriageStatus.NEW, TriageStatus.UNDER_CONSIDERATION]

# Age bands of the triage backlog: (upper bound in days, or None for "older").
AGE_BANDS: list[int | None] = [7, 30, None]


@dataclass(frozen=True)
class Backlog:
    status: str
    label: str
    by_age: list[int]  # one count per AGE_BANDS entry
    total: int
    oldest_since: datetime | None


def participation_comments():
    """Comments that count as taking part: every comment posted, public or waiting, but not those
    moderators removed (abuse, spam)."""
    comments = DiscussionComment.objects.exclude(moderation_state=ModerationState.REMOVED)
    return comments.exclude(is_removed=True)


def participation(language: str) -> dict[str, list[dict]]:
    """Comments per country of their author (a Champion's profile country; the comment's language where the
    author has none) and per guiding question (one per family of translated questions), named in
    ``language``. Three queries."""
    origins: Counter = Counter()
    for group in (
        participation_comments()
        .values("language", "user__account_profile__country")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        country = (group["user__account_profile__country"] or "").upper()
        origins[("country", country) if country else ("language", group["language"])] += group["n"]
    questions: Counter = Counter(
        {
            group["question__translation_key"]: group["n"]
            for group in participation_comments()
            .values("question__translation_key")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    return {"by_country": by_origin(origins, language), "by_question": by_question(questions, language)}


def triage_backlog(now: datetime | None = None) -> list[Backlog]:
    """Approved top-level comments (what the triage screen lists) not yet addressed or declined, per
    status: how many by age band and since when the oldest waits. One query."""
    now = now or timezone.now()
    bounds = [now - timedelta(days=days) for days in AGE_BANDS if days is not None]
    bands = {}
    previous = None
    for index, bound in enumerate(bounds):
        newer = Q(submit_date__gt=bound)
        bands[f"band{index}"] = Count("pk", filter=newer & ~previous if previous is not None else newer)
        previous = newer
    bands[f"band{len(bounds)}"] = Count("pk", filter=~previous)
    rows = {
        row["status"]: row
        for row in DiscussionComment.objects.filter(
            level=0, moderation_state=ModerationState.APPROVED, status__in=AWAITING_TRIAGE
        )
        .values("status")
        .annotate(total=Count("pk"), oldest=Min("submit_date"), **bands)
        .order_by()
    }
    result = []
    for status in AWAITING_TRIAGE:
        row = rows.get(status, {})
        result.append(
            Backlog(
                status=status,
                label=str(TriageStatus(status).label),
                by_age=[row.get(f"band{index}", 0) for index in range(len(AGE_BANDS))],
                total=row.get("total", 0),
                oldest_since=row.get("oldest"),
            )
        )
    return result
