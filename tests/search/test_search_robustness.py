"""Examples search under stress: hostile and undecodable queries and bad filters get results or a 4xx, the
SQL queries per request stay constant, and a remote engine that is down or hangs degrades to the database."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests import network
from tests.search.helpers import add_example, get

HOSTILE = [
    "%00",
    "\x00",
    "a" * 100_000,
    " ".join(["w"] * 10_000),
    '"unbalanced',
    "title:foo^3 ~2 AND (x OR",
    "' OR 1=1 --",
    "*",
    "\\",
    "<script>alert(1)</script>",
    "🙂" * 50,
    "NOT",
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_get_results_or_a_4xx(client, q):
    for url in ("/api/v1/examples/", "/api/v1/search/", "/api/v1/search/suggest/"):
        response = client.get(url, {"q": q})
        assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("raw", ["a%ED%A0%80b", "%FF%FE", "%00", "a%00b&objective=3%00"])
def test_undecodable_query_strings_get_results_or_a_4xx(client, raw):
    for url in ("/api/v1/examples/", "/api/v1/search/", "/api/v1/search/suggest/"):
        assert client.get(f"{url}?q={raw}").status_code < 500, url


@pytest.mark.parametrize(
    "params",
    [
        {"objective": 99},
        {"objective": "x"},
        {"page": 0},
        {"page_size": 500},
        {"kind": "novel"},
        {"year_from": 1},
        {"sort": "random"},
        {"locale": "xx"},
    ],
)
def test_bad_filters_get_a_4xx(client, params):
    assert 400 <= client.get("/api/v1/examples/", params).status_code < 500


def test_queries_per_request_are_constant(client, library):
    get(client, locale="en")  # facet labels are cached per locale for minutes; warm them
    counts = []
    for extra in (0, 25):
        for i in range(extra):
            add_example(f"Extra {i}", 9, secondary=(3,), principles=("human_rights",))
        params = {"q": "example", "objective": 9, "principle": "human_rights", "sort": "relevance"}
        with CaptureQueriesContext(connection) as rebuilding:
            # The first request after a change also brings the facet index up to date (two queries).
            get(client, **params, page_size=19)
        with CaptureQueriesContext(connection) as queries:
            get(client, **params, page=1, page_size=20)
        counts.append(len(queries))
        assert len(rebuilding) <= len(queries) + 2 <= 6, [q["sql"][:80] for q in rebuilding.captured_queries]
    # The version, the full-text match, the page's rows.
    assert counts[0] == counts[1] <= 3, counts
    with CaptureQueriesContext(connection) as queries:
        get(client, objective=9, region="africa")
    assert len(queries) <= 2, [q["sql"][:80] for q in queries.captured_queries]


# --- degradation: the remote engine is down or hangs; search answers from the database and says so
@pytest.fixture
def silent_port():
    with network.silent_server() as port:
        yield port


@pytest.mark.parametrize("outage", ["refused", "hangs"])
def test_engine_down_degrades_to_the_database(client, settings, silent_port, outage):
    port = network.refused_port() if outage == "refused" else silent_port
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{port}"],
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "AUTO_UPDATE": False,
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    body = get(client, q="remittance")
    assert body["degraded"] is True
    assert [item["title"] for item in body["items"]] == ["A remittance cost comparison portal (demo)"]
    site = client.get("/api/v1/search/", {"q": "remittance"}).json()
    assert site["degraded"] is True and site["examples"]["count"] == 1
    # The unranked match (coverage, a listing by title) degrades the same way.
    by_title = get(client, q="remittance", sort="title")
    assert by_title["degraded"] is True and by_title["count"] == 1
    insight = client.get("/api/v1/insight/coverage/", {"q": "remittance"}).json()
    assert insight["degraded"] is True and insight["total"] == 1
