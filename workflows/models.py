"""Moderation tasks of the *Example moderation* workflow.

Wagtail's ``GroupApprovalTask`` knows two outcomes (approve, request changes). Screening and thematic review
need a third, a final rejection with a reason, and thematic review must go to the reviewers of the example's
primary objective: hence two small task types. What each action does is decided in ``workflows.moderation``.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from workflows import moderation
from workflows.actions import APPROVE, REJECT, REQUEST_CHANGES
from workflows.forms import ReasonForm


class ReasonRequiredMixin:
    """Requesting changes and rejecting must tell the contributor why."""

    def get_form_for_action(self, action: str):
        return ReasonForm if action in (REQUEST_CHANGES, REJECT) else super().get_form_for_action(action)


class ObjectiveReviewer(models.Model):
    """A thematic reviewer responsible for the examples of one GCM objective."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_objectives"
    )
    objective_number = models.PositiveSmallIntegerField(
        _("objective"), validators=[MinValueValidator(1), MaxValueValidator(23)]
    )

    class Meta:
        verbose_name = _("thematic reviewer")
        verbose_name_plural = _("thematic reviewers")
        ordering = ["objective_number"]
        constraints = [
            models.UniqueConstraint(fields=["user", "objective_number"], name="unique_reviewer_per_objective")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.objective_number}"


class ScreeningTask(ReasonRequiredMixin, AbstractGroupApprovalTask):
    """Moderators screen a submission: pass it on, request changes, or reject it."""

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        return [
            (REQUEST_CHANGES, _("Request changes"), True),
            (REJECT, _("Reject"), True),
            (APPROVE, _("Pass to thematic review"), False),
            (APPROVE, _("Pass with comment"), True),
        ]

    def on_action(self, task_state: TaskState, user, action_name: str, **kwargs) -> str | None:
        moderation.act(task_state, user, action_name, kwargs.get("comment", ""))
        return moderation.after_action_url(task_state.workflow_state.content_object, user)

    @classmethod
    def get_description(cls) -> str:
        return _("Moderators pass a submission to thematic review, request changes or reject it")

    class Meta:
        verbose_name = _("screening task")
        verbose_name_plural = _("screening tasks")


class ThematicReviewTask(ReasonRequiredMixin, Task):
    """The reviewers of the example's primary objective approve it (which publishes it), request changes or
    reject it with a reason.

    Where nobody reviews that objective, any member of ``fallback_group`` may.
    """

    fallback_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("reviewers when none is assigned"),
    )
    admin_form_fields = [*Task.admin_form_fields, "fallback_group"]

    def reviewer_ids(self, page) -> set[int]:
        number = getattr(getattr(page, "primary_objective", None), "number", None)
        assigned = set(
            ObjectiveReviewer.objects.filter(objective_number=number).values_list("user_id", flat=True)
        )
        if assigned or self.fallback_group_id is None:
            return assigned
        return set(self.fallback_group.user_set.values_list("pk", flat=True))

    def can_review(self, page, user) -> bool:
        return user.is_authenticated and (user.is_superuser or user.pk in self.reviewer_ids(page.specific))

    def user_can_access_editor(self, obj, user) -> bool:
        return self.can_review(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        return not self.can_review(obj, user)

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        if not self.can_review(obj, user):
            return []
        # Wagtail's action menu adds "and Publish" to approvals at the workflow's last task (this one), so the
        # labels must not say it themselves ("Approve and publish and Publish").
        return [
            (REQUEST_CHANGES, _("Request changes"), True),
            (REJECT, _("Reject"), True),
            (APPROVE, _("Approve"), False),
            (APPROVE, _("Approve with comment"), True),
        ]

    def on_action(self, task_state: TaskState, user, action_name: str, **kwargs) -> str | None:
        moderation.act(task_state, user, action_name, kwargs.get("comment", ""))
        return moderation.after_action_url(task_state.workflow_state.content_object, user)

    def get_task_states_user_can_moderate(self, user, **kwargs) -> QuerySet:
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        ids = [state.pk for state in states.select_related("workflow_state") if self._reviewable(state, user)]
        return states.filter(pk__in=ids)

    def _reviewable(self, state: TaskState, user) -> bool:
        page = state.workflow_state.content_object
        return page is not None and self.can_review(page, user)

    @classmethod
    def get_description(cls) -> str:
        return _("Reviewers of the example's primary objective approve it, request changes or reject it")

    class Meta:
        verbose_name = _("thematic review task")
        verbose_name_plural = _("thematic review tasks")


class Outcome(models.TextChoices):
    """What a moderator decided on a task (``workflows.signals``' outcomes). Wagtail's TaskState says only
    approved or rejected: a request for changes and a final rejection are both "rejected" there."""

    PUBLISHED = "published", _("Approved and published")
    IN_REVIEW = "in_review", _("Passed to the next step")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")


class ModerationDecision(models.Model):
    """The outcome of one moderation action, beside Wagtail's TaskState (which keeps who, when and the
    comment), so that the editors' dashboard tells a request for changes from a rejection
    (``workflows.insight``). Written by ``workflows.moderation.act``, the one path every action takes."""

    task_state = models.OneToOneField(
        TaskState, on_delete=models.CASCADE, related_name="gcm_decision", verbose_name=_("task state")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")

    def __str__(self) -> str:
        return f"{self.task_state_id}: {self.outcome}"
