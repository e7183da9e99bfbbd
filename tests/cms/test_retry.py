"""Point 6 of issue 11: during a mail or search outage retries piled up (43,302 mail-failure log rows in 3
minutes) and starved the worker. Now each kind of work has one retry waiting, its delay doubles up to a
ceiling, each attempt tries each message once, and fresh tasks run before retries that are due."""

from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from mailer.models import Message, MessageLog

from cms.background.retry import backoff_seconds
from search import indexing
from search.models import IndexOutbox, SearchEntry
from search.tasks import sync_page_task
from tests import network
from tests.search.fake_engine import FakeEngine
from tests.search.helpers import committed

pytestmark = pytest.mark.django_db

MAIL_RETRY = "cms.background.mail.retry_deferred_mail"
DRAIN = "search.tasks.drain_outbox_task"


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def mail_down(settings, database_tasks):
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", network.refused_port(), 1
    settings.MAIL_RETRY_SECONDS, settings.MAIL_RETRY_MAX_SECONDS = 60, 600


def run_next() -> DBTaskResult | None:
    """What ``manage.py db_worker`` does once: take the next ready task (its query, its order), run it."""
    result = DBTaskResult.objects.ready().get_locked()
    if result is None:
        return None
    result.claim("test-worker")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run_task(result)
    result.refresh_from_db()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.traceback
    return result


def run_ready() -> list[str]:
    names = []
    while (result := run_next()) is not None:
        names.append(result.task_path)
    return names


def waiting(task_path: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY))


def come_due(result: DBTaskResult) -> None:
    """Time passes: the waiting retry is due."""
    DBTaskResult.objects.filter(pk=result.pk).update(run_after=timezone.now() - timedelta(seconds=1))


def delay_of(result: DBTaskResult) -> float:
    return (result.run_after - timezone.now()).total_seconds()


def test_backoff_doubles_up_to_its_ceiling():
    assert [backoff_seconds(n, 60, 600) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]
    assert backoff_seconds(10_000, 60, 600) == 600


def test_a_mail_outage_keeps_one_retry_waiting_and_backs_off(mail_down):
    for number in range(12):
        with committed():
            send_mail(f"Notice {number}", "Body", None, [f"reader{number}@example.org"])
    assert run_ready() == ["cms.background.mail.deliver_queued_mail"] * 12
    assert MessageLog.objects.count() == 12, "each new message tried once, not once per later delivery"
    assert Message.objects.deferred().count() == 12
    [retry] = waiting(MAIL_RETRY)
    assert 50 < delay_of(retry) <= 60
    assert retry.priority < 0

    for attempt, delay in [(2, 120), (3, 240), (4, 480), (5, 600), (6, 600)]:
        come_due(retry)
        assert run_ready() == [MAIL_RETRY]
        [retry] = waiting(MAIL_RETRY)
        assert retry.task_result.args == [attempt]
        assert delay - 10 < delay_of(retry) <= delay
    assert MessageLog.objects.count() == 12 * 6, "one log row per message and attempt"


def test_the_retry_delivers_once_the_server_is_back(mail_down, settings):
    with committed():
        send_mail("Notice", "Body", None, ["back@example.org"])
    run_ready()
    [retry] = waiting(MAIL_RETRY)
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    come_due(retry)
    assert run_ready() == [MAIL_RETRY]
    assert not Message.objects.exists()
    assert waiting(MAIL_RETRY) == [], "nothing deferred: no further attempt"


def test_fresh_tasks_run_before_a_retry_that_is_due(mail_down, english):
    with committed():
        send_mail("Notice", "Body", None, ["late@example.org"])
    run_ready()
    [retry] = waiting(MAIL_RETRY)
    come_due(retry)
    page_ids = list(SearchEntry.objects.values_list("page_id", flat=True)[:3])
    for page_id in page_ids:
        sync_page_task.enqueue(page_id)
    assert run_ready() == ["search.tasks.sync_page_task"] * 3 + [MAIL_RETRY]


@pytest.fixture
def engine_down(settings, database_tasks):
    FakeEngine.down, FakeEngine.documents = True, {}
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "tests.search.fake_engine"},
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    settings.SEARCH_OUTBOX_RETRY_SECONDS, settings.SEARCH_OUTBOX_RETRY_MAX_SECONDS = 30, 100
    yield
    FakeEngine.down = False


def test_a_search_outage_keeps_one_drain_waiting_and_backs_off(engine_down):
    entries = list(SearchEntry.objects.values_list("pk", flat=True)[:20])
    for entry_id in entries:
        with committed():
            indexing.record_in_outbox(entry_id, "refused")
    [drain] = waiting(DRAIN)
    assert 20 < delay_of(drain) <= 30 and drain.priority < 0

    for attempt, delay in [(2, 60), (3, 100), (4, 100)]:
        come_due(drain)
        assert run_ready() == [DRAIN]
        [drain] = waiting(DRAIN)
        assert drain.task_result.args == [attempt]
        assert delay - 10 < delay_of(drain) <= delay
    assert IndexOutbox.objects.count() == len(entries)

    FakeEngine.down = False
    come_due(drain)
    assert run_ready() == [DRAIN]
    assert not IndexOutbox.objects.exists()
    assert waiting(DRAIN) == []
