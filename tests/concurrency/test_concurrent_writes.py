"""Point 5 of issue 11: the web server and the task worker write to the same database at once. On SQLite,
15 of 37 submissions answered 500 ("database is locked") while the worker wrote. 50 concurrent writes, 25
from requests and 25 from the real ``db_worker`` loop, must all succeed on SQLite and on PostgreSQL."""

import json
import threading

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connections
from django.test import Client

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cms.models import AccountProfile
from search.models import SearchEntry, SearchVersion
from search.tasks import sync_page_task
from tests.threads import in_thread

CLIENTS = 5
PUTS_PER_CLIENT = 5
TASKS = 25
USERNAMES = ["stakeholder", "champion", "editor", "moderator", "reviewer"]


def snapshot() -> dict:
    users = list(get_user_model().objects.filter(username__in=USERNAMES))
    assert len(users) == CLIENTS, "the demo users are loaded"
    profiles = {p.user_id: (p.display_name, p.country) for p in AccountProfile.objects.filter(user__in=users)}
    return {
        "users": users,
        "profiles": profiles,
        "pages": list(SearchEntry.objects.order_by("pk").values_list("page_id", flat=True)[:TASKS]),
        "version": SearchVersion.objects.filter(pk=1).values_list("value", flat=True).first(),
        "sessions": set(Session.objects.values_list("pk", flat=True)),
        "tasks": set(DBTaskResult.objects.values_list("pk", flat=True)),
    }


def restore(before: dict) -> None:
    """Undo what the test committed (on PostgreSQL the database outlives the test)."""
    for user in before["users"]:
        if user.pk in before["profiles"]:
            name, country = before["profiles"][user.pk]
            AccountProfile.objects.filter(user=user).update(display_name=name, country=country)
        else:
            AccountProfile.objects.filter(user=user).delete()
    Session.objects.exclude(pk__in=before["sessions"]).delete()
    DBTaskResult.objects.exclude(pk__in=before["tasks"]).delete()
    if before["version"] is not None:
        SearchVersion.objects.filter(pk=1).update(value=before["version"])


@pytest.mark.django_db
@pytest.mark.usefixtures("shared_database")
def test_fifty_concurrent_writes_from_the_web_and_the_worker_all_succeed(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    before = in_thread(snapshot)
    assert len(before["pages"]) == TASKS
    try:
        task_ids = in_thread(lambda: [sync_page_task.enqueue(pk).id for pk in before["pages"]])
        clients = []
        for user in before["users"]:
            client = Client(HTTP_HOST="localhost")
            in_thread(client.force_login, user)
            clients.append(client)

        start = threading.Barrier(CLIENTS + 1)
        statuses: list[int] = []
        errors: list[BaseException] = []

        def web(client: Client, number: int) -> None:
            try:
                start.wait()
                for put in range(PUTS_PER_CLIENT):
                    body = json.dumps({"display_name": f"Writer {number}.{put}"})
                    response = client.put("/api/v1/account/profile/", body, content_type="application/json")
                    statuses.append(response.status_code)
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
            finally:
                connections.close_all()

        def worker() -> None:
            try:
                start.wait()
                Worker(
                    queue_names=["default"],
                    interval=0.01,
                    batch=True,
                    backend_name="default",
                    startup_delay=False,
                    max_tasks=TASKS,
                    worker_id="concurrency-test",
                    excluded_queue_names=[],
                ).run()
            except BaseException as error:  # noqa: BLE001
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=web, args=(c, n)) for n, c in enumerate(clients)]
        threads.append(threading.Thread(target=worker))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(240)

        assert errors == []
        assert statuses == [200] * (CLIENTS * PUTS_PER_CLIENT)
        results = in_thread(
            lambda: dict(DBTaskResult.objects.filter(pk__in=task_ids).values_list("pk", "status"))
        )
        assert sorted(map(str, results.values())) == [TaskResultStatus.SUCCESSFUL] * TASKS
        names = in_thread(
            lambda: set(
                AccountProfile.objects.filter(user__in=before["users"]).values_list("display_name", flat=True)
            )
        )
        assert names == {f"Writer {n}.{PUTS_PER_CLIENT - 1}" for n in range(CLIENTS)}
    finally:
        in_thread(restore, before)
