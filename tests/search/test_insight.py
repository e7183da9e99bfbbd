"""Coverage figures (/api/v1/insight/coverage/): equal to the examples listing's counts for the same filters,
in the reader's language, gaps named from the pages themselves, bad input refused, constant queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from examples_library.models import ExamplePage
from tests.search.helpers import add_example, facet, get, live_examples, serves

FILTERS = [
    {},
    {"objective": 5},
    {"objective": [5, 7], "objective_scope": "primary"},
    {"region": "africa", "kind": "practice"},
    {"region": "western-africa"},
    {"principle": "human_rights", "pilot": "true"},
    {"country": ["MX", "GH"], "year_from": 2014, "year_to": 2018},
    {"language": "en", "kind": ["case_study", "lesson_learned"]},
    {"q": "Sample"},
    {"q": "example", "objective": 3, "region": "americas"},
]


def coverage(client, **params) -> dict:
    response = client.get("/api/v1/insight/coverage/", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def without(params: dict, *names: str) -> dict:
    return {k: v for k, v in params.items() if k not in names}


def buckets(items: list[dict]) -> dict[str, int]:
    return {b["value"]: b["count"] for b in items}


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_counts_equal_the_librarys_for_the_same_filters(client, library, locale):
    for params in FILTERS:
        same_counts(client, locale, params)


def same_counts(client, locale: str, params: dict) -> None:
    body = coverage(client, locale=locale, **params)
    listing = get(client, locale=locale, **params)
    assert body["total"] == listing["count"]
    assert buckets(body["principles"]) == facet(listing, "principle")
    assert buckets(body["kinds"]) == facet(listing, "kind")
    assert buckets(body["years"]) == facet(listing, "year")
    assert [int(b["value"]) for b in body["years"]] == sorted(int(b["value"]) for b in body["years"])
    assert {str(o["number"]): o["count"] for o in body["objectives"]} == facet(listing, "objective")
    regions = {r["value"]: r["count"] for r in body["regions"] if r["count"]}
    assert regions == facet(listing, "region")
    # Each cell is the listing's count for the same filters with that objective and region chosen instead.
    others = without(params, "objective", "region")
    keys = [r["value"] for r in body["regions"]]
    numbers = [o["number"] for o in body["objectives"]]
    for number in (3, 5, 7, 12):
        row = body["matrix"][numbers.index(number)]
        for key, cell in zip(keys, row, strict=True):
            assert cell == get(client, locale=locale, **others, objective=number, region=key)["count"], (
                number,
                key,
            )
    subkeys = [s["value"] for s in body["subregions"]]
    row = body["subregion_matrix"][numbers.index(5)]
    for key in ("western-africa", "central-america", "southern-europe"):
        if key in subkeys:
            expected = get(client, locale=locale, **others, objective=5, region=key)["count"]
            assert row[subkeys.index(key)] == expected, key
    # Champions: the listing's count of pilot examples of each country under the other filters.
    champions = buckets(body["champions"])
    pilot_others = without(params, "country", "pilot")
    for code in {"GH", "MX", "PH", "PT", "DE"} | set(champions):
        expected = get(client, locale=locale, **pilot_others, country=code, pilot="true")["count"]
        assert champions.get(code, 0) == expected, code


def test_matrix_and_gaps_match_the_pages(client, library):
    body = coverage(client, locale="en")
    pages = list(live_examples().select_related("region", "primary_objective"))
    keys = [r["value"] for r in body["regions"]]
    assert {"africa", "americas", "asia", "europe", "oceania"} <= set(keys)
    expected_gaps = []
    for objective, row in zip(body["objectives"], body["matrix"], strict=True):
        number = objective["number"]
        for key, cell in zip(keys, row, strict=True):
            count = sum(1 for p in pages if p.region and p.region.key == key and serves(p, number))
            assert cell == count, (number, key)
            if not count:
                expected_gaps.append((number, key))
    assert expected_gaps, "the fixture leaves some objective and region without an example"
    assert [(g["objective"], g["region"]) for g in body["gaps"]] == expected_gaps
    names = {r["value"]: r["label"] for r in body["regions"]}
    assert all(g["region_label"] == names[g["region"]] for g in body["gaps"])


def test_a_new_example_closes_its_gap(client, library):
    before = coverage(client, locale="en")
    gap = next(g for g in before["gaps"] if g["region"] == "oceania")
    add_example("From Fiji", objective=gap["objective"], country="FJ")
    after = coverage(client, locale="en")
    assert (gap["objective"], "oceania") not in {(g["objective"], g["region"]) for g in after["gaps"]}
    assert after["total"] == before["total"] + 1


def test_labels_in_the_readers_language(client, library):
    english = coverage(client, locale="en")
    french = coverage(client, locale="fr")
    assert english["locale"] == "en" and french["locale"] == "fr"
    assert {r["value"]: r["label"] for r in french["regions"]}["africa"] == "Afrique"
    assert {r["value"]: r["label"] for r in english["regions"]}["africa"] == "Africa"
    assert french["objectives"][0]["title"] != english["objectives"][0]["title"]
    assert {b["value"]: b["label"] for b in french["kinds"]}["case_study"] == "Étude de cas"
    accept = client.get("/api/v1/insight/coverage/", headers={"Accept-Language": "fr"}).json()
    assert accept["locale"] == "fr"


@pytest.mark.parametrize(
    "query",
    [
        "objective=24",
        "objective=five",
        "year_from=abc",
        "kind=novel",
        "pilot=perhaps",
        "objective_scope=some",
        "q=" + "x" * 201,
        "region=%00",
    ],
)
def test_bad_filters_are_refused_with_a_message(client, query):
    response = client.get(f"/api/v1/insight/coverage/?{query}")
    assert response.status_code == 422, response.content[:200]
    body = response.json()
    assert body["detail"] and body["errors"], body


def test_queries_do_not_grow_with_the_library(client, settings, library):
    settings.SEARCH_CACHE_SECONDS = 0
    coverage(client, locale="en", objective=5)  # builds the locale's index and caches the labels

    def counted() -> int:
        with CaptureQueriesContext(connection) as captured:
            coverage(client, locale="en", objective=5, region="africa")
        return len(captured)

    small = counted()
    for i in range(15):
        add_example(f"More {i}", objective=1 + i % 23, country=["GH", "MX", "PH"][i % 3], pilot=i % 2 == 0)
    coverage(client, locale="en", objective=5)  # rebuild after the change
    assert counted() == small <= 2
    assert ExamplePage.objects.live().filter(locale__language_code="en").count() > 30


def test_answers_are_cached_under_the_read_models_version(client, library):
    first = coverage(client, locale="en", objective=5)
    with CaptureQueriesContext(connection) as captured:
        assert coverage(client, locale="en", objective=5) == first
    assert len(captured) == 1  # the version
    add_example("Changes the figures", objective=5, country="MX")
    assert coverage(client, locale="en", objective=5)["total"] == first["total"] + 1


def full_text_sql(client, path: str, **params) -> list[str]:
    """The full-text statements (PostgreSQL's ``@@`` match, SQLite's FTS5 MATCH) of one request."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200, response.content[:300]
    return [
        q["sql"].lower()
        for q in captured.captured_queries
        if "@@" in q["sql"] or "gcm_search_fts" in q["sql"]
    ]


