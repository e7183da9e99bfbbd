"""What moderation actions do. Called by the task types (admin) and by the submission services (API).

The workflow engine is Wagtail's: starting, approving and requesting changes go through its WorkflowState
and TaskState (so the admin dashboard and the audit log show everything); this module adds the final
rejection, and announces each decision (``workflows.signals.moderation_decided``): the examples library sets
the contributor-facing status of the submission and publishes its attachments.
"""

from collections.abc import Sequence

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision, TaskState, Workflow, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from workflows import signals
from workflows.actions import APPROVE, REJECT, REQUEST_CHANGES


class NoModerationWorkflow(ImproperlyConfigured):
    """No example moderation workflow reaches the page: an administrator must assign one to its index."""


def example_workflow(page: Page) -> Workflow:
    """The workflow an administrator assigned to ``page``'s examples index (Wagtail's WorkflowPage, the
    nearest ancestor's wins), so renaming or replacing it in the admin never breaks a submission.

    The page tree's root carries the guidance workflow: an index that lost its own assignment would
    silently send examples to the editors instead of screening, so the workflow must begin with one."""
    workflow = page.get_workflow()
    first_task = workflow.tasks.first() if workflow is not None else None
    # From the app registry: the task types call this module, which therefore cannot import them.
    screening = apps.get_model("workflows", "ScreeningTask")
    if first_task is None or not isinstance(first_task.specific, screening):
        raise NoModerationWorkflow(
            # For the administrators' logs: contributors get SubmissionError's message.
            f"No example moderation workflow (beginning with screening) is assigned to page {page.pk}'s "
            f"examples index or its ancestors."
        )
    return workflow


def current_state(page: Page) -> WorkflowState | None:
    return WorkflowState.objects.active().for_instance(page).first()


@transaction.atomic
def start(page: Page, user) -> WorkflowState:
    """(Re)start moderation of ``page``'s latest revision from the first task."""
    workflow = example_workflow(page)
    state = current_state(page)
    if state is not None:
        state.cancel(user=user)
    return workflow.start(page, user)


@transaction.atomic
def start_many(pages: Sequence[Page], revisions: Sequence[Revision], user) -> list[WorkflowState]:
    """``start`` for many new pages of one examples index at once (the bulk import's drafts), each with its
    only revision: what ``Workflow.start`` leaves (the workflow state, the first task's state on that
    revision, the audit log's "wagtail.workflow.start"), in a statement per table.

    Wagtail's ``workflow_submitted`` and ``task_submitted`` are not sent: their receivers mail the step's
    group once per page, thousands of mails for one import; the importer sends one notice instead."""
    if not pages:
        return []
    workflow = example_workflow(pages[0])
    task = workflow.tasks.filter(active=True).first().specific  # ordered as the workflow's steps
    page_type = ContentType.objects.get_for_model(pages[0], for_concrete_model=False)
    base_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_IN_PROGRESS,
                requested_by=user,
            )
            for page in pages
        ]
    )
    task_states = TaskState.objects.bulk_create(
        [
            task.get_task_state_class()(
                workflow_state=state, revision=revision, task=task, status=TaskState.STATUS_IN_PROGRESS
            )
            for state, revision in zip(states, revisions, strict=True)
        ]
    )
    for state, task_state in zip(states, task_states, strict=True):
        state.current_task_state = task_state
    WorkflowState.objects.bulk_update(states, ["current_task_state"])
    context = get_active_log_context()
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=page_type,
                label=page.get_admin_display_title(),
                action="wagtail.workflow.start",
                timestamp=state.created_at,
                user=user,
                uuid=context.uuid,
                page_id=page.pk,
                revision=revision,
                data={
                    "workflow": {
                        "id": workflow.pk,
                        "title": workflow.name,
                        "status": state.status,
                        "next": {"id": task.pk, "title": task.name},
                        "task_state_id": task_state.pk,
                    }
                },
            )
            for page, revision, state, task_state in zip(pages, revisions, states, task_states, strict=True)
        ]
    )
    return states


@transaction.atomic
def stop(page: Page, user) -> None:
    state = current_state(page)
    if state is not None:
        state.cancel(user=user)


@transaction.atomic
def act(task_state: TaskState, user, action: str, comment: str = "") -> None:
    task = task_state.task.specific
    page = task_state.workflow_state.content_object.specific
    allowed = {name for name, _label, _modal in task.get_actions(page, user)}
    if action not in allowed:
        raise PermissionDenied(_("You may not take this action on this submission."))
    comment = (comment or "").strip()
    if action in (REQUEST_CHANGES, REJECT) and not comment:
        raise ValidationError(_("Please tell the contributor why."))

    if action == APPROVE:
        task_state.approve(user=user, comment=comment)
        page.refresh_from_db()
        outcome = signals.PUBLISHED if page.live else signals.IN_REVIEW
    elif action == REQUEST_CHANGES:
        task_state.reject(user=user, comment=comment)
        outcome = signals.CHANGES_REQUESTED
    else:  # final rejection, at screening or thematic review (the task types offer it)
        task_state.reject(user=user, comment=comment)
        task_state.workflow_state.refresh_from_db()
        task_state.workflow_state.cancel(user=user)
        outcome = signals.REJECTED

    # From the app registry: the task types call this module, which therefore cannot import the models.
    apps.get_model("workflows", "ModerationDecision").objects.create(task_state=task_state, outcome=outcome)
    signals.moderation_decided.send(
        sender=type(page), page=page, outcome=outcome, comment=comment, actor=user
    )


def after_action_url(page: Page, user) -> str | None:
    """Where the admin takes ``user`` after a moderation action on ``page``: None where Wagtail's own
    destination (the page's editor, its parent's listing) is open to them, else their dashboard.

    A thematic reviewer opens an example only while it waits for them; once they approve (which publishes
    it), reject it or send it back, Wagtail's destinations answered "Sorry, you do not have permission".
    """
    page = Page.objects.get(pk=page.pk)
    parent = page.get_parent()
    explorable = PagePermissionPolicy().explorable_instances(user).filter(pk=parent.pk).exists()
    if page.permissions_for_user(user).can_edit() and explorable:
        return None
    return reverse("wagtailadmin_home")


def pending_task_state(page: Page) -> TaskState | None:
    state = current_state(page)
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    return state.current_task_state


def moderate(page: Page, user, action: str, comment: str = "") -> None:
    """Take ``action`` on the task ``page`` waits for (the service behind the admin's workflow buttons)."""
    task_state = pending_task_state(page)
    if task_state is None:
        raise ValidationError(_("This submission is not waiting for moderation."))
    act(task_state, user, action, comment)


__all__ = [
    "APPROVE",
    "REJECT",
    "REQUEST_CHANGES",
    "NoModerationWorkflow",
    "act",
    "after_action_url",
    "moderate",
    "start",
]
