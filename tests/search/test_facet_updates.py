"""After a publish, each worker's facet index applies the entries changed since its last look (the change
log written by database triggers) instead of reading the whole library again, and ends up exactly where a
fresh build would be; it builds anew when applying would be wrong or dearer."""

import numpy as np
import pytest

from search import facets
from search.indexing import current_version
from search.models import SearchChange, SearchEntry
from tests.search.helpers import add_example, committed, get, live_examples

ARRAYS = ("pks", "published", "objective_bits", "principle_bits", "primary", "kind", "language")
ARRAYS += ("start_year", "end_year", "pilot")
FRESH_BUILD = facets.build  # the comparisons' own builds, not counted by ``builds``


@pytest.fixture
def builds(monkeypatch):
    """Counts whole builds of an index."""
    calls = []
    real = facets.build

    def counted(locale, version):
        calls.append(locale)
        return real(locale, version)

    monkeypatch.setattr(facets, "build", counted)
    return calls


def same_as_a_fresh_build(index: facets.FacetIndex) -> None:
    fresh = FRESH_BUILD(index.locale, index.version)
    for name in ARRAYS:
        assert np.array_equal(getattr(index, name), getattr(fresh, name)), name
    for codes, names in (("country", "countries"), ("region", "regions"), ("subregion", "regions")):
        mine = [getattr(index, names)[code] for code in getattr(index, codes)]
        theirs = [getattr(fresh, names)[code] for code in getattr(fresh, codes)]
        assert mine == theirs, codes
    assert np.array_equal(index.objective_columns, fresh.objective_columns)
    assert {index.countries[c]: index.country_names[index.countries[c]] for c in index.country} == {
        fresh.countries[c]: fresh.country_names[fresh.countries[c]] for c in fresh.country
    }
    assert np.array_equal(index.pks[index.title_order()], fresh.pks[fresh.title_order()])
    assert np.array_equal(index.positions(fresh.pks), np.arange(fresh.size))


def current(locale: str = "en") -> facets.FacetIndex:
    return facets.index_for(locale, current_version())


def test_publishing_changing_and_unpublishing_are_applied_not_rebuilt(library, builds):
    first = current()
    assert builds == ["en"]
    added = add_example("Aardvark harbour registry", 4, secondary=[9], country="KE", kind="case_study")
    after_add = current()
    assert after_add is not first and after_add.size == first.size + 1
    same_as_a_fresh_build(after_add)

    changed = live_examples().exclude(pk=added.pk).first()
    changed.country = type(changed.country).objects.get(locale=changed.locale, iso2="CO")
    changed.region, changed.subregion = changed.country.region, changed.country.subregion
    changed.title = "Zebra crossing registry"
    with committed():
        changed.save_revision().publish()
    same_as_a_fresh_build(current())

    with committed():
        added.unpublish()
    after_remove = current()
    assert after_remove.size == first.size
    same_as_a_fresh_build(after_remove)
    assert builds == ["en"], "every change was applied to the index, none rebuilt it"


def test_the_listing_follows_a_publish_without_a_rebuild(client, library, builds):
    before = get(client, objective=4)["count"]
    add_example("Aardvark harbour registry", 4, country="KE")
    body = get(client, objective=4, sort="title", page_size=50)
    assert body["count"] == before + 1
    assert body["items"][0]["title"] == "Aardvark harbour registry"
    assert builds == ["en"]


def test_an_index_builds_anew_when_applying_would_be_wrong_or_dearer(library, builds, monkeypatch):
    current()
    monkeypatch.setattr(facets, "MAX_APPLIED_CHANGES", 1)
    add_example("One", 4)
    add_example("Two", 5)
    same_as_a_fresh_build(current())
    assert builds == ["en", "en"], "two changes past the limit of one: built anew"

    monkeypatch.setattr(facets, "MAX_APPLIED_CHANGES", 2000)
    three = add_example("Three", 6)
    SearchChange.objects.all().delete()  # pruned past the index's last look: "Three" is in no change
    add_example("Four", 7)
    index = current()
    assert builds == ["en", "en", "en"]
    assert len(index.positions([SearchEntry.objects.get(page=three).pk])) == 1


def test_every_write_to_the_entries_is_logged(library):
    entry = SearchEntry.objects.filter(locale="en", item_type="example").first()
    last = SearchChange.objects.order_by("-pk").first().pk
    SearchEntry.objects.filter(pk=entry.pk).update(pilot=not entry.pilot)
    SearchEntry.objects.filter(pk=entry.pk).update(locale="fr")
    logged = list(SearchChange.objects.filter(pk__gt=last).values_list("entry_id", "locale"))
    assert logged == [(entry.pk, "en"), (entry.pk, "en"), (entry.pk, "fr")]
    SearchEntry.objects.filter(pk=entry.pk).delete()
    assert SearchChange.objects.order_by("-pk").values_list("entry_id", "locale").first() == (entry.pk, "fr")
