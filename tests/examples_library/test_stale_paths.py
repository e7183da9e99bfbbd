"""An example declares what its publication makes stale on the frontend (``ExamplePage.stale_paths``): its own
page, the library, its objectives' Booklet pages, search, feeds and the sitemap, never the whole site."""

from wagtail.models import Page

from cms.headless import freshness
from examples_library.models import ExamplePage
from guidance_pages.models import ObjectivePage


def _below_home(page: Page) -> str:
    return "/".join(page.url_path.strip("/").split("/")[1:])


def test_an_example_makes_stale_what_shows_it_in_every_language(db):
    example = ExamplePage.objects.live().filter(locale__language_code="en").first()
    paths = example.stale_paths()

    own = _below_home(example)
    objectives = ObjectivePage.objects.filter(
        locale__language_code="en",
        objective__number__in=[objective.number for objective in example.all_objectives()],
    )
    assert objectives.exists()
    for language in ("en", "fr", "es"):
        assert f"/{language}/{own}/" in paths
        assert f"/{language}/{_below_home(example.get_parent())}/*" in paths
        assert f"/{language}/search/*" in paths
        assert f"/{language}/feeds/*" in paths
        for objective_page in objectives:
            assert f"/{language}/{_below_home(objective_page)}/*" in paths
    assert "/sitemap.xml" in paths
    assert not any(path in paths for path in ("/en/*", "/fr/*", "/es/*")), "not the whole site"
    # freshness asks the example itself, also when handed the generic page.
    assert freshness.paths_for_page(Page.objects.get(pk=example.pk)) == paths


def test_a_moved_example_makes_the_whole_site_stale(db):
    """Its old address and every link to it changed: freshness does not ask the page type then."""
    example = ExamplePage.objects.live().filter(locale__language_code="en").first()
    paths = freshness.paths_for_page(example, old_url_path="/home/old-examples/x/")
    assert sorted(paths) == ["/en/*", "/es/*", "/fr/*", "/sitemap.xml"]
