"""A discussion's feedback as a table (CSV or XLSX) for editors: every approved comment of the discussion in
all its languages, in page, question and thread order.

Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab/CR) get a leading apostrophe:
comments are written by members, not by the editors who open the file.
"""

import csv
import io
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from openpyxl import Workbook

from cms.models import country_of, public_name
from feedback.models import Discussion, DiscussionComment, ModerationState, TriageStatus

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns() -> list[str]:
    return [
        _("comment"),
        _("reply to"),
        _("page"),
        _("question"),
        _("block"),
        _("country"),
        _("language"),
        _("status"),
        _("author"),
        _("date"),
        _("body"),
        _("editor's response"),
        _("addressed revision"),
    ]


def inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def feedback(discussion: Discussion) -> list[DiscussionComment]:
    """Approved comments of ``discussion`` and its translations, in one query."""
    family = Discussion.objects.filter(translation_key=discussion.translation_key)
    return list(
        DiscussionComment.objects.filter(discussion__in=family, moderation_state=ModerationState.APPROVED)
        .select_related("page", "question", "user__account_profile", "addressed_revision")
        .order_by("language", "page__path", "question__sort_order", "thread_id", "order")
    )


def rows(discussion: Discussion) -> Iterator[list]:
    for c in feedback(discussion):
        yield [
            c.pk,
            c.parent_id if c.level else "",
            c.page.title,
            c.question.text,
            c.block_id,
            country_of(c.user),
            c.language,
            str(TriageStatus(c.status).label) if not c.level else "",
            public_name(c.user),
            timezone.localtime(c.submit_date).strftime("%Y-%m-%d %H:%M"),
            c.comment,
            c.editor_response,
            c.addressed_revision_id or "",
        ]


def to_csv(discussion: Discussion) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns())
    for row in rows(discussion):
        writer.writerow([inert(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes spreadsheets read UTF-8


def to_xlsx(discussion: Discussion) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Feedback")[:31]
    sheet.append(columns())
    for row in rows(discussion):
        sheet.append([inert(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