def ranks(sql: str) -> bool:
    return "ts_rank" in sql or "bm25" in sql or "order by" in sql


def test_a_common_term_is_matched_without_ranking_and_counts_as_the_listing(client, settings, library):
    """Coverage needs which rows match, not their order: ranking every match of a common word was most of
    its cost at 100,000 examples (docs/benchmarks.md). The listing in relevance order still ranks, once."""
    settings.SEARCH_CACHE_SECONDS = 0
    for q in ("example", "Sample"):
        [statement] = full_text_sql(client, "/api/v1/insight/coverage/", locale="en", q=q)
        assert not ranks(statement), statement
        same_counts(client, "en", {"q": q})
        same_counts(client, "en", {"q": q, "region": "africa", "kind": "practice"})
    [statement] = full_text_sql(client, "/api/v1/examples/", locale="en", q="example")
    assert ranks(statement)
    [statement] = full_text_sql(client, "/api/v1/examples/", locale="en", q="example", sort="title")
    assert not ranks(statement)
    ranked = get(client, locale="en", q="example", page_size=50)
    by_title = get(client, locale="en", q="example", sort="title", page_size=50)
    assert ranked["count"] == by_title["count"] > 30
    assert by_title["facets"] == ranked["facets"]


def test_the_unranked_match_is_the_ranked_match_as_a_set(library):
    from search import fulltext

    for terms in (["example"], ["sample", "example"], ["quillwort"]):
        ranked = fulltext.matching_ids(terms, "en", "example")
        unranked = fulltext.matching_set(terms, "en", "example")
        assert sorted(unranked) == sorted(ranked) and len(set(unranked)) == len(unranked), terms
