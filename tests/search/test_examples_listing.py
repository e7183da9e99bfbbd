"""Examples search listing (/api/v1/examples/): each filter and facet count checked against counts computed
independently from the pages, facet labels in the reader's language, sorting and pagination."""

from tests.search.helpers import facet, get, live_examples, serves


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


def test_facets_carry_labels_in_the_readers_language(client):
    french = {
        name: {b["value"]: b["label"] for b in buckets}
        for name, buckets in get(client, locale="fr", page_size=1)["facets"].items()
    }
    assert french["objective"]["1"] == "1. Données"
    assert french["kind"]["case_study"] == "Étude de cas"
    # the English examples are the French library's too, their regions and countries named in French
    assert french["region"]["africa"] == "Afrique"
    assert french["country"]["GH"] == "Ghana"
    assert french["principle"]["people_centred"] == "Priorité à la dimension humaine"
    assert french["pilot"]["true"] == "Oui"
    english = get(client)["facets"]
    assert {b["value"]: b["label"] for b in english["country"]}["GH"] == "Ghana"
    assert {b["value"]: b["label"] for b in english["region"]}["africa"] == "Africa"
    assert {b["value"]: b["label"] for b in english["subregion"]}["western-africa"] == "Western Africa"


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
