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
