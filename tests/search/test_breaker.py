"""Point 7 of issue 11: with a hung search engine every search waited the full timeout before the database
answered. After one failure the circuit breaker skips the engine for a cool-down: searches answer from the
database at once (still ``degraded``), publishing queues for the engine without waiting; then one request
probes the engine again."""

import time

import pytest

from search.breaker import CircuitBreaker
from search.models import IndexOutbox, SearchEntry
from tests import network
from tests.search.factories import IndexedExamplePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_engine(settings):
    with network.SilentServer() as server:
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "wagtail.search.backends.elasticsearch9",
                "URLS": [f"http://127.0.0.1:{server.port}"],
                "TIMEOUT": 1,
                "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            },
            "database": {"BACKEND": "wagtail.search.backends.database"},
        }
        settings.SEARCH_BREAKER_SECONDS = 60
        settings.SEARCH_CACHE_SECONDS = 0
        yield server


def search(client, path: str, q: str = "remittance") -> tuple[dict, float]:
    began = time.monotonic()
    response = client.get(path, {"q": q})
    assert response.status_code == 200, response.content
    return response.json(), time.monotonic() - began


def test_after_one_timeout_searches_skip_the_hung_engine(client, hung_engine):
    first, waited = search(client, "/api/v1/examples/")
    assert first["degraded"] is True and waited >= 1
    assert hung_engine.connections == 1

    for path in ["/api/v1/examples/", "/api/v1/search/", "/api/v1/examples/"]:
        body, _took = search(client, path)
        assert body["degraded"] is True
    assert body["items"][0]["title"] == "A remittance cost comparison portal (demo)"
    assert hung_engine.connections == 1, "the engine was not asked again during the cool-down"


def test_after_the_cool_down_one_request_probes_the_engine(client, hung_engine, settings):
    settings.SEARCH_BREAKER_SECONDS = 3
    search(client, "/api/v1/search/")
    search(client, "/api/v1/search/")
    assert hung_engine.connections == 1
    time.sleep(3.1)
    body, _took = search(client, "/api/v1/search/")
    assert body["degraded"] is True
    assert hung_engine.connections == 2


def test_publishing_queues_for_a_hung_engine_without_asking_it_again(hung_engine):
    first = IndexedExamplePageFactory(title="First practice while the engine hangs", objective=6)
    second = IndexedExamplePageFactory(title="Second practice while the engine hangs", objective=6)
    errors = dict(IndexOutbox.objects.values_list("entry_id", "last_error"))
    assert "skipped" not in errors[SearchEntry.objects.get(page=first).pk]
    assert errors[SearchEntry.objects.get(page=second).pk].startswith("skipped")


def test_a_successful_probe_closes_the_breaker(settings):
    settings.SEARCH_BREAKER_SECONDS = 1
    breaker = CircuitBreaker()
    assert breaker.allow()
    breaker.failed()
    assert not breaker.allow() and breaker.is_open
    time.sleep(1.1)
    assert breaker.allow(), "the first caller after the cool-down probes"
    assert not breaker.allow(), "the others wait for the probe"
    breaker.succeeded()
    assert breaker.allow() and breaker.allow()
