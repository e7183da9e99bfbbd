"""The search API writes its answers as JSON bytes itself (search.api.render), past django-ninja's
validation of each answer: every answer must be exactly what its schema's validation would have sent, so
the OpenAPI schema stays the contract. A field missing (a default the schema would fill), one too many, or
a value in another format (a datetime, a number as text) fails here."""

import json

import pytest
from ninja.responses import NinjaJSONEncoder

from search import api
from search.api import CoverageOut, ExamplesOut, SitemapOut, SiteSearchOut, render

CASES = [
    ("/api/v1/examples/", ExamplesOut, {"locale": "en"}),
    ("/api/v1/examples/", ExamplesOut, {"locale": "fr", "q": "example", "objective": 3}),
    ("/api/v1/examples/", ExamplesOut, {"locale": "en", "q": "Sample", "sort": "title", "region": "africa"}),
    ("/api/v1/examples/", ExamplesOut, {"locale": "es", "q": "zzznothing"}),
    ("/api/v1/search/", SiteSearchOut, {"locale": "en", "q": "migrants"}),
    ("/api/v1/search/", SiteSearchOut, {"locale": "fr", "q": "example"}),
    ("/api/v1/sitemap/examples/", SitemapOut, {"page_size": 5}),
    ("/api/v1/insight/coverage/", CoverageOut, {"locale": "en"}),
    ("/api/v1/insight/coverage/", CoverageOut, {"locale": "fr", "q": "Sample", "pilot": "true"}),
]


@pytest.mark.parametrize("url,schema,params", CASES)
def test_each_answer_is_what_its_schema_would_send(client, library, monkeypatch, url, schema, params):
    values = []

    def rendering(value):
        values.append(value)
        return render(value)

    monkeypatch.setattr(api, "render", rendering)
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    [value] = values
    # What django-ninja sent for the same answer: the schema's validation, then its encoder (Django's).
    ninja = json.dumps(schema.model_validate(value).model_dump(), cls=NinjaJSONEncoder)
    assert json.loads(response.content) == json.loads(ninja)


def test_a_cached_answer_is_the_same_bytes(client, library, settings):
    settings.SEARCH_CACHE_SECONDS = 60
    first = client.get("/api/v1/examples/", {"locale": "en", "q": "Sample"})
    again = client.get("/api/v1/examples/", {"locale": "en", "q": "Sample"})
    assert first.content == again.content and json.loads(first.content)["count"] > 0


def test_lazy_text_and_datetimes_render_as_the_schema_writes_them():
    from datetime import UTC, datetime

    from django.utils.translation import gettext_lazy

    at = datetime(2026, 1, 2, 3, 4, 5, 603653, tzinfo=UTC)
    body = json.loads(render({"label": gettext_lazy("Yes"), "at": at}))
    assert body == {"label": "Yes", "at": "2026-01-02T03:04:05.603Z"}  # to the millisecond, as before
