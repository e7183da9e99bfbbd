"""E-mails about submissions, in each recipient's own mail language (``cms.background.mail.mail_language``)
with links to the site in that language, sent by a task after the transaction commits
(the mail itself goes through the queued backend in cms/background/mail.py, so a mail server outage loses
nothing)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import TaskState, WorkflowState

from django_tasks import task

from cms.accounts.roles import MODERATORS
from cms.background.mail import mail_language
from cms.headless.frontend import frontend_url_for_reader
from examples_library.models import SubmissionEvent, SubmissionStatus
from workflows.models import ThematicReviewTask


def thematic_review_task(page) -> ThematicReviewTask | None:
    """The thematic review task ``page`` is in or was last in: a site may run several workflows, each with
    its own review task and fallback reviewers, so the first one in the database is not necessarily it."""
    states = TaskState.objects.filter(
        workflow_state__in=WorkflowState.objects.for_instance(page),
        task__content_type__app_label="workflows",
        task__content_type__model="thematicreviewtask",
    ).order_by("-started_at", "-pk")
    state = states.select_related("task").first()
    return state.task.specific if state is not None else None


def _staff_status(event: SubmissionEvent) -> str:
    """The step whose staff hear of ``event``: its own, or for a withdrawal the step it was withdrawn from
    (the people screening or reviewing it should stop)."""
    if event.status != SubmissionStatus.WITHDRAWN:
        return event.status
    before = (
        SubmissionEvent.objects.filter(submission_id=event.submission_id, pk__lt=event.pk)
        .order_by("-created_at", "-pk")
        .values_list("status", flat=True)
        .first()
    )
    return before or ""


def _reviewers(event: SubmissionEvent) -> list:
    User = get_user_model()
    step = _staff_status(event)
    if step == SubmissionStatus.SCREENING:
        return list(User.objects.filter(groups__name=MODERATORS, is_active=True).exclude(email=""))
    if step == SubmissionStatus.THEMATIC_REVIEW:
        page = event.submission.page
        task_obj = thematic_review_task(page)
        if task_obj is None:
            return []
        ids = task_obj.reviewer_ids(page.specific)
        return list(User.objects.filter(pk__in=ids, is_active=True).exclude(email=""))
    return []


def _send(recipient, event: SubmissionEvent, for_submitter: bool) -> None:
    submission = event.submission
    language = mail_language(recipient)
    frontend = settings.FRONTEND_URL.rstrip("/")
    with translation.override(language):
        status_label = str(SubmissionStatus(event.status).label)
        published = event.status == SubmissionStatus.PUBLISHED and submission.page.live
        context = {
            "recipient_name": recipient.get_full_name() or recipient.get_username(),
            "title": submission.page.title,
            "status_label": status_label,
            "message": event.message,
            "for_submitter": for_submitter,
            "example_url": frontend_url_for_reader(submission.page, language) if published else "",
            "submissions_url": f"{frontend}/{language}/account/submissions/",
            "admin_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{submission.page_id}/edit/",
        }
        subject = _("[GCM] %(title)s: %(status)s") % {
            "title": submission.page.title[:80],
            "status": status_label,
        }
        body = render_to_string("examples_library/email/transition.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


@task()
def notify_imported_drafts(importer_id: int, count: int) -> int:
    """One notice to the screening moderators for the drafts a bulk import sent into moderation: the bulk
    path starts their workflows without Wagtail's per-page mails (one per example and moderator)."""
    User = get_user_model()
    importer = User.objects.filter(pk=importer_id).first()
    name = (importer.get_full_name() or importer.get_username()) if importer else "?"
    recipients = User.objects.filter(groups__name=MODERATORS, is_active=True).exclude(email="")
    sent = 0
    for recipient in recipients.exclude(pk=importer_id).distinct():
        with translation.override(mail_language(recipient)):
            subject = ngettext(
                "[GCM] %(count)s imported example awaits screening",
                "[GCM] %(count)s imported examples await screening",
                count,
            ) % {"count": count}
            body = render_to_string(
                "examples_library/email/imported.txt",
                {
                    "recipient_name": recipient.get_full_name() or recipient.get_username(),
                    "count": count,
                    "importer": name,
                    "admin_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/",
                },
            )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        sent += 1
    return sent


@task()
def notify_transition(event_id: int) -> int:
    event = (
        SubmissionEvent.objects.select_related("submission__page", "submission__submitter")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    submitter = event.submission.submitter
    sent = 0
    if submitter.email:
        _send(submitter, event, for_submitter=True)
        sent += 1
    for reviewer in _reviewers(event):
        if reviewer.pk != submitter.pk:
            _send(reviewer, event, for_submitter=False)
            sent += 1
    return sent
