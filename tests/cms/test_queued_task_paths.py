"""Tasks queued under the old module paths still run after cms was split into sub-packages."""

import importlib
from datetime import UTC, datetime

from django.apps import apps
from django.utils.module_loading import import_string

import pytest
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

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
