"""Background work that keeps search current; publishing only enqueues it."""

import logging

from django.conf import settings

from django_tasks import task

from cms.background.retry import schedule_retry
from search import indexing

logger = logging.getLogger(__name__)


@task()
def sync_tree_task(page_id: int) -> int:
    return indexing.sync_tree(page_id)


@task()
def sync_pages_task(page_ids: list[int]) -> int:
    return indexing.sync_pages(page_ids)


@task()
def sync_page_task(page_id: int) -> str:
    return indexing.sync_page(page_id)


@task()
def drain_outbox_task(attempt: int = 1) -> int:
    """Hand the entries a down engine missed to it; while some remain, try again later
    (cms.background.retry)."""
    done, left = indexing.drain_outbox()
    if done:
        logger.info("Search outbox: %s entries handed to the engine, %s left", done, left)
    if left:
        schedule_outbox_drain(attempt + 1)
    return left


def schedule_outbox_drain(attempt: int = 1) -> None:
    """Enqueue a drain after the back-off of ``attempt`` (``SEARCH_OUTBOX_RETRY_SECONDS``, doubling up to
    ``SEARCH_OUTBOX_RETRY_MAX_SECONDS``) unless one is waiting already. Backends that cannot defer a task
    (the immediate backend of the tests) are left to ``rebuild_search --reconcile``."""
    schedule_retry(
        drain_outbox_task,
        attempt,
        settings.SEARCH_OUTBOX_RETRY_SECONDS,
        settings.SEARCH_OUTBOX_RETRY_MAX_SECONDS,
    )
