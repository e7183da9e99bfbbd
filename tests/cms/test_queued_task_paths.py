"""Tasks and mail queued under the old module paths still run after cms was split into sub-packages."""

import base64
import importlib
import pickle
import sys
import types
from datetime import UTC, datetime

from django.apps import apps
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

import pytest
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult
from mailer import engine
from mailer.models import Message

from cms.background.mail import QueuedEmailBackend

migration = importlib.import_module("cms.migrations.0005_queued_task_paths")


def test_every_new_path_names_a_task():
    for new in migration.MOVED.values():
        assert isinstance(import_string(new), Task), new


@pytest.mark.django_db
def test_a_task_waiting_under_its_old_path_is_pointed_at_the_new_one():
    now = datetime.now(UTC)
    waiting = [
        DBTaskResult.objects.create(
            task_path=old,
            args_kwargs={"args": [], "kwargs": {}},
            queue_name="default",
            backend_name="default",
            priority=0,
            run_after=now,
        )
        for old in migration.MOVED
    ]
    migration.forwards(apps, None)
    for row, new in zip(waiting, migration.MOVED.values(), strict=True):
        row.refresh_from_db()
        assert row.task_path == new
        assert isinstance(import_string(row.task_path), Task)


@pytest.mark.django_db
def test_a_mail_queued_by_the_old_module_is_still_sent(monkeypatch, mailoutbox):
    """django-mailer pickles each queued message with its backend (our QueuedEmailBackend): a message queued
    while the class lived in cms.mail must still load, and go out, after the move."""
    old_module = types.ModuleType("cms.mail")
    old_class = type("QueuedEmailBackend", (QueuedEmailBackend,), {"__module__": "cms.mail"})
    old_module.QueuedEmailBackend = old_class
    monkeypatch.setitem(sys.modules, "cms.mail", old_module)
    email = EmailMessage("Queued before the upgrade", "body", "from@example.org", ["to@example.org"])
    email.connection = old_class()
    queued = Message.objects.create(message_data=base64.encodebytes(pickle.dumps(email)).decode("ascii"))
    monkeypatch.delitem(sys.modules, "cms.mail")
    with pytest.raises(ModuleNotFoundError):
        queued.email  # noqa: B018 - what the worker met before this migration

    migration.forwards(apps, None)

    queued.refresh_from_db()
    assert isinstance(queued.email.connection, QueuedEmailBackend)
    engine.send_all()
    assert [sent.subject for sent in mailoutbox] == ["Queued before the upgrade"]
