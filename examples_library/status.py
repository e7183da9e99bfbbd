"""Recording a submission's new status: the status itself, a history event with the reviewer's message,
and a notification sent after the transaction commits."""

from django.db import transaction

from examples_library.models import Submission, SubmissionEvent, SubmissionStatus
from examples_library.notifications import notify_transition


def record(
    submission: Submission, status: SubmissionStatus, message: str = "", actor=None
) -> SubmissionEvent:
    submission.status = status
    submission.save(update_fields=["status", "updated_at"])
    event = SubmissionEvent.objects.create(submission=submission, status=status, message=message, actor=actor)
    transaction.on_commit(lambda: notify_transition.enqueue(event.pk))
    return event
