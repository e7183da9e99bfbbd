"""Full-text matching of read-model entries: which engine answers, and the PostgreSQL path.

- ``SEARCH_URL`` set: the remote engine (Elasticsearch/OpenSearch through Wagtail's backend).
- PostgreSQL otherwise (and as the remote engine's fallback): our own ``tsvector`` columns on
  ``SearchEntry``, built with the entry's language's stemming configuration and matched through a GIN index.
  Why not Wagtail's PostgreSQL backend: it uses one configuration for every language and matches
  ``title || body`` while its GIN indexes are per column, so every search is a sequential scan.
- SQLite otherwise (and as the remote engine's fallback): our own external-content FTS5 table
  ``gcm_search_fts`` over the read model (migration 0004, kept in step by triggers), matched and ranked
  (bm25, title above summary above text) in one statement joined with the entries' filters.
  Why not Wagtail's SQLite backend: its query plan runs the MATCH once per candidate row, so a common
  word took ~29 s at 10,000 examples (docs/benchmarks.md). Wagtail's backend still serves other models.
"""

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet

from wagtail.search.backends import get_search_backend

import numpy as np

from search.breaker import EngineSkipped, engine_breaker
from search.listing import languages, listed_under, masks_listing
from search.models import SearchEntry

MAX_FULLTEXT_MATCHES = 5000
# Enough for every match of a common word in one locale at 100,000 examples, so counts stay exact.
MAX_VECTOR_MATCHES = 100_000
CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
# ts_rank weights for {D, C, B, A}: the title (A) far above the summary (B); text-only matches rank last.
RANK_WEIGHTS = [0.0, 0.0, 0.2, 1.0]


def config_for(locale: str) -> str:
    return CONFIGS.get(locale, "simple")


def configs() -> list[str]:
    """The stemming configurations of every language, once each. A query is stemmed in each of them, so
    that a French reader's words also find the English and Spanish examples the library lists to them
    (each row's vector was stemmed in its own language); GIN scans an entry the configurations stem alike
    once."""
    return list(dict.fromkeys(config_for(code) for code in languages()))


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def uses_vectors() -> bool:
    return connection.vendor == "postgresql"


def remote_engine() -> bool:
    """Is the default backend a search server (Elasticsearch, OpenSearch) rather than the database?"""
    backend = str(settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("BACKEND", ""))
    return bool(backend) and ".database" not in backend


def backend_is_remote(backend) -> bool:
    return ".database" not in type(backend).__module__


def database_backend():
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


# The CASE maps each row's locale to its regconfig inside one UPDATE, so a bulk refresh is one statement.
_CONFIG_SQL = (
    "(CASE locale "
    + " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in CONFIGS.items())
    + " ELSE 'simple'::regconfig END)"
)
_UPDATE_SQL = f"""
UPDATE gcm_search_searchentry SET
  search_vector = setweight(to_tsvector({_CONFIG_SQL}, title), 'A')
    || setweight(to_tsvector({_CONFIG_SQL}, summary), 'B')
    || setweight(to_tsvector({_CONFIG_SQL}, text), 'C'),
  rank_vector = setweight(to_tsvector({_CONFIG_SQL}, title), 'A')
    || setweight(to_tsvector({_CONFIG_SQL}, summary), 'B')
"""  # noqa: S608 - constants only; ids are parameters


def update_vectors(ids: list[int] | None = None) -> None:
    """Refresh the tsvector columns of the given entries (all when ``ids`` is None); no-op off PostgreSQL."""
    if not uses_vectors() or ids == []:
        return
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(_UPDATE_SQL)
        else:
            cursor.execute(_UPDATE_SQL + " WHERE id = ANY(%s)", [list(ids)])


# One statement on the entries: matched through their GIN index, ranked on their short ranking vector.
# (Joined with the narrow match table instead, the planner scanned it whole, reading every vector: 4x slower.)
_RANKED_SQL = """
SELECT e.id FROM gcm_search_searchentry e
WHERE {scope} AND e.search_vector @@ ({query})
ORDER BY ts_rank(%s::real[], e.rank_vector, ({query})) DESC, e.published_at DESC, e.id DESC
LIMIT %s
"""  # noqa: S608 - constants only; terms, locale and type are parameters


def _tsquery(terms: list[str]) -> tuple[str, list[str]]:
    """The query stemmed in every language's way, ORed (see ``configs``), and its parameters."""
    names = configs()
    text = " ".join(terms)
    sql = " || ".join("plainto_tsquery(%s::regconfig, %s)" for _name in names)
    return sql, [value for name in names for value in (name, text)]


def vector_ids(terms: list[str], locale: str, item_type: str | None) -> list[int]:
    """Ids of the entries of ``searchable(locale, item_type)`` holding every term (stemmed in some language's
    way), best first: title matches, then summary matches, then text-only matches, newest first within a
    rank; one statement."""
    scope, params = _entry_scope(locale, item_type)
    query, query_params = _tsquery(terms)
    with connection.cursor() as cursor:
        cursor.execute(
            _RANKED_SQL.format(scope=scope, query=query),
            [*params, *query_params, RANK_WEIGHTS, *query_params, MAX_VECTOR_MATCHES],
        )
        return [row[0] for row in cursor.fetchall()]


