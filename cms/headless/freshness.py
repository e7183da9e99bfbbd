"""Keeping the public frontend fresh: what a page change makes stale, and purging it.

Publishing, unpublishing, moving or deleting a page only *schedules* a purge: ``schedule_purge`` enqueues
``cms.headless.tasks.purge_frontend_task`` once the transaction commits, so the publish never waits for, nor
fails because of, the frontend or a CDN. The task hands the URLs to every backend of Wagtail's frontend cache
machinery (``WAGTAILFRONTENDCACHE``): ``cms.headless.frontend_cache.FrontendPurgeBackend`` posts them, signed,
to the Astro server's ``/_purge``; a Cloudflare or CloudFront backend can be added beside it in settings.

A path ending in ``*`` is a prefix (CloudFront's wildcard syntax; the Astro server reads it the same way).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from wagtail.models import Page

from cms.headless.tasks import purge_frontend_task

logger = logging.getLogger(__name__)

SITE_WIDE_PATHS = ("/sitemap.xml",)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def subpath(url_path: str) -> str:
    """'/home/examples/foo/' → 'examples/foo' (the path below the language's home page,
    cms/headless/frontend.py)."""
    return "/".join([part for part in url_path.split("/") if part][1:])


def in_every_language(subpaths: Iterable[str], *, prefix: bool = False) -> list[str]:
    """Each path below home in every language: a page without a translation is shown in English under the
    other languages' prefixes too (the frontend's fallback), so every language's copy goes stale."""
    paths = []
    for path_below_home in sorted(set(subpaths)):
        for language in languages():
            path = f"/{language}/{path_below_home}/" if path_below_home else f"/{language}/"
            paths.append(path + "*" if prefix else path)
    return paths


def translation_subpaths(page: Page) -> set[str]:
    return translations_subpaths([page])


def translations_subpaths(pages: Iterable[Page]) -> set[str]:
    """The subpaths of ``pages`` and of all their translations, in one query (a bulk import's batch)."""
    keys = {page.translation_key for page in pages}
    url_paths = Page.objects.filter(translation_key__in=keys).values_list("url_path", flat=True)
    return {subpath(url_path) for url_path in url_paths}


def whole_site() -> list[str]:
    """Everything of every language. What a page change makes stale unless its type says less: most pages
    feed the navigation, breadcrumbs, listings and previous/next links of the whole site, and guidance
    changes are rare."""
    return [*in_every_language([""], prefix=True), *SITE_WIDE_PATHS]


class StalePathsMixin:
    """A page type says which frontend paths a publish or unpublish of one of its pages makes stale
    (``stale_paths``), so that this module asks each page instead of knowing the domain's page types
    (the platform imports no domain app). The default is the whole site."""

    def stale_paths(self) -> list[str]:
        return whole_site()


def paths_for_page(page: Page, *, old_url_path: str | None = None) -> list[str]:
    """Every frontend path (``*`` = prefix) that shows something of ``page``: what its type declares
    (``StalePathsMixin.stale_paths``). A moved or deleted tree (``old_url_path``) and a page of a type that
    declares nothing (Wagtail's root) make the whole site stale.
    """
    specific = page.specific_deferred if type(page) is Page else page
    if old_url_path is not None or not isinstance(specific, StalePathsMixin):
        return whole_site()
    return specific.stale_paths()


def schedule_purge(paths: list[str]) -> None:
    """Enqueue the purge once the surrounding transaction commits (at once outside one). Never raises: a
    purge that cannot be enqueued leaves pages at most ``max-age`` seconds stale."""
    if not paths or not settings.WAGTAILFRONTENDCACHE:
        return

    def enqueue() -> None:
        try:
            purge_frontend_task.enqueue(paths)
        except Exception:
            logger.exception("Could not enqueue the frontend purge of %d paths", len(paths))

    transaction.on_commit(enqueue)


def page_changed(page: Page, *, old_url_path: str | None = None) -> None:
    if not settings.WAGTAILFRONTENDCACHE:  # purging is off: not even a query
        return
    schedule_purge(paths_for_page(page, old_url_path=old_url_path))


def comments_changed(page: Page) -> None:
    """A comment became visible or hidden, or its triage changed: the commented page shows comments beside
    its paragraphs and the discussion pages list them. Only those, in every language, go stale; a comment
    is not a publish, so nothing else does."""
    discussion_changed([page])


def discussion_changed(pages: Iterable[Page]) -> None:
    """A discussion was created, edited or deleted (its window, questions or pages): the pages it was and is
    about show its questions and threads, and the discussion pages list it, in every language."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    subpaths: set[str] = set()
    for page in pages:
        subpaths |= translation_subpaths(page)
    schedule_purge([*in_every_language(sorted(subpaths)), *in_every_language(["discussions"], prefix=True)])
