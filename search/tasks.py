"""Background work that keeps search current; publishing only enqueues it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import task

from search import indexing

logger = logging.getLogger(__name__)


@task()
def sync_tree_task(page_id: int) -> int:
    return indexing.sync_tree(page_id)


@task()
def sync_page_task(page_id: int) -> str:
    return indexing.sync_page(page_id)


@task()
def drain_outbox_task() -> int:
    """Hand the entries a down engine missed to it; while some remain, try again later."""
    done, left = indexing.drain_outbox()
    if done:
        logger.info("Search outbox: %s entries handed to the engine, %s left", done, left)
    if left:
        schedule_outbox_drain()
    return left


def schedule_outbox_drain() -> None:
    """Enqueue a drain after ``SEARCH_OUTBOX_RETRY_SECONDS``. Backends that cannot defer a task (the
    immediate backend of the tests) are left to ``rebuild_search --reconcile``, rather than retrying in a
    tight loop."""
    backend = drain_outbox_task.get_backend()
    if not backend.supports_defer:
        return
    run_after = timezone.now() + timedelta(seconds=settings.SEARCH_OUTBOX_RETRY_SECONDS)
    try:
        drain_outbox_task.using(run_after=run_after).enqueue()
    except Exception:  # publishing never fails because of search; the reconcile command catches up
        logger.exception("Could not schedule the search outbox drain")