# The ids as one bytea of big-endian int8s: tens of thousands of ids cost more to fetch and to turn into
# Python ints (one row each, or a text array parsed) than to match; numpy reads the bytes as they are.
_MATCH_SET_SQL = """
SELECT string_agg(int8send(entry_id), ''::bytea) FROM gcm_search_searchmatch
WHERE {scope} AND vector @@ ({query})
"""


def vector_set(terms: list[str], locale: str, item_type: str | None) -> np.ndarray:
    """Ids of the entries holding every term, in no order: the GIN index's ``@@`` match alone, on the narrow
    match table (``SearchMatch``). Counting needs the set, not an order, and ts_rank reads every match's
    ``rank_vector`` to sort them (most of a common word's cost, docs/benchmarks.md).

    For examples, the matches of every language: a superset of those the library lists under ``locale``,
    which the caller keeps by intersecting with its facet index (the match table does not hold the
    listing, and filtering it here would cost a second index)."""
    if item_type == SearchEntry.ItemType.EXAMPLE:
        scope, params = "item_type = %s", [item_type]
    elif item_type:
        scope, params = "locale = %s AND item_type = %s", [locale, item_type]
    else:
        scope, params = "locale = %s", [locale]
    query, query_params = _tsquery(terms)
    with connection.cursor() as cursor:
        cursor.execute(_MATCH_SET_SQL.format(scope=scope, query=query), [*params, *query_params])
        packed = cursor.fetchone()[0]
    return np.frombuffer(bytes(packed), ">i8").astype(np.int64) if packed else np.empty(0, np.int64)


# The standard external-content table and triggers (https://sqlite.org/fts5.html, section 4.4.3): the
# triggers keep the index in step with every ORM write, bulk ones included; 'rebuild' repairs any drift.
FTS5_CREATE_SQL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS gcm_search_fts USING fts5(title, summary, text, "
    "content='gcm_search_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS gcm_search_fts_ai AFTER INSERT ON gcm_search_searchentry BEGIN "
    "INSERT INTO gcm_search_fts(rowid, title, summary, text) "
    "VALUES (new.id, new.title, new.summary, new.text); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS gcm_search_fts_ad AFTER DELETE ON gcm_search_searchentry BEGIN "
    "INSERT INTO gcm_search_fts(gcm_search_fts, rowid, title, summary, text) "
    "VALUES ('delete', old.id, old.title, old.summary, old.text); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS gcm_search_fts_au AFTER UPDATE ON gcm_search_searchentry BEGIN "
    "INSERT INTO gcm_search_fts(gcm_search_fts, rowid, title, summary, text) "
    "VALUES ('delete', old.id, old.title, old.summary, old.text); "
    "INSERT INTO gcm_search_fts(rowid, title, summary, text) "
    "VALUES (new.id, new.title, new.summary, new.text); "
    "END",
]
FTS5_DROP_SQL = [
    "DROP TRIGGER IF EXISTS gcm_search_fts_ai",
    "DROP TRIGGER IF EXISTS gcm_search_fts_ad",
    "DROP TRIGGER IF EXISTS gcm_search_fts_au",
    "DROP TABLE IF EXISTS gcm_search_fts",
]
FTS5_REBUILD_SQL = "INSERT INTO gcm_search_fts(gcm_search_fts) VALUES ('rebuild')"
# bm25 column weights: title, summary, text.
FTS5_WEIGHTS = (10.0, 4.0, 1.0)
_FTS5_SQL = f"""
SELECT e.id FROM gcm_search_fts JOIN gcm_search_searchentry e ON e.id = gcm_search_fts.rowid
WHERE gcm_search_fts MATCH %s AND {{scope}}
ORDER BY bm25(gcm_search_fts, {", ".join(map(str, FTS5_WEIGHTS))}), e.published_at DESC, e.id DESC
LIMIT %s
"""  # noqa: S608 - constants only; terms, locale and type are parameters


# The same match as _FTS5_SQL without bm25: ranking scores every match before the ORDER BY.
_FTS5_SET_SQL = """
SELECT e.id FROM gcm_search_fts JOIN gcm_search_searchentry e ON e.id = gcm_search_fts.rowid
WHERE gcm_search_fts MATCH %s AND {scope}
"""  # noqa: S608 - constants only; terms, locale and type are parameters


