"""SQLite's own FTS5 index over the read model (search.fulltext.fts5_ids): ranking, locale isolation, the
triggers that keep it in step with ORM writes, hostile queries, and drift repair by rebuild_search."""

import random
from io import StringIO

from django.core.management import call_command
from django.db import connection

from wagtail.models import Page

import pytest

from search import fulltext, indexing
from search.listing import relist
from search.models import SearchEntry
from tests.search.factories import IndexedExamplePageFactory
from tests.search.helpers import get

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")


def entry(title: str, *, locale: str = "en", summary: str = "", text: str = "", item_type="example"):
    page = Page.get_first_root_node().add_child(
        instance=Page(title=title, slug=f"f-{random.randrange(10**9)}")
    )
    created = SearchEntry.objects.create(
        page=page,
        item_type=item_type,
        locale=locale,
        language=locale,
        translation_key=page.translation_key,
        title=title,
        summary=summary,
        text=text,
        path="/x/",
    )
    relist([page.translation_key])
    created.refresh_from_db()
    return created


def fts_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM gcm_search_fts WHERE gcm_search_fts MATCH 'vexillology'")
        return cursor.fetchone()[0]


def test_matching_ids_on_sqlite_uses_the_fts5_table(db, django_assert_max_num_queries):
    title = entry("Vexillology registry")
    body = entry("Ordinary", text="A vexillology mention.")
    summary = entry("Plain", summary="A vexillology summary.")
    with django_assert_max_num_queries(1):
        ids = fulltext.matching_ids(["vexillology"], "en", "example")
    assert ids == [title.pk, summary.pk, body.pk]


def test_title_match_ranks_above_summary_and_body_through_the_api(client, db):
    IndexedExamplePageFactory(
        title="Plain practice", objective=4, summary="Nothing here.", body="<p>The quillwork method.</p>"
    )
    IndexedExamplePageFactory(
        title="Another practice", objective=4, summary="A quillwork approach to registries."
    )
    IndexedExamplePageFactory(title="Quillwork registry", objective=4, summary="Registry of births.")
    titles = [item["title"] for item in get(client, q="quillwork")["items"]]
    assert titles == ["Quillwork registry", "Another practice", "Plain practice"]


def test_every_term_must_match_and_diacritics_are_folded(db):
    both = entry("Accueil des migrants", locale="fr", summary="Un guichet unique.")
    entry("Accueil", locale="fr")
    assert fulltext.fts5_ids(["accueil", "guichet"], "fr", None) == [both.pk]
    assert fulltext.fts5_ids(["ACCUEIL", "GUICHET"], "fr", None) == [both.pk]
    accented = entry("Démarche sociale", locale="fr")
    assert fulltext.fts5_ids(["demarche"], "fr", None) == [accented.pk]


def test_examples_of_every_language_and_the_reader_s_guidance(db):
    english = entry("Vexillology registry")
    french = entry("Vexillology registre", locale="fr")
    guidance = entry("Vexillology guidance", item_type="guidance")
    examples = {english.pk, french.pk}  # one library in every language (search.listing)
    assert set(fulltext.fts5_ids(["vexillology"], "fr", None)) == examples
    assert set(fulltext.fts5_ids(["vexillology"], "en", None)) == {*examples, guidance.pk}
    assert fulltext.fts5_ids(["vexillology"], "en", "guidance") == [guidance.pk]
    assert set(fulltext.fts5_ids(["vexillology"], "es", "example")) == examples


def test_orm_updates_and_deletes_reach_the_index_through_the_triggers(db):
    item = entry("Vexillology registry")
    assert fulltext.fts5_ids(["vexillology"], "en", None) == [item.pk]
    item.title = "Heraldry registry"
    item.save()
    assert fulltext.fts5_ids(["vexillology"], "en", None) == []
    assert fulltext.fts5_ids(["heraldry"], "en", None) == [item.pk]
    SearchEntry.objects.filter(pk=item.pk).update(summary="Vexillology too.")  # bulk update: no signals
    assert fulltext.fts5_ids(["vexillology"], "en", None) == [item.pk]
    item.delete()
    assert fulltext.fts5_ids(["heraldry"], "en", None) == []
    assert fulltext.fts5_ids(["vexillology"], "en", None) == []


def test_terms_are_quoted_never_parsed_as_fts5_syntax(db):
    item = entry("Near or not registry", summary='Say "hello".')
    assert fulltext.fts5_query(['he"llo', "NEAR"]) == '"he""llo" "NEAR"'
    for terms in (["NEAR"], ["OR"], ["not"]):  # operators are words here, found in the title
        assert item.pk in fulltext.fts5_ids(terms, "en", None), terms
    for terms in (['"'], ["*"], ["-"], ["_"], ["é" * 60], ['"hello"']):
        assert isinstance(fulltext.fts5_ids(terms, "en", None), list), terms  # never an FTS5 syntax error
    assert fulltext.fts5_ids(["near", "or", "not"], "en", None) == [item.pk]


HOSTILE = [
    '"',
    '""quoted""',
    "NEAR(a b, 2)",
    "NEAR(",
    "a*",
    "*",
    "a OR b",
    "OR",
    "-a",
    "a - b",
    "title:a",
    "^a",
    "a AND NOT b",
    "日本語の検索 ünïcödé ﬁ 🙂 Ω",
    "a" * 100_000,
    " ".join(f"w{i}" for i in range(10_000)),
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_get_results_or_a_4xx(client, db, q):
    entry("Near or registry")
    for url in ("/api/v1/examples/", "/api/v1/search/"):
        response = client.get(url, {"q": q})
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code >= 400:
            assert response.content  # a message, not an empty error


def test_rebuild_search_repairs_drift_in_the_fts5_index(db):
    item = SearchEntry.objects.get(page=IndexedExamplePageFactory(title="Vexillology registry", objective=4))
    with connection.cursor() as cursor:
        # Plant drift: the index loses the entry behind the read model's back.
        cursor.execute(
            "INSERT INTO gcm_search_fts(gcm_search_fts, rowid, title, summary, text) "
            "VALUES ('delete', %s, %s, %s, %s)",
            [item.pk, item.title, item.summary, item.text],
        )
    assert fts_rows() == 0
    assert fulltext.fts5_ids(["vexillology"], "en", None) == []
    call_command("rebuild_search", stdout=StringIO())
    assert fts_rows() == 1
    assert fulltext.fts5_ids(["vexillology"], "en", None) == [item.pk]


def test_reindex_fulltext_rebuilds_the_fts5_index(db):
    item = entry("Vexillology registry")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO gcm_search_fts(gcm_search_fts) VALUES ('delete-all')")
    assert fulltext.fts5_ids(["vexillology"], "en", None) == []
    indexing.reindex_fulltext()
    assert fulltext.fts5_ids(["vexillology"], "en", None) == [item.pk]
