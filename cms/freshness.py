"""Keeping the public frontend fresh: what a page change makes stale, and purging it.

Publishing, unpublishing, moving or deleting a page only *schedules* a purge: ``schedule_purge`` enqueues
``cms.tasks.purge_frontend_task`` once the transaction commits, so the publish never waits for, nor fails
because of, the frontend or a CDN. The task hands the URLs to every backend of Wagtail's frontend cache
machinery (``WAGTAILFRONTENDCACHE``): ``cms.frontend_cache.FrontendPurgeBackend`` posts them, signed, to the
Astro server's ``/_purge``; a Cloudflare or CloudFront backend can be added beside it in settings.

A path ending in ``*`` is a prefix (CloudFront's wildcard syntax; the Astro server reads it the same way).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page

logger = logging.getLogger(__name__)

SITE_WIDE_PATHS = ("/sitemap.xml",)


class PurgeFailed(Exception):
    """A purge backend could not deliver its purge (the frontend is down, answered an error, timed out)."""


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _subpath(url_path: str) -> str:
    """'/home/examples/foo/' → 'examples/foo' (the path below the language's home page, cms/frontend.py)."""
    return "/".join([part for part in url_path.split("/") if part][1:])


def _in_every_language(subpaths: Iterable[str], *, prefix: bool = False) -> list[str]:
    """Each path below home in every language: a page without a translation is shown in English under the
    other languages' prefixes too (the frontend's fallback), so every language's copy goes stale."""
    paths = []
    for subpath in sorted(set(subpaths)):
        for language in languages():
            path = f"/{language}/{subpath}/" if subpath else f"/{language}/"
            paths.append(path + "*" if prefix else path)
    return paths


def _translation_subpaths(page: Page) -> set[str]:
    url_paths = page.get_translations(inclusive=True).values_list("url_path", flat=True)
    return {_subpath(url_path) for url_path in url_paths}


def paths_for_page(page: Page, *, old_url_path: str | None = None) -> list[str]:
    """Every frontend path (``*`` = prefix) that shows something of ``page``.

    An example appears on its own page, in the examples library (any filter), on the Booklet pages of its
    objectives, in site search, in the feeds and the sitemap. Any other page (guidance, the library's index,
    a deleted or moved tree) feeds the navigation, breadcrumbs, listings and previous/next links of the
    whole site, and guidance changes are rare: everything of every language is purged.
    """
    from examples_library.models import ExamplePage
    from guidance_pages.models import ObjectivePage

    specific = page.specific_deferred if type(page) is Page else page
    if old_url_path is not None or not isinstance(specific, ExamplePage):
        return [*_in_every_language([""], prefix=True), *SITE_WIDE_PATHS]

    own = _translation_subpaths(specific)
    parent = specific.get_parent()
    parents = _translation_subpaths(parent) if parent else set()
    numbers = [objective.number for objective in specific.all_objectives() if objective is not None]
    objective_url_paths = ObjectivePage.objects.filter(objective__number__in=numbers).values_list(
        "url_path", flat=True
    )
    objective_pages = {_subpath(url_path) for url_path in objective_url_paths}
    return [
        *_in_every_language(own),
        *_in_every_language(parents | objective_pages, prefix=True),
        *_in_every_language(["search", "feeds"], prefix=True),
        *SITE_WIDE_PATHS,
    ]


def schedule_purge(paths: list[str]) -> None:
    """Enqueue the purge once the surrounding transaction commits (at once outside one). Never raises: a
    purge that cannot be enqueued leaves pages at most ``max-age`` seconds stale."""
    if not paths or not settings.WAGTAILFRONTENDCACHE:
        return
    from cms.tasks import purge_frontend_task

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
        subpaths |= _translation_subpaths(page)
    schedule_purge([*_in_every_language(sorted(subpaths)), *_in_every_language(["discussions"], prefix=True)])


def purge(paths: list[str], *, backends: list[str] | None = None, attempt: int = 1) -> dict[str, str]:
    """Send ``paths`` (absolute URLs on ``FRONTEND_URL``) to each purge backend; a backend that fails is
    retried once, ``FRONTEND_PURGE_RETRY_SECONDS`` later. Returns each backend's outcome."""
    base = settings.FRONTEND_URL.rstrip("/")
    urls = [base + path for path in paths]
    outcome: dict[str, str] = {}
    failed: list[str] = []
    for name, backend in get_backends(backends=backends).items():
        try:
            backend.purge_batch(urls)
            outcome[name] = "purged"
        except PurgeFailed as error:
            logger.warning("Frontend purge through %s failed (attempt %d): %s", name, attempt, error)
            outcome[name] = "failed"
            failed.append(name)
    if failed and attempt == 1:
        _retry_later(paths, failed)
    return outcome


def _retry_later(paths: list[str], backends: list[str]) -> None:
    from django_tasks import task_backends

    from cms.retry import RETRY_PRIORITY
    from cms.tasks import purge_frontend_task

    if not task_backends[purge_frontend_task.backend].supports_defer:
        logger.warning("No retry of the frontend purge: the task backend cannot defer tasks")
        return
    run_after = timezone.now() + timedelta(seconds=settings.FRONTEND_PURGE_RETRY_SECONDS)
    # A purge retry is bounded (one) already; below fresh tasks, like every retry (cms.retry)
    purge_frontend_task.using(run_after=run_after, priority=RETRY_PRIORITY).enqueue(paths, backends, 2)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over ``<timestamp>.<body>``, hex, as the Astro server checks it (src/lib/purge.ts)."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