def fts5_query(terms: list[str]) -> str:
    """Every term as an FTS5 string ("word", inner quotes doubled), implicitly ANDed: the terms are words
    already (search.query.terms_of), and quoting keeps any FTS5 syntax (NEAR, OR, *, -, ^) literal."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def rebuild_fts5() -> None:
    """Rebuild the FTS5 index from the entries (repairs any drift); no-op off SQLite."""
    if uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(FTS5_REBUILD_SQL)


def _entry_scope(locale: str, item_type: str | None) -> tuple[str, list]:
    """The SQL condition on the entries ``e`` for ``searchable(locale, item_type)``, and its parameters."""
    masks = masks_listing(locale)
    listed = f"(e.item_type = %s AND e.listed_in IN ({', '.join(['%s'] * len(masks))}))"
    example = [SearchEntry.ItemType.EXAMPLE, *masks]
    if item_type == SearchEntry.ItemType.EXAMPLE:
        return listed, example
    if item_type:
        return "e.locale = %s AND e.item_type = %s", [locale, item_type]
    return f"({listed} OR (e.item_type <> %s AND e.locale = %s))", [
        *example,
        SearchEntry.ItemType.EXAMPLE,
        locale,
    ]


def fts5_ids(terms: list[str], locale: str, item_type: str | None) -> list[int]:
    """Ids of the entries of ``searchable(locale, item_type)`` holding every term, best first (bm25: title
    above summary above text), newest first among equals; one statement."""
    terms = [term for term in terms if term.strip()]
    if not terms:
        return []
    scope, params = _entry_scope(locale, item_type)
    with connection.cursor() as cursor:
        cursor.execute(_FTS5_SQL.format(scope=scope), [fts5_query(terms), *params, MAX_VECTOR_MATCHES])
        return [row[0] for row in cursor.fetchall()]


def fts5_set(terms: list[str], locale: str, item_type: str | None) -> list[int]:
    """``fts5_ids``' matches in no order (see ``vector_set``)."""
    terms = [term for term in terms if term.strip()]
    if not terms:
        return []
    scope, params = _entry_scope(locale, item_type)
    with connection.cursor() as cursor:
        cursor.execute(_FTS5_SET_SQL.format(scope=scope), [fts5_query(terms), *params])
        return [row[0] for row in cursor.fetchall()]


def ranked_matches(terms: list[str], scope: QuerySet, backend=None) -> list[int]:
    """Ids of the entries in ``scope`` matching every term, best first; items whose title holds every term
    come first, in the engine's order.

    The database backends weigh fields unevenly (SQLite's FTS5 index ignores field boosts for non-page
    models), and readers expect a title match above a passing mention in the text. Only ids and titles are
    loaded: the matched rows' text would double the cost of a common term.
    """
    backend = backend or get_search_backend()
    results = backend.search(" ".join(terms), scope.only("pk", "title"), operator="and")
    matches = [(entry.pk, entry.title.lower()) for entry in results[:MAX_FULLTEXT_MATCHES]]
    lowered = [term.lower() for term in terms]
    return [pk for pk, title in sorted(matches, key=lambda m: not all(t in m[1] for t in lowered))]


def remote_matches(terms: list[str], scope: QuerySet) -> list[int]:
    """``ranked_matches`` on the remote engine, through the circuit breaker: raises ``EngineSkipped`` at once
    while the engine is known to be down, and opens the breaker on any failure."""
    if not engine_breaker.allow():
        raise EngineSkipped("the search engine failed recently; not asked")
    try:
        ids = ranked_matches(terms, scope)
    except Exception:
        engine_breaker.failed()
        raise
    engine_breaker.succeeded()
    return ids


def searchable(locale: str, item_type: str | None = None) -> QuerySet:
    """What a reader of ``locale`` searches: the examples the library lists to them, whatever their language
    (``search.listing``), and the guidance in their language."""
    example = SearchEntry.ItemType.EXAMPLE
    if item_type == example:
        return listed_under(locale)
    if item_type:
        return SearchEntry.objects.filter(locale=locale, item_type=item_type)
    return SearchEntry.objects.filter(
        Q(item_type=example, listed_in__in=masks_listing(locale)) | (~Q(item_type=example) & Q(locale=locale))
    )


def matching_ids(terms: list[str], locale: str, item_type: str | None, *, remote: bool = True) -> list[int]:
    """Ranked ids of the entries of ``searchable(locale, item_type)`` matching every term, from the engine in
    charge (see module doc). ``remote=False`` skips the remote engine (the fallback when it is down)."""
    scope = searchable(locale, item_type)
    if remote and remote_engine():
        return remote_matches(terms, scope)
    if uses_vectors():
        return vector_ids(terms, locale, item_type)
    if uses_fts5():
        return fts5_ids(terms, locale, item_type)
    return ranked_matches(terms, scope, database_backend())


def matching_set(
    terms: list[str], locale: str, item_type: str | None, *, remote: bool = True
) -> list[int] | np.ndarray:
    """Ids of the entries matching every term, in no order (for examples, maybe a superset of the listed
    ones: see ``vector_set``): ``matching_ids`` without the ranking, for counts (coverage, facets, a listing
    sorted by title) that need only which rows match."""
    scope = searchable(locale, item_type)
    if remote and remote_engine():
        # The engine ranks as it matches (no cheaper unranked query), and its answers pass the breaker.
        return remote_matches(terms, scope)
    if uses_vectors():
        return vector_set(terms, locale, item_type)
    if uses_fts5():
        return fts5_set(terms, locale, item_type)
    results = database_backend().search(
        " ".join(terms), scope.only("pk"), operator="and", order_by_relevance=False
    )
    return [entry.pk for entry in results[:MAX_VECTOR_MATCHES]]
