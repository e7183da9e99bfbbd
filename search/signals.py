"""Wagtail announces publish, unpublish, move and delete through signals from every code path (admin,
workflow, API, shell). The receivers only enqueue the sync after commit; what to index is decided in
``search.indexing``."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from examples_library.events import examples_published
from search import indexing
from search.models import IndexOutbox
from search.tasks import schedule_outbox_drain, sync_pages_task, sync_tree_task

logger = logging.getLogger(__name__)


def _enqueue(page_id: int) -> None:
    def run() -> None:
        try:
            sync_tree_task.enqueue(page_id)
        except Exception:  # publishing never fails because of search; `rebuild_search` reconciles
            logger.exception("Could not enqueue the search sync of page %s", page_id)

    transaction.on_commit(run)


def on_page_change(sender, instance, **kwargs) -> None:
    _enqueue(instance.pk)


def on_page_delete(sender, instance, **kwargs) -> None:
    _enqueue(instance.pk)


def on_view_restriction_change(sender, instance, **kwargs) -> None:
    # Restricting a page, or opening it again, is no publish and Wagtail sends no page signal; the entries
    # of its subtree (rows exist only for public pages) must follow all the same.
    _enqueue(instance.page_id)


def on_examples_published(sender, pages, **kwargs) -> None:
    ids = [page.pk for page in pages]

    def run() -> None:
        try:
            sync_pages_task.enqueue(ids)
        except Exception:  # as _enqueue: `rebuild_search` reconciles
            logger.exception("Could not enqueue the search sync of %d imported pages", len(ids))

    transaction.on_commit(run)


def on_entry_queued(sender, entry_id: int, **kwargs) -> None:
    transaction.on_commit(schedule_outbox_drain)


def connect() -> None:
    indexing.entry_queued.connect(on_entry_queued, sender=IndexOutbox, dispatch_uid="gcm_search_outbox_drain")
    page_published.connect(on_page_change, dispatch_uid="gcm_search_published")
    page_unpublished.connect(on_page_change, dispatch_uid="gcm_search_unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="gcm_search_moved")
    examples_published.connect(on_examples_published, dispatch_uid="gcm_search_examples_published")
    post_delete.connect(on_page_delete, sender=Page, dispatch_uid="gcm_search_deleted")
    post_save.connect(
        on_view_restriction_change, sender=PageViewRestriction, dispatch_uid="gcm_search_restricted"
    )
    post_delete.connect(
        on_view_restriction_change, sender=PageViewRestriction, dispatch_uid="gcm_search_unrestricted"
    )
