"""The Elasticsearch path, without a server: the index mapping and the query bodies our searches send.
Live tests run only where ELASTICSEARCH_URL names a server."""

import os

from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

import pytest

from cms.settings.env import search_backends
from search.indexing import reindex_fulltext
from search.models import SearchEntry
from search.query import terms_of


@pytest.fixture
def backend():
    # Building the backend and its client opens no connection.
    return get_search_backend(
        "wagtail.search.backends.elasticsearch9", URLS=["http://127.0.0.1:9"], INDEX_PREFIX="gcm_"
    )


def test_mapping_boosts_titles_and_keeps_filters_as_keywords(backend):
    mapping = backend.mapping_class(SearchEntry).get_mapping()
    properties = mapping["properties"]
    assert "_all_text_boost_4_0" in properties["title"]["copy_to"]
    assert "_all_text_boost_2_0" in properties["summary"]["copy_to"]
    assert properties["locale_filter"] == {"type": "keyword"}
    assert properties["item_type_filter"] == {"type": "keyword"}
    assert "title_edgengrams" in properties  # autocomplete
    assert backend.get_index_for_model(SearchEntry).name == "gcm_gcm_search_searchentry"


def test_query_body_is_words_only_and_filtered_by_locale(backend):
    terms = terms_of('title:"remittance portal" OR *^3')
    compiler = backend.query_compiler_class(
        SearchEntry.objects.filter(locale="fr", item_type="example"),
        PlainText(" ".join(terms), operator="and"),
    )
    query = compiler.get_query()
    match = query["bool"]["must"]["multi_match"]
    assert match["query"] == "title remittance portal OR 3"
    assert match["operator"] == "and"
    assert "_all_text_boost_4_0^4.0" in match["fields"]
    filters = query["bool"]["filter"][1]["bool"]["must"]
    assert {"term": {"locale_filter": "fr"}} in filters
    assert {"term": {"item_type_filter": "example"}} in filters


def test_search_url_configures_the_engine_with_a_database_fallback():
    backends = search_backends("https://search.example.org:9200")
    assert backends["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert backends["database"]["BACKEND"] == "wagtail.search.backends.database"


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="no ELASTICSEARCH_URL: no live server here"
)
def test_live_index_and_search(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [os.environ["ELASTICSEARCH_URL"]],
            "INDEX_PREFIX": "gcm_test_",
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    get_search_backend().reset_index()
    reindex_fulltext()
    get_search_backend().refresh_index()
    body = client.get("/api/v1/examples/", {"q": "remittance"}).json()
    assert body["degraded"] is False
    assert [item["title"] for item in body["items"]] == ["A remittance cost comparison portal (demo)"]
