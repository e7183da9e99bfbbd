"""E-mail through a database queue.

``QueuedEmailBackend`` stores each message with django-mailer in the current transaction (so a rolled-back
action sends nothing) and, once the transaction commits, enqueues ``deliver_queued_mail``. That task sends
with the real backend (``MAILER_EMAIL_BACKEND``, from ``EMAIL_URL``); messages the server refused or could not
take are deferred by django-mailer and retried later, never lost.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from django_tasks import task, task_backends
from mailer import engine
from mailer.backend import DbBackend
from mailer.models import Message

logger = logging.getLogger(__name__)


def site_language(code: str | None) -> str | None:
    """``code`` as one of the site's languages (``fr-ca`` -> ``fr``), or None if the site has none such."""
    if not code:
        return None
    base = code.split("-")[0].lower()
    return base if base in dict(settings.LANGUAGES) else None


def mail_language(user) -> str:
    """The language every e-mail to ``user`` is written in: their preference, else English.

    The preference is Wagtail's ``UserProfile.preferred_language``, the one setting Wagtail's own workflow
    mails and its admin already read, so a person has one language for the admin and for all our mail. It is
    recorded at sign-up (the language the account was created in) and changed on the profile. Never the
    language of the request being served: that is the *actor's*, not the recipient's (Wagtail's own
    ``get_preferred_language`` falls back to it, which is how moderators got mail in a contributor's French).
    """
    from wagtail.users.models import UserProfile

    return site_language(UserProfile.get_for_user(user).preferred_language) or settings.LANGUAGE_CODE


def set_mail_language(user, language: str) -> None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


def record_signup_language(user) -> None:
    """A new account is written to in the language it signed up in (the request's, from Accept-Language)."""
    set_mail_language(user, site_language(translation.get_language()) or settings.LANGUAGE_CODE)


class QueuedEmailBackend(DbBackend):
    def send_messages(self, email_messages) -> int:
        count = super().send_messages(email_messages)
        if count:
            transaction.on_commit(enqueue_delivery)
        return count


def enqueue_delivery(delay_seconds: int = 0) -> None:
    """Ask the worker to deliver the queue, now or after a delay when the backend can defer."""
    try:
        if delay_seconds and task_backends[deliver_queued_mail.backend].supports_defer:
            deliver_queued_mail.using(run_after=timezone.now() + timedelta(seconds=delay_seconds)).enqueue()
        elif not delay_seconds:
            deliver_queued_mail.enqueue()
    except Exception:  # the messages stay queued; the next delivery or `manage.py send_mail` takes them
        logger.exception("Could not enqueue mail delivery")


@task()
def deliver_queued_mail() -> dict[str, int]:
    """Send what is queued; put deferred messages back in the queue and try again later."""
    engine.send_all()
    waiting = Message.objects.deferred().count()
    if waiting:
        Message.objects.retry_deferred()
        enqueue_delivery(settings.MAIL_RETRY_SECONDS)
    return {"waiting": waiting}
