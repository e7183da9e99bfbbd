"""Wagtail's own workflow e-mails, kept for staff only and written in each recipient's language.

Wagtail mails the requester of a workflow when it is approved or "rejected" (which, for our screening, is
often a mere request for changes) and mails the task's group when a task starts. A contributor gets our own
notices instead (``examples_library.notifications``: their words, their language, frontend links); Wagtail's,
with admin links they cannot open, only confused them. Staff keep Wagtail's, in their own language: Wagtail
renders each mail in the recipient's preferred language but, when they have none, in the *active* language,
which is the language of whoever triggered the mail.

``connect`` replaces Wagtail's receivers under their own ``dispatch_uid``s, so whichever app is ready first,
exactly one receiver per signal remains.
"""

from django.utils import translation

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from cms.background.mail import mail_language
from workflows.signals import contributors_of


def contributor_ids(obj) -> set[int]:
    """Who contributed ``obj`` through the public site (its submitter and the page's owner), if anyone did."""
    if obj is None:
        return set()
    submitters: set[int] = set()
    for _receiver, found in contributors_of.send(sender=type(obj), page=obj):
        submitters |= found
    if not submitters:
        return set()
    owner_id = getattr(obj, "owner_id", None)
    return submitters | ({owner_id} if owner_id else set())


class StaffOnlyInTheirLanguage:
    def _object(self, instance):
        state = instance if isinstance(instance, WorkflowState) else instance.workflow_state
        return state.content_object

    def get_valid_recipients(self, instance, **kwargs) -> set:
        recipients = super().get_valid_recipients(instance, **kwargs)
        contributors = contributor_ids(self._object(instance))
        return {recipient for recipient in recipients if recipient.pk not in contributors}

    def send_emails(self, template_set, context, recipients, **kwargs) -> bool:
        sent = True
        for recipient in recipients:
            with translation.override(mail_language(recipient)):
                sent = super().send_emails(template_set, dict(context), [recipient], **kwargs) and sent
        return sent


class TaskSubmittedNotifier(StaffOnlyInTheirLanguage, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmittedNotifier(StaffOnlyInTheirLanguage, WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApprovedNotifier(StaffOnlyInTheirLanguage, WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejectedNotifier(StaffOnlyInTheirLanguage, WorkflowStateRejectionEmailNotifier):
    pass


# Wagtail's dispatch_uids (wagtail.admin.signal_handlers).
RECEIVERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", TaskSubmittedNotifier()),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowSubmittedNotifier(),
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        WorkflowRejectedNotifier(),
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        WorkflowApprovedNotifier(),
    ),
]


def connect() -> None:
    for signal, sender, uid, notifier in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier, sender=sender, dispatch_uid=uid)
