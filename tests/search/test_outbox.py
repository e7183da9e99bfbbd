"""When the remote search engine is down, publishing still succeeds (and does not wait); the entries it
missed wait in the outbox and reach the engine once it answers again."""

import io
import time

from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from search import indexing
from search.models import IndexOutbox, SearchEntry
from search.tasks import drain_outbox_task
from tests import network
from tests.search.factories import IndexedExamplePageFactory
from tests.search.fake_engine import FakeEngine
from tests.search.helpers import committed


@pytest.fixture
def engine(settings):
    FakeEngine.down = False
    FakeEngine.documents = {}
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "tests.search.fake_engine"},
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    yield FakeEngine
    FakeEngine.down = False


def test_publishing_succeeds_while_a_real_engine_refuses(client, settings, db):
    port = network.refused_port()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{port}"],
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    began = time.monotonic()
    page = IndexedExamplePageFactory(title="Outboxed practice", objective=6)
    assert time.monotonic() - began < 5
    entry = SearchEntry.objects.get(page=page)
    assert IndexOutbox.objects.filter(entry_id=entry.pk).exists()
    # Search answers from the database meanwhile, and says so.
    body = client.get("/api/v1/examples/", {"q": "outboxed"}).json()
    assert body["degraded"] is True and [i["title"] for i in body["items"]] == ["Outboxed practice"]


def test_the_task_drains_the_outbox_when_the_engine_is_back(engine, db):
    engine.down = True
    page = IndexedExamplePageFactory(title="Catch-up practice", objective=6)
    entry = SearchEntry.objects.get(page=page)
    assert list(IndexOutbox.objects.values_list("entry_id", flat=True)) == [entry.pk]
    assert entry.pk not in engine.documents

    assert drain_outbox_task.enqueue().return_value == 1  # still down: kept, attempt counted
    assert IndexOutbox.objects.get().attempts == 1

    engine.down = False
    assert drain_outbox_task.enqueue().return_value == 0
    assert not IndexOutbox.objects.exists()
    assert engine.documents[entry.pk] == "Catch-up practice"


def test_removals_missed_by_the_engine_are_caught_up_by_reconcile(engine, db):
    page = IndexedExamplePageFactory(title="Soon withdrawn practice", objective=6)
    entry_id = SearchEntry.objects.get(page=page).pk
    assert entry_id in engine.documents
    engine.down = True
    with committed():
        page.unpublish()
    assert not SearchEntry.objects.filter(pk=entry_id).exists()
    assert IndexOutbox.objects.filter(entry_id=entry_id).exists()
    assert entry_id in engine.documents  # the engine still has it

    engine.down = False
    out = io.StringIO()
    call_command("rebuild_search", "--reconcile", stdout=out)
    assert "1 handed to the engine, 0 still waiting" in out.getvalue()
    assert entry_id not in engine.documents
    assert not IndexOutbox.objects.exists()


def test_a_healthy_engine_gets_each_publish_directly(engine, db):
    page = IndexedExamplePageFactory(title="Direct practice", objective=6)
    assert engine.documents[SearchEntry.objects.get(page=page).pk] == "Direct practice"
    assert not IndexOutbox.objects.exists()


def test_a_failure_schedules_a_deferred_drain(engine, settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SEARCH_OUTBOX_RETRY_SECONDS = 120
    engine.down = True
    with committed():
        indexing.record_in_outbox(12345, "refused")
    scheduled = DBTaskResult.objects.get(task_path="search.tasks.drain_outbox_task")
    assert 100 < (scheduled.run_after - timezone.now()).total_seconds() <= 120
