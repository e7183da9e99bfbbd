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


def _subpath(url_path: str) -> str:
    """'/home/examples/foo/' → 'examples/foo' (the path below the language's home page,
    cms/headless/frontend.py)."""
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
    # Imported here: the domain apps' models import this module (a discussion purges its pages), so cms
    # cannot import them back at load; asking each page type for its stale paths is issue 12's later move.
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
