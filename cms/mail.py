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

from django_tasks import task
from mailer import engine
from mailer.backend import DbBackend
from mailer.models import Message

from cms.retry import schedule_retry

logger = logging.getLogger(__name__)


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
    """One retry of the deferred messages waits at a time, later with each failed attempt (cms.retry)."""
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
