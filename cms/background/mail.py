"""E-mail through a database queue.

``QueuedEmailBackend`` stores each message with django-mailer in the current transaction (so a rolled-back
action sends nothing) and, once the transaction commits, enqueues ``deliver_queued_mail``. That task sends
with the real backend (``MAILER_EMAIL_BACKEND``, from ``EMAIL_URL``); messages the server refused or could not
take are deferred by django-mailer and retried later with growing delays (``retry_deferred_mail``), never
lost.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation

from django_tasks import task
from mailer import engine
from mailer.backend import DbBackend
from mailer.models import Message

from cms.background.retry import schedule_retry

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


def enqueue_delivery() -> None:
    """Ask the worker to deliver the newly queued messages."""
    try:
        deliver_queued_mail.enqueue()
    except Exception:  # the messages stay queued; the next delivery or `manage.py send_mail` takes them
        logger.exception("Could not enqueue mail delivery")


def schedule_mail_retry(attempt: int) -> bool:
    """One retry of the deferred messages waits at a time, later with each failed attempt
    (cms.background.retry)."""
    return schedule_retry(
        retry_deferred_mail, attempt, settings.MAIL_RETRY_SECONDS, settings.MAIL_RETRY_MAX_SECONDS
    )


@task()
def deliver_queued_mail() -> dict[str, int]:
    """Send the messages not yet tried. Those the server refuses are deferred by django-mailer and left to
    ``retry_deferred_mail``: retrying every deferred message on each new one multiplied the attempts (and
    their log rows) by the number of messages during an outage."""
    engine.send_all()
    waiting = Message.objects.deferred().count()
    if waiting:
        schedule_mail_retry(1)
    return {"waiting": waiting}


@task()
def retry_deferred_mail(attempt: int = 1) -> dict[str, int]:
    """Try the deferred messages again, once each; if the server still refuses, schedule the next attempt."""
    Message.objects.retry_deferred()
    engine.send_all()
    waiting = Message.objects.deferred().count()
    if waiting:
        schedule_mail_retry(attempt + 1)
    return {"attempt": attempt, "waiting": waiting}
