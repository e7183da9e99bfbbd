"""The read model's outputs the frontend uses instead of the page tree: every example for the sitemaps
(all languages, with their translations) and each result's first publication date for the feeds."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from examples_library.models import ExamplePage
from search.models import SearchEntry
from tests.examples_library.factories import numbered_examples
from tests.search.helpers import committed

URL = "/api/v1/sitemap/examples/"


def make_examples(n: int, prefix: str = "Smuggling response") -> None:
    with committed():
        numbered_examples(n, prefix)


def published_examples() -> int:
    return ExamplePage.objects.live().public().count()


def every_item(client, page_size: int) -> list[dict]:
    items, page = [], 1
    while True:
        body = client.get(f"{URL}?page={page}&page_size={page_size}").json()
        items += body["items"]
        if page * page_size >= body["count"]:
            return items
        page += 1


def test_every_published_example_once_in_every_language_with_its_translations(client):
    make_examples(4)
    english = ExamplePage.objects.live().get(slug="demo-remittance-cost-comparison")
    french = english.copy_for_translation(Locale.objects.get(language_code="fr"))
    with committed():
        french.save_revision().publish()
    draft = english.copy_for_translation(Locale.objects.get(language_code="es"))  # never published
    assert not draft.live
    body = client.get(URL).json()
    assert body["count"] == published_examples() == SearchEntry.objects.filter(item_type="example").count()
    items = every_item(client, 3)
    assert len(items) == body["count"]
    assert len({(item["locale"], item["path"]) for item in items}) == len(items)
    by_path = {item["path"]: item for item in items}
    en_path, fr_path = (
        "/en/examples/demo-remittance-cost-comparison/",
        f"/fr/{french.url_path.split('/', 2)[2]}",
    )
    expected = [{"locale": "en", "path": en_path}, {"locale": "fr", "path": fr_path}]
    assert by_path[en_path]["alternates"] == expected
    assert by_path[fr_path]["alternates"] == expected
    assert by_path[fr_path]["locale"] == "fr"
    assert not any(item["locale"] == "es" for item in items)
    alone = by_path["/en/examples/smuggling-response-0/"]
    assert alone["alternates"] == [{"locale": "en", "path": alone["path"]}]
    assert alone["published_at"]


def test_unpublished_examples_leave_the_sitemap(client):
    make_examples(1)
    page = ExamplePage.objects.get(slug="smuggling-response-0")
    with committed():
        page.unpublish()
    paths = {item["path"] for item in every_item(client, 1000)}
    assert "/en/examples/smuggling-response-0/" not in paths


def test_queries_stay_constant_whatever_the_page_size_and_the_library(client, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    make_examples(2)
    with CaptureQueriesContext(connection) as few:
        client.get(f"{URL}?page_size=2")
    make_examples(25, prefix="More")
    with CaptureQueriesContext(connection) as many:
        body = client.get(f"{URL}?page_size=1000").json()
    assert len(body["items"]) == published_examples() >= 27
    assert len(many) == len(few) <= 4


def test_bad_paging_is_a_422_that_says_why(client):
    for query in ("page=0", "page_size=1001", "page=abc", "page=1001"):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 422, query
        assert response.json()["detail"].startswith("Invalid input.")


def test_search_results_carry_the_first_publication_date(client, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    make_examples(2)
    page = ExamplePage.objects.live().get(slug="smuggling-response-1")
    items = client.get("/api/v1/examples/?locale=en&sort=newest&page_size=50").json()["items"]
    found = next(item for item in items if item["page_id"] == page.pk)
    assert found["first_published_at"].startswith(page.first_published_at.isoformat()[:19])
    # publishing again moves the read model's published_at, never the first publication date
    with committed():
        page.save_revision().publish()
    again = client.get("/api/v1/examples/?locale=en&sort=newest&page_size=50").json()["items"]
    assert (
        next(item for item in again if item["page_id"] == page.pk)["first_published_at"]
        == found["first_published_at"]
    )
    site = client.get("/api/v1/search/?q=smuggling&locale=en").json()
    assert all(item["first_published_at"] for item in site["examples"]["items"])
