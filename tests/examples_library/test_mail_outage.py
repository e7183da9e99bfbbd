"""With the mail server down, submissions still succeed; the mail waits in the queue and goes out once the
server is back."""

from django.core import mail

import pytest
from mailer.models import Message

from cms.background.mail import deliver_queued_mail, retry_deferred_mail
from examples_library.models import Submission
from tests import network
from tests.examples_library.helpers import submit
from tests.helpers import client_for

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def silent_server():
    with network.silent_server() as port:
        yield port


def queued_for(address: str) -> list:
    return [message for message in Message.objects.all() if address in message.to_addresses]


@pytest.mark.parametrize("outage", ["refused", "unknown host", "no answer"])
def test_submission_survives_a_mail_outage_and_mail_follows(stakeholder, settings, outage, silent_server):
    settings.MAILER_EMAIL_BACKEND = SMTP
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_HOST, settings.EMAIL_PORT = {
        "refused": ("127.0.0.1", network.refused_port()),
        "unknown host": ("mail.gcm-platform.invalid", 25),
        "no answer": ("127.0.0.1", silent_server),
    }[outage]
    mail.outbox.clear()

    response = submit(client_for(stakeholder))

    assert response.status_code == 201, response.content
    assert Submission.objects.filter(pk=response.json()["id"]).exists()
    assert mail.outbox == []
    assert queued_for(stakeholder.email), "the confirmation waits in the queue"

    # A delivery of newer mail does not try the deferred messages again (the scheduled retry does).
    deliver_queued_mail.call()
    assert mail.outbox == []
    # The server is back: the next retry sends it, once.
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry_deferred_mail.call(1)
    sent = [m for m in mail.outbox if stakeholder.email in m.to]
    assert len(sent) == 1
    assert not queued_for(stakeholder.email)
    retry_deferred_mail.call(2)
    assert len([m for m in mail.outbox if stakeholder.email in m.to]) == 1


def test_a_failing_task_queue_does_not_fail_the_submission(stakeholder, monkeypatch):
    class Broken:
        backend = "default"

        def enqueue(self, *args, **kwargs):
            raise ConnectionError("task backend down")

    monkeypatch.setattr("cms.background.mail.deliver_queued_mail", Broken())
    response = submit(client_for(stakeholder))
    assert response.status_code == 201
    assert queued_for(stakeholder.email)
