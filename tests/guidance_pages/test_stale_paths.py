"""Each guidance page type declares what its publication makes stale on the frontend: the whole site, in every
language, because guidance feeds the navigation, breadcrumbs and listings of every page."""

from wagtail.models import Page

import pytest

from cms.headless import freshness
from examples_library.models import ExamplesIndexPage
from guidance_pages.models import BookletPage, ChapterPage, GuidePage, HomePage, ObjectivePage, StepPage

WHOLE_SITE = ["/en/*", "/es/*", "/fr/*", "/sitemap.xml"]


@pytest.mark.parametrize(
    "page_type", [HomePage, GuidePage, ChapterPage, StepPage, BookletPage, ObjectivePage, ExamplesIndexPage]
)
def test_a_guidance_or_index_page_makes_the_whole_site_stale(db, page_type):
    page = page_type.objects.filter(locale__language_code="en").first()
    assert page is not None, f"the demo content has a {page_type.__name__}"
    assert sorted(page.stale_paths()) == WHOLE_SITE
    # freshness asks the page, whatever class the caller holds it as.
    assert sorted(freshness.paths_for_page(Page.objects.get(pk=page.pk))) == WHOLE_SITE


def test_a_page_type_that_declares_nothing_makes_the_whole_site_stale(db):
    root = Page.objects.get(depth=1)
    assert sorted(freshness.paths_for_page(root)) == WHOLE_SITE


def covered(path: str, stale: list[str]) -> bool:
    """As the frontend's purge reads a path (frontend/src/lib/pagecache.ts purgeMatches)."""
    return any(path.startswith(entry[:-1]) if entry.endswith("*") else path == entry for entry in stale)


@pytest.mark.parametrize("page_type", [HomePage, ChapterPage, ObjectivePage])
def test_a_guidance_publish_makes_its_public_history_stale_in_every_language(db, page_type):
    """A publish adds a public version: the page's history and diffs, the changes list and feed, and the
    editions (pages changed since the last one) must not be served from the frontend's cache afterwards."""
    page = page_type.objects.filter(locale__language_code="en").first()
    below = freshness.subpath(page.url_path)
    stale = page.stale_paths()
    for language in ("en", "fr", "es"):
        for path in (
            f"/{language}/history/{below}/".replace("//", "/"),
            f"/{language}/diff/{below}/".replace("//", "/"),
            f"/{language}/changes/",
            f"/{language}/feeds/changes.xml",
            f"/{language}/editions/",
            f"/{language}/editions/1/{below}/".replace("//", "/"),
        ):
            assert covered(path, stale), path
