"""A contributor's submission: the moderation record beside the draft ExamplePage it created.

The page holds the content (with Wagtail's revisions, workflow and audit log); the submission holds what
the contributor follows: its status, the messages reviewers sent them, and the idempotency key of the request
that created it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionStatus(models.TextChoices):
    SCREENING = "screening", _("Submitted, awaiting screening")
    THEMATIC_REVIEW = "thematic_review", _("In thematic review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The statuses in which a contributor may still act on their submission.
REVISABLE = {SubmissionStatus.CHANGES_REQUESTED}
WITHDRAWABLE = {
    SubmissionStatus.SCREENING,
    SubmissionStatus.THEMATIC_REVIEW,
    SubmissionStatus.CHANGES_REQUESTED,
}


class Submission(models.Model):
    page = models.OneToOneField(
        "examples_library.ExamplePage", on_delete=models.CASCADE, related_name="submission"
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.SCREENING
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    idempotency_key = models.CharField(max_length=128, blank=True)
    # SHA-256 of the form and files sent with the key: a replay must be the same request.
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["submitter", "-created_at"], name="submission_by_submitter")]
        constraints = [
            # A replayed create with the same key finds the first submission instead of making a second one.
            models.UniqueConstraint(
                fields=["submitter", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="unique_submission_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.page.title} ({self.get_status_display()})"


class SubmissionEvent(models.Model):
    """One step in a submission's history, with the message its author wants the contributor to read."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=SubmissionStatus.choices)
    message = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.status}"
