"""Examples search full text: relevance (title above summary and body), locale isolation, and stemming in
the reader's language (PostgreSQL: the read model's own stemmed tsvector columns)."""

import random

from django.db import connection

from wagtail.models import Page

import pytest

from search import indexing
from search.listing import relist
from search.models import SearchEntry
from tests.search.helpers import add_example, get


def test_title_match_ranks_above_body_match(client, db):
    add_example(
        "Ordinary practice", 4, summary="Nothing special here at all.", body="<p>A zanzibarite mention.</p>"
    )
    add_example("Zanzibarite registry", 4, summary="Registry of births.")
    body = get(client, q="zanzibarite")
    assert [item["title"] for item in body["items"]] == ["Zanzibarite registry", "Ordinary practice"]
    assert "<mark>zanzibarite</mark>" in body["items"][1]["snippet"]


def test_title_match_ranks_above_summary_and_text_matches(client, db):
    add_example("Plain practice", 4, summary="Nothing here.", body="<p>The xylophonic method.</p>")
    add_example("Another practice", 4, summary="A xylophonic approach to registries.")
    add_example("Xylophonic registry", 4, summary="Registry of births.")
    titles = [item["title"] for item in get(client, q="xylophonic")["items"]]
    assert titles == ["Xylophonic registry", "Another practice", "Plain practice"]


def test_an_example_in_another_language_is_found_from_every_language(client, db):
    add_french_entry("Exemple démo")
    for locale in ("en", "fr", "es"):
        titles = [item["title"] for item in get(client, locale=locale, q="exemple")["items"]]
        assert titles == ["Exemple démo"], locale


# --- full text in the reader's language (PostgreSQL: the read model's own stemmed tsvector columns)
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stemming configs")


def add_french_entry(title: str, summary: str = "", text: str = "") -> SearchEntry:
    page = Page.get_first_root_node().add_child(
        instance=Page(title=title, slug=f"fr-{random.randrange(10**9)}")
    )
    entry = SearchEntry.objects.create(
        page=page,
        item_type="example",
        locale="fr",
        language="fr",
        translation_key=page.translation_key,
        title=title,
        summary=summary,
        text=text,
        path="/fr/x/",
    )
    relist([page.translation_key])
    indexing.reindex_fulltext()
    indexing.bump_version()
    return entry


@on_postgres
def test_french_words_match_their_stem(client, db):
    add_french_entry("Accueil des migrants", summary="Un guichet pour chaque travailleur saisonnier.")
    for q in ("migrant", "migrants", "travailleurs", "travailleur", "saisonniers"):
        body = get(client, locale="fr", q=q)
        assert "Accueil des migrants" in [item["title"] for item in body["items"]], q
    # The library is one in every language: an English reader's words are stemmed the French way too.
    assert [item["title"] for item in get(client, locale="en", q="travailleurs")["items"]] == [
        "Accueil des migrants"
    ]


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
