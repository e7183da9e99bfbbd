"""Examples search: filters, facet counts (checked against counts computed independently from the pages),
relevance, locale isolation, privacy, degradation, drift repair, hostile queries and query counts."""

import random

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from examples_library.models import Country, ExamplePage, ExamplesIndexPage
from guidance_pages.models import GuidingPrinciple, Objective
from search import indexing
from search.models import SearchEntry
from tests import network
from tests.examples_library.helpers import payload, submit
from tests.factories import make_user
from tests.helpers import client_for


def committed():
    """Run after-commit work (the search sync that publishing enqueues) as a committed transaction would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def add_example(
    title: str,
    objective: int,
    *,
    secondary=(),
    country="GH",
    kind="practice",
    pilot=False,
    years=(2019, 2021),
    principles=(),
    summary=None,
    body="",
    publish=True,
) -> ExamplePage:
    index = ExamplesIndexPage.objects.get(locale__language_code="en")
    c = Country.objects.get(locale=index.locale, iso2=country)
    page = ExamplePage(
        title=title,
        slug=f"t-{random.randrange(10**9)}",
        summary=summary or f"About {title}.",
        body=body,
        kind=kind,
        primary_objective=Objective.objects.get(locale=index.locale, number=objective),
        country=c,
        region=c.region,
        subregion=c.subregion,
        pilot_country=pilot,
        start_year=years[0],
        end_year=years[1],
        locale=index.locale,
        live=publish,
    )
    page.secondary_objectives = list(Objective.objects.filter(locale=index.locale, number__in=secondary))
    page.principles = list(GuidingPrinciple.objects.filter(locale=index.locale, key__in=principles))
    index.add_child(instance=page)
    if publish:
        with committed():
            page.save_revision().publish()
    return page


@pytest.fixture
def library(db):
    """A varied set of published examples beside the demo ones."""
    random.seed(7)
    countries = ["GH", "MX", "PH", "PT", "MA", "DE", "KE", "CO"]
    kinds = ["practice", "case_study", "lesson_learned"]
    keys = ["people_centred", "human_rights", "child_sensitive", "rule_of_law"]
    for i in range(30):
        add_example(
            f"Sample example {i}",
            objective=random.randint(1, 23),
            secondary=random.sample(range(1, 24), 2),
            country=countries[i % len(countries)],
            kind=kinds[i % 3],
            pilot=i % 4 == 0,
            years=(2010 + i % 12, None if i % 5 == 0 else 2012 + i % 12),
            principles=random.sample(keys, 2),
        )


def live_examples():
    return ExamplePage.objects.live().public().filter(locale__language_code="en")


def serves(page, number) -> bool:
    return page.primary_objective.number == number or page.secondary_objectives.filter(number=number).exists()


def get(client, **params):
    response = client.get("/api/v1/examples/", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def facet(body, name) -> dict:
    return {bucket["value"]: bucket["count"] for bucket in body["facets"][name]}


def test_each_filter_matches_an_independent_count(client, library):
    pages = list(live_examples().select_related("country", "region", "subregion", "primary_objective"))
    expectations = {
        (("objective", 5),): [p for p in pages if serves(p, 5)],
        (("objective", 5), ("objective_scope", "primary")): [
            p for p in pages if p.primary_objective.number == 5
        ],
        (("principle", "human_rights"),): [
            p for p in pages if p.principles.filter(key="human_rights").exists()
        ],
        (("country", "MX"),): [p for p in pages if p.country and p.country.iso2 == "MX"],
        (("region", "africa"),): [p for p in pages if p.region and p.region.key == "africa"],
        (("region", "western-africa"),): [
            p for p in pages if p.subregion and p.subregion.key == "western-africa"
        ],
        (("kind", "case_study"),): [p for p in pages if p.kind == "case_study"],
        (("pilot", "true"),): [p for p in pages if p.pilot_country],
        (("language", "en"),): [p for p in pages if p.submission_language == "en"],
        (("year_from", 2018), ("year_to", 2019)): [
            p
            for p in pages
            if p.start_year is not None
            and p.start_year <= 2019
            and (p.end_year is None or p.end_year >= 2018)
        ],
    }
    for params, expected in expectations.items():
        body = get(client, **dict(params), page_size=50)
        assert body["count"] == len(expected), params
        assert {item["page_id"] for item in body["items"]} == {p.pk for p in expected}, params


def test_facets_ignore_their_own_selection(client, library):
    pages = list(live_examples().select_related("country", "primary_objective"))
    body = get(client, objective=5, country="MX")
    # The objective facet counts examples of Mexico (its own selection ignored) ...
    in_mexico = [p for p in pages if p.country and p.country.iso2 == "MX"]
    for number in range(1, 24):
        assert facet(body, "objective")[str(number)] == sum(serves(p, number) for p in in_mexico), number
    # ... and the country facet counts examples of objective 5 in every country.
    serving = [p for p in pages if serves(p, 5)]
    expected = {}
    for p in serving:
        if p.country:
            expected[p.country.iso2] = expected.get(p.country.iso2, 0) + 1
    assert facet(body, "country") == expected
    # Other facets apply both selections.
    both = [p for p in serving if p.country and p.country.iso2 == "MX"]
    assert sum(facet(body, "kind").values()) == len(both) == body["count"]


def test_title_match_ranks_above_body_match(client, db):
    add_example(
        "Ordinary practice", 4, summary="Nothing special here at all.", body="<p>A zanzibarite mention.</p>"
    )
    add_example("Zanzibarite registry", 4, summary="Registry of births.")
    body = get(client, q="zanzibarite")
    assert [item["title"] for item in body["items"]] == ["Zanzibarite registry", "Ordinary practice"]
    assert "<mark>zanzibarite</mark>" in body["items"][1]["snippet"]


def test_sorting(client, library):
    titles = [item["title"] for item in get(client, sort="title", page_size=50)["items"]]
    assert titles == sorted(titles, key=str)
    newest = get(client, sort="newest", page_size=3)["items"]
    assert newest[0]["title"] == "Sample example 29"


def test_pagination_has_a_total(client, library):
    first = get(client, page_size=10)
    second = get(client, page_size=10, page=2)
    assert first["count"] == second["count"] == live_examples().count()
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_locale_isolation(client, db):
    english = get(client, q="demo")
    page = Page.get_first_root_node().add_child(instance=Page(title="Exemple", slug="exemple-fr"))
    SearchEntry.objects.create(
        page=page, item_type="example", locale="fr", title="Exemple démo", path="/fr/x/"
    )
    indexing.reindex_fulltext()
    assert get(client, q="demo")["count"] == english["count"]
    french = get(client, locale="fr", q="exemple")
    assert [item["title"] for item in french["items"]] == ["Exemple démo"]


def test_drafts_unpublished_and_withdrawn_never_appear(client, db):
    draft = add_example("Secretdraft practice", 3, publish=False)
    draft.save_revision()
    gone = add_example("Secretgone practice", 3)
    with committed():
        gone.unpublish()
    stakeholder = make_user("Stakeholders")
    submitted = submit(client_for(stakeholder), payload(title="Secretsubmitted practice"))
    client_for(stakeholder).post(f"/api/v1/submissions/{submitted.json()['id']}/withdraw/")
    for word in ("secretdraft", "secretgone", "secretsubmitted"):
        assert get(client, q=word)["count"] == 0, word
        site = client.get("/api/v1/search/", {"q": word}).json()
        assert site["examples"]["count"] == 0, word
        assert word not in client.get("/api/v1/search/suggest/", {"q": word[:8]}).content.decode().lower()
    counts = sum(facet(get(client), "objective").values())
    assert counts == sum(1 + p.secondary_objectives.count() for p in live_examples())


def test_published_changes_reach_search_and_invalidate_the_cache(client, db):
    assert get(client, q="quokka")["count"] == 0
    page = add_example("Quokka census", 2)
    assert get(client, q="quokka")["count"] == 1
    with committed():
        page.unpublish()
    assert get(client, q="quokka")["count"] == 0


def test_rebuild_finds_and_fixes_planted_drift(db):
    entries = list(SearchEntry.objects.filter(item_type="example")[:2])
    entries[0].delete()
    SearchEntry.objects.filter(pk=entries[1].pk).update(title="Tampered")
    orphan_page = Page.get_first_root_node().add_child(instance=Page(title="Orphan", slug="orphan"))
    SearchEntry.objects.create(page=orphan_page, item_type="example", locale="en", title="Orphan", path="/x/")
    report = indexing.rebuild(fix=True)
    assert (report["missing"], report["changed"], report["stale"]) == (1, 1, 1)
    assert indexing.rebuild(fix=False) == {**report, "missing": 0, "changed": 0, "stale": 0}


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
            # The first request after a change also rebuilds the locale's facet index (two queries).
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


def test_facets_carry_labels_in_the_readers_language(client):
    french = {
        name: {b["value"]: b["label"] for b in buckets}
        for name, buckets in get(client, locale="fr", page_size=1)["facets"].items()
    }
    assert french["objective"]["1"] == "1. Données"
    assert french["kind"]["case_study"] == "Étude de cas"
    assert french["region"] == {}  # no French examples yet: only values present in the results are listed
    assert french["principle"]["people_centred"] == "Priorité à la dimension humaine"
    assert french["pilot"]["true"] == "Oui"
    english = get(client)["facets"]
    assert {b["value"]: b["label"] for b in english["country"]}["GH"] == "Ghana"
    assert {b["value"]: b["label"] for b in english["region"]}["africa"] == "Africa"
    assert {b["value"]: b["label"] for b in english["subregion"]}["western-africa"] == "Western Africa"


def test_objective_examples_link_to_their_page(client):
    item = client.get("/api/v1/objectives/3/").json()["examples"]["items"][0]
    assert item["path"] == "/en/examples/demo-migrant-resource-centres/"


# --- full text in the reader's language (PostgreSQL: the read model's own stemmed tsvector columns)
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stemming configs")


def add_french_entry(title: str, summary: str = "", text: str = "") -> SearchEntry:
    page = Page.get_first_root_node().add_child(
        instance=Page(title=title, slug=f"fr-{random.randrange(10**9)}")
    )
    entry = SearchEntry.objects.create(
        page=page, item_type="example", locale="fr", title=title, summary=summary, text=text, path="/fr/x/"
    )
    indexing.reindex_fulltext()
    indexing.bump_version()
    return entry


@on_postgres
def test_french_words_match_their_stem(client, db):
    add_french_entry("Accueil des migrants", summary="Un guichet pour chaque travailleur saisonnier.")
    for q in ("migrant", "migrants", "travailleurs", "travailleur", "saisonniers"):
        body = get(client, locale="fr", q=q)
        assert [item["title"] for item in body["items"]] == ["Accueil des migrants"], q
    # English stemming does not apply to French entries, nor French to English ones.
    assert get(client, locale="en", q="travailleur")["count"] == 0


@on_postgres
def test_postgres_vectors_follow_publishing_and_use_the_gin_index(client, db):
    page = add_example("Quenouille registry", 2, summary="Seasonal workers registered online.")
    entry = SearchEntry.objects.get(page=page)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text, rank_vector::text FROM gcm_search_searchentry WHERE id = %s",
            [entry.pk],
        )
        vector, rank = cursor.fetchone()
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector'")
        assert "gin" in cursor.fetchone()[0].lower()
    assert "'quenouill':1a" in vector.replace(",", ":") or "'quenouill':1A" in vector
    assert "'worker'" in vector and "'registri'" in rank
    assert get(client, q="workers")["count"] >= 1


def test_title_match_ranks_above_summary_and_text_matches(client, db):
    add_example("Plain practice", 4, summary="Nothing here.", body="<p>The xylophonic method.</p>")
    add_example("Another practice", 4, summary="A xylophonic approach to registries.")
    add_example("Xylophonic registry", 4, summary="Registry of births.")
    titles = [item["title"] for item in get(client, q="xylophonic")["items"]]
    assert titles == ["Xylophonic registry", "Another practice", "Plain practice"]


def test_one_id_for_one_example_in_lists_search_and_detail(client, library):
    """The id an example is listed under is the id its detail answers to, in both APIs."""
    listed = get(client, page_size=50, sort="newest")["items"]
    found = client.get("/api/v1/search/", {"q": "Sample example", "per_group": 20}).json()
    assert found["examples"]["items"] and found["guidance"] is not None
    for item in listed + found["examples"]["items"]:
        detail = client.get(f"/api/v1/examples/{item['id']}/")
        assert detail.status_code == 200, item
        assert (detail.json()["id"], detail.json()["title"], detail.json()["path"]) == (
            item["id"],
            item["title"],
            item["path"],
        )
        assert item["page_id"] == item["id"]
        assert client.get(f"/api/v2/pages/{item['id']}/").json()["title"] == item["title"]
    for item in found["guidance"]["items"]:
        assert client.get(f"/api/v2/pages/{item['id']}/").json()["title"] == item["title"]
