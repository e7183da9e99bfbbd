"""The feedback register: every piece of feedback, whatever its channel, as one sequence for triage, export
and counts.

Online comments stay ``DiscussionComment``s (they enter as they always did, through
``feedback.discussions.posting``); feedback from a meeting, an e-mail, comments written on a document or
anything else is ``RecordedFeedback``, recorded by editors and moderators in the admin or imported from a
Word document (``feedback.written_comments``). Both carry the same triage (status, editor's response,
addressing revision); these functions treat them alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Page

from cms.accounts import roles
from feedback.discussions.errors import DiscussionError
from feedback.discussions.triage import is_triager, page_revisions
from feedback.models import (
    Channel,
    Discussion,
    DiscussionComment,
    FeedbackReference,
    RecordedFeedback,
    TriageStatus,
)
from guidance_pages.numbering import paragraph_numbers

Entry = DiscussionComment | RecordedFeedback


# By role rather than by model permissions granted to the groups in a migration: the upgrade check holds every
# group's permissions to what they were, and the roles (cms/accounts/roles.py) already say who does what.
def may_record(user: AbstractBaseUser) -> bool:
    """Editors and moderators record and correct recorded feedback; Champions give feedback, not record it."""
    return roles.in_group(user, roles.EDITORS, roles.MODERATORS)


def may_delete_recorded(user: AbstractBaseUser) -> bool:
    return roles.in_group(user, roles.EDITORS)


def channel_of(entry: Entry) -> str:
    return entry.channel if isinstance(entry, RecordedFeedback) else Channel.ONLINE


def recorded_for(discussion: Discussion | None) -> QuerySet[RecordedFeedback]:
    """The recorded feedback triaged with ``discussion``: what names it or one of its translations, and what
    names no discussion at all (a bilateral e-mail, a meeting), so that nothing recorded is out of sight."""
    items = RecordedFeedback.objects.select_related(
        "country", "question", "addressed_revision__change_note"
    ).prefetch_related("references__page")
    if discussion is None:
        return items.filter(discussion__isnull=True).order_by("received_on", "pk")
    family = Discussion.objects.filter(translation_key=discussion.translation_key)
    return items.filter(Q(discussion__in=family) | Q(discussion__isnull=True)).order_by("received_on", "pk")


def pages_of(entry: Entry) -> list[Page]:
    if isinstance(entry, RecordedFeedback):
        return list(dict.fromkeys(reference.page for reference in entry.references.all()))
    return [entry.page]


def counts_by_channel(
    comments: QuerySet[DiscussionComment], recorded: QuerySet[RecordedFeedback]
) -> dict[str, int]:
    """How many pieces of feedback came through each channel, every channel named (zero included), in menu
    order; counted by the database (two queries), not by loading the feedback."""
    counts = dict.fromkeys(Channel.values, 0)
    counts[Channel.ONLINE] = comments.count()
    counts.update(recorded.order_by().values_list("channel").annotate(n=Count("pk")))
    return counts


@transaction.atomic
def record(
    user: AbstractBaseUser,
    *,
    channel: str,
    text: str,
    received_on: date,
    references: Sequence[tuple[Page, str]] = (),
    **fields,
) -> RecordedFeedback:
    """Records one piece of feedback; ``references`` are (page, block id) pairs, a blank block id for the
    whole page. The admin form saves through Wagtail's views instead; this is for imports."""
    if not may_record(user):
        raise DiscussionError(_("Only editors and moderators may record feedback."), 403)
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise DiscussionError(_("Unknown channel."), 422)
    item = RecordedFeedback.objects.create(
        channel=channel, text=text, received_on=received_on, recorded_by=user, **fields
    )
    numbers: dict[int, dict[str, str]] = {}
    for order, (page, block_id) in enumerate(references):
        if block_id and page.pk not in numbers:
            numbers[page.pk] = paragraph_numbers(page)
        FeedbackReference.objects.create(
            feedback=item,
            page=page,
            block_id=block_id,
            paragraph=numbers[page.pk].get(block_id, "") if block_id else "",
            sort_order=order,
        )
    return item


@transaction.atomic
def triage_recorded(
    user: AbstractBaseUser,
    item: RecordedFeedback,
    status: str,
    response: str = "",
    revision_id: int | None = None,
) -> RecordedFeedback:
    """The triage of a comment (``feedback.discussions.triage``) for recorded feedback: "addressed" names a
    revision of one of the pages it concerns."""
    if not is_triager(user):
        raise DiscussionError(_("Only editors may triage feedback."), 403)
    if status not in TriageStatus.values:
        raise DiscussionError(_("Unknown status."), 422)
    revision = None
    if status == TriageStatus.ADDRESSED:
        if not revision_id:
            raise DiscussionError(_("Pick the revision of the page that addressed this comment."), 422)
        for page in pages_of(item):
            revision = page_revisions(page.pk).filter(pk=revision_id).first()
            if revision is not None:
                break
        else:
            raise DiscussionError(_("That revision is not a revision of a page this feedback concerns."), 422)
    item.status = status
    item.editor_response = (response or "").strip()[:4000]
    item.addressed_revision = revision
    item.save(update_fields=["status", "editor_response", "addressed_revision"])
    log(
        instance=item,
        action="gcm.recorded.triage",
        user=user,
        data={
            "status": status,
            "response": item.editor_response,
            "revision": revision.pk if revision else None,
        },
    )
    return item


def paragraph_label(page: Page, block_id: str, numbers: dict[str, str]) -> str:
    """A paragraph as readers cite it: "Six-step process, ¶ C3.4" (``numbers``: the page's
    ``paragraph_numbers``); the page alone for the whole page; a removed paragraph says so."""
    if not block_id:
        return page.title
    number = numbers.get(block_id)
    if number is None:
        return gettext("%(page)s, a paragraph since removed") % {"page": page.title}
    return gettext("%(page)s, ¶ %(number)s") % {"page": page.title, "number": number}


def paragraph_references(entries: Sequence[Entry]) -> None:
    """Sets ``entry.paragraph`` on each entry: its paragraphs as readers cite them, "; "-separated for
    recorded feedback that concerns several. One numbering pass per page."""
    numbers: dict[int, dict[str, str]] = {}

    def label(page: Page, block_id: str) -> str:
        if page.pk not in numbers:
            numbers[page.pk] = paragraph_numbers(page)
        return paragraph_label(page, block_id, numbers[page.pk])

    for entry in entries:
        if isinstance(entry, RecordedFeedback):
            entry.paragraph = "; ".join(label(ref.page, ref.block_id) for ref in entry.references.all())
        else:
            entry.paragraph = label(entry.page, entry.block_id)
