"""Recording a submission's new status: the status itself, a history event with the reviewer's message,
and a notification sent after the transaction commits; and what a moderation decision means for it."""

from django.db import transaction

from wagtail.models import Page

from examples_library.attachments import publish_attachments
from examples_library.models import Submission, SubmissionEvent, SubmissionStatus
from examples_library.notifications import notify_transition
from workflows import signals as moderation

# The contributor-facing status each moderation outcome gives a submission.
STATUS_OF_OUTCOME = {
    moderation.PUBLISHED: SubmissionStatus.PUBLISHED,
    moderation.IN_REVIEW: SubmissionStatus.THEMATIC_REVIEW,
    moderation.CHANGES_REQUESTED: SubmissionStatus.CHANGES_REQUESTED,
    moderation.REJECTED: SubmissionStatus.REJECTED,
}


def record(
    submission: Submission, status: SubmissionStatus, message: str = "", actor=None
) -> SubmissionEvent:
    submission.status = status
    submission.save(update_fields=["status", "updated_at"])
    event = SubmissionEvent.objects.create(submission=submission, status=status, message=message, actor=actor)
    transaction.on_commit(lambda: notify_transition.enqueue(event.pk))
    return event


def moderation_decided(page: Page, outcome: str, comment: str = "", actor=None) -> None:
    """A moderator decided on ``page`` (``workflows.moderation.act``): a published example's attachments
    become public, and its submission, if it came through the public site, takes the matching status."""
    if outcome == moderation.PUBLISHED:
        publish_attachments(page)
    submission = Submission.objects.filter(page=page).first()
    if submission is not None:
        record(submission, STATUS_OF_OUTCOME[outcome], message=comment, actor=actor)


def submitters_of(page: Page) -> set[int]:
    """Who submitted ``page`` through the public site (none for pages made in the admin)."""
    return set(Submission.objects.filter(page_id=page.pk).values_list("submitter_id", flat=True))
