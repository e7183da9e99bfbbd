"""The in-process facet index against counts computed independently, row by row, from the read model."""

import random

from wagtail.models import Page

import pytest

from search import facets
from search.indexing import PRINCIPLE_KEYS, bump_version, current_version
from search.listing import language_bit
from search.models import SearchEntry
from search.query import ExampleFilters, ExampleSearch

REGIONS = {"GH": ("africa", "western-africa"), "KE": ("africa", "eastern-africa"), "MX": ("americas", "")}


@pytest.fixture
def entries(db, settings):
    """Random read-model rows listed in a language of their own, so that nothing else is counted."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("xx", "Test")]
    rng = random.Random(11)
    root = Page.get_first_root_node()
    rows = []
    for i in range(120):
        page = root.add_child(instance=Page(title=f"F{i}", slug=f"facet-{i}"))
        country = rng.choice([*REGIONS, ""])
        region, subregion = REGIONS.get(country, ("", ""))
        objectives = rng.sample(range(1, 24), rng.randint(1, 3))
        start = rng.choice([None, *range(2005, 2015)])
        rows.append(
            SearchEntry.objects.create(
                page=page,
                item_type="example",
                locale="xx",
                listed_in=language_bit("xx"),
                title=rng.choice(["b", "a", "c"]) + str(i),
                path=f"/x/{i}/",
                example_kind=rng.choice(["practice", "case_study", "lesson_learned"]),
                language=rng.choice(["en", "fr", "es"]),
                primary_objective=objectives[0],
                objectives=sum(1 << n for n in objectives),
                principles=sum(1 << k for k in rng.sample(range(len(PRINCIPLE_KEYS)), 2)),
                country=country,
                country_name=country.lower(),
                region=region,
                subregion=subregion,
                start_year=start,
                end_year=None if start is None or rng.random() < 0.3 else start + rng.randint(0, 4),
                pilot=rng.random() < 0.3,
            )
        )
    bump_version()
    return rows


def keeps(row: SearchEntry, f: ExampleFilters, skip: str | None = None) -> bool:
    tests = {
        "objective": lambda: (
            row.primary_objective in f.objectives
            if f.objective_scope == "primary"
            else any(row.objectives >> n & 1 for n in f.objectives)
        ),
        "principle": lambda: any(row.principles >> PRINCIPLE_KEYS.index(k) & 1 for k in f.principles),
        "country": lambda: row.country in f.countries,
        "region": lambda: row.region in f.regions or row.subregion in f.regions,
        "kind": lambda: row.example_kind in f.kinds,
        "year": lambda: (
            row.start_year is not None
            and (f.year_to is None or row.start_year <= f.year_to)
            and (f.year_from is None or row.end_year is None or row.end_year >= f.year_from)
        ),
        "pilot": lambda: row.pilot == f.pilot,
    }
    active = {
        "objective": f.objectives,
        "principle": f.principles,
        "country": f.countries,
        "region": f.regions,
        "kind": f.kinds,
        "year": f.year_from is not None or f.year_to is not None,
        "pilot": f.pilot is not None,
    }
    return all(tests[name]() for name, on in active.items() if on and name != skip)


def expected_counts(rows, f: ExampleFilters) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}

    def add(name: str, value: str) -> None:
        out.setdefault(name, {}).setdefault(value, 0)
        out[name][value] += 1

    for row in rows:
        if keeps(row, f, "objective"):
            for n in range(1, 24):
                hit = (
                    row.primary_objective == n if f.objective_scope == "primary" else row.objectives >> n & 1
                )
                if hit:
                    add("objective", str(n))
        if keeps(row, f, "principle"):
            for i, key in enumerate(PRINCIPLE_KEYS):
                if row.principles >> i & 1:
                    add("principle", key)
        if keeps(row, f, "kind"):
            add("kind", row.example_kind)
        if keeps(row, f, "language"):
            add("language", row.language)
        if keeps(row, f, "pilot"):
            add("pilot", str(row.pilot).lower())
        if keeps(row, f, "country") and row.country:
            add("country", row.country)
        if keeps(row, f, "region") and row.region:
            add("region", row.region)
            if row.subregion:
                add("subregion", row.subregion)
        if keeps(row, f, "year") and row.start_year is not None:
            add("year", str(row.start_year))
    return out


def test_random_filter_combinations_count_like_an_independent_count(entries):
    rng = random.Random(3)
    for _ in range(60):
        f = ExampleFilters(
            locale="xx",
            objectives=rng.sample(range(1, 24), rng.randint(0, 2)),
            objective_scope=rng.choice(["any", "primary"]),
            principles=rng.sample(PRINCIPLE_KEYS, rng.randint(0, 1)),
            countries=rng.sample(list(REGIONS), rng.randint(0, 1)),
            regions=rng.sample(["africa", "western-africa", "americas"], rng.randint(0, 1)),
            kinds=rng.sample(["practice", "case_study"], rng.randint(0, 1)),
            year_from=rng.choice([None, 2008]),
            year_to=rng.choice([None, 2011]),
            pilot=rng.choice([None, True, False]),
            sort=rng.choice(["newest", "title"]),
            page_size=50,
        )
        total, got = ExampleSearch(f).facets()
        matching = [row for row in entries if keeps(row, f)]
        assert total == len(matching), f
        expected = expected_counts(entries, f)
        for name, buckets in got.items():
            nonzero = {b["value"]: b["count"] for b in buckets if b["count"]}
            assert nonzero == expected.get(name, {}), (name, f)
        items = ExampleSearch(f).results()
        if len(matching) <= 50:
            assert {e.pk for e in items} == {row.pk for row in matching}, f
        if f.sort == "title":
            assert [e.title for e in items] == sorted(e.title for e in matching)[:50]


def test_the_index_follows_the_version(entries):
    version = current_version()
    first = facets.index_for("xx", version)
    assert facets.index_for("xx", version) is first
    entries[0].delete()
    bump_version()
    second = facets.index_for("xx", current_version())
    assert second is not first and second.size == first.size - 1
    # A few bytes per row: 100,000 rows stay a few megabytes per worker.
    assert second.nbytes / second.size < 120
