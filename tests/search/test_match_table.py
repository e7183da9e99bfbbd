"""PostgreSQL's narrow match table (search.models.SearchMatch, migration 0006) follows the entries through
their database triggers, whatever writes them, and answers coverage's unranked match with the same set as
the ranked listing."""

from django.db import connection

import numpy as np
import pytest

from search import fulltext
from search.models import SearchEntry, SearchMatch
from tests.search.helpers import add_example, committed, get

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's match table")


def matched(word: str) -> set[int]:
    found = fulltext.matching_set([word], "en", "example")
    assert isinstance(found, np.ndarray) and found.dtype == np.int64
    return set(found.tolist())


def test_the_copy_follows_publishing_changes_and_unpublishing(db):
    page = add_example("Quenouille registry", 2, summary="Seasonal workers registered online.")
    entry = SearchEntry.objects.get(page=page)
    row = SearchMatch.objects.get(entry_id=entry.pk)
    assert (row.locale, row.item_type) == ("en", "example")
    assert entry.pk in matched("quenouille") and entry.pk in matched("workers")

    page.summary = "Farm hands registered by text message."
    with committed():
        page.save_revision().publish()
    assert entry.pk in matched("farm") and entry.pk not in matched("workers")

    with committed():
        page.unpublish()
    assert not SearchMatch.objects.filter(entry_id=entry.pk).exists()
    assert not matched("quenouille")


def test_writes_past_the_orm_are_followed_too(db):
    page = add_example("Quenouille registry", 2)
    entry = SearchEntry.objects.get(page=page)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE gcm_search_searchentry SET locale = 'fr' WHERE id = %s", [entry.pk])
    assert SearchMatch.objects.get(entry_id=entry.pk).locale == "fr"
    # examples of every language are matched (one library: the caller keeps the rows its language lists)
    assert entry.pk in matched("quenouille")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM gcm_search_searchentry WHERE id = %s", [entry.pk])
    assert not SearchMatch.objects.filter(entry_id=entry.pk).exists()


def test_the_unranked_set_is_the_ranked_match_and_the_listings_count(client, db):
    for i in range(6):
        add_example(f"Harbour registry {i}", 3, summary="Seasonal workers." if i % 2 else "Dock pilots.")
    ranked = fulltext.matching_ids(["workers"], "en", "example")
    assert matched("workers") == set(ranked) and len(ranked) == 3
    assert get(client, q="workers", sort="title")["count"] == 3
    assert not matched("zzzunheardof")
