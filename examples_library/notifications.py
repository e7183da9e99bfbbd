"""E-mails about submissions, in each recipient's language, sent by a task after the transaction commits
(the mail itself goes through the queued backend in cms/mail.py, so a mail server outage loses nothing)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from django_tasks import task

from examples_library.models import SubmissionEvent, SubmissionStatus


def _reviewers(event: SubmissionEvent) -> list:
    from wagtail.models import Task

    from cms.roles import MODERATORS
    from workflows.models import ThematicReviewTask

    User = get_user_model()
    if event.status == SubmissionStatus.SCREENING:
        return list(User.objects.filter(groups__name=MODERATORS, is_active=True).exclude(email=""))
    if event.status == SubmissionStatus.THEMATIC_REVIEW:
        review = Task.objects.filter(content_type__model="thematicreviewtask").first()
        if review is None:
            return []
        task_obj: ThematicReviewTask = review.specific
        ids = task_obj.reviewer_ids(event.submission.page)
        return list(User.objects.filter(pk__in=ids, is_active=True).exclude(email=""))
    return []


def _preferred_language(user) -> str:
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE


def _send(recipient, event: SubmissionEvent, language: str, for_submitter: bool) -> None:
    submission = event.submission
    with translation.override(language):
        status_label = str(SubmissionStatus(event.status).label)
        context = {
            "recipient_name": recipient.get_full_name() or recipient.get_username(),
            "title": submission.page.title,
            "status_label": status_label,
            "message": event.message,
            "for_submitter": for_submitter,
            "submissions_url": f"{settings.FRONTEND_URL}/{language}/account/submissions/",
            "admin_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{submission.page_id}/edit/",
        }
        subject = _("[GCM] %(title)s: %(status)s") % {
            "title": submission.page.title[:80],
            "status": status_label,
        }
        body = render_to_string("examples_library/email/transition.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


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
        _send(submitter, event, event.submission.language, for_submitter=True)
        sent += 1
    for reviewer in _reviewers(event):
        if reviewer.pk != submitter.pk:
            _send(reviewer, event, _preferred_language(reviewer), for_submitter=False)
            sent += 1
    return sent
