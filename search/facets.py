"""An in-process columnar index of the examples read model, per worker process and locale.

Why our own: facet counts where "each dimension ignores its own selection" need one aggregate per
dimension over the matching rows. Computed in SQL that is a scan of the locale's rows per request, which
grows linearly (about 170 ms at 10,000 examples on the reference machine). The read model of one locale at
100,000 examples is a few megabytes of small integers, so each worker keeps it as numpy columns: a filter is
a boolean mask, a facet is a ``bincount`` or a column sum, and the page of results is the first ``page_size``
of a precomputed ordering. Only the page's rows are then read from the database, by primary key.

The index is keyed by ``SearchVersion`` (read once per request for the response cache anyway). Built on
first use with one query streaming the needed columns in "newest" order; when the version moves, the entries
changed since (the ``SearchChange`` log that database triggers write) are read again and applied to a copy,
so that the first request after a publish reads a few rows instead of the whole library (rebuilt: 0.6 s at
100,000 examples). The "title" ordering is read when a listing first asks for it, from the database, whose
collation keeps ruling the sort.
"""

import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Subquery

import numpy as np

from search.indexing import PRINCIPLE_KEYS
from search.listing import listed_under
from search.models import SearchChange

OBJECTIVES = 23
KINDS = ["practice", "case_study", "lesson_learned"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NO_YEAR = -1

_COLUMNS = (
    "pk",
    "objectives",
    "principles",
    "primary_objective",
    "country",
    "country_name",
    "region",
    "subregion",
    "example_kind",
    "language",
    "start_year",
    "end_year",
    "pilot",
    "published_at",
)
# The per-row arrays, in "newest" order; everything else of an index derives from them and its vocabularies.
_ROW_ARRAYS = (
    "pks",
    "published",
    "objective_bits",
    "principle_bits",
    "primary",
    "country",
    "region",
    "subregion",
    "kind",
    "language",
    "start_year",
    "end_year",
    "pilot",
)
# How far back an update looks again for changes a transaction still open at the last look had logged
# (sequence numbers are taken at insert, seen at commit); see ``_advance``.
CHANGE_MARGIN = 5000
# Past this many changed entries since the index's last look, building anew is cheaper than applying them.
MAX_APPLIED_CHANGES = 2000
_KIND_CODE = {value: i for i, value in enumerate(KINDS)}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LANGUAGE_CODE = {value: i for i, value in enumerate(LANGUAGES)}


# A dense id -> row table costs 4 bytes per id up to the largest; past this many ids per row (ids left sparse
# by many rebuilds of the read model, or other locales' rows) the index falls back to a binary search, so
# the table never costs more than 8 bytes a row.
DENSE_IDS_PER_ROW = 2


def _columns(bits: np.ndarray, width: int) -> np.ndarray:
    return np.ascontiguousarray(((bits[None, :] >> np.arange(width)[:, None]) & 1).astype(bool))


def _row_of_pk(pks: np.ndarray) -> np.ndarray:
    if not len(pks) or pks.min() < 0 or pks.max() >= DENSE_IDS_PER_ROW * len(pks):
        return np.empty(0, np.int32)
    table = np.full(int(pks.max()) + 1, -1, np.int32)
    table[pks] = np.arange(len(pks), dtype=np.int32)
    return table


@dataclass
class FacetIndex:
    version: int
    locale: str
    change_id: int  # the latest SearchChange seen
    recent_changes: frozenset[int]  # the changes seen among the CHANGE_MARGIN before it (``_advance``)
    pks: np.ndarray  # int64, in "newest" order (-published_at, -pk)
    published: np.ndarray  # int64 microseconds of published_at, the "newest" order's key
    sorted_pks: np.ndarray  # int64, ascending, with ``sorted_positions`` mapping back to rows
    sorted_positions: np.ndarray
    row_of_pk: np.ndarray  # int32 row of each id up to the largest (-1: none); empty when ids are too sparse
    objective_bits: np.ndarray  # int64 bit masks (bit n = objective n)
    # bool (24, n): row k = serves objective k; one contiguous row per objective, so that a facet count is a
    # count of (row & chosen), eight times cheaper than counting a gathered (chosen, 24) matrix's columns
    objective_columns: np.ndarray
    principle_bits: np.ndarray  # int64 bit masks
    principle_columns: np.ndarray  # bool (len(PRINCIPLE_KEYS), n), as ``objective_columns``
    primary: np.ndarray  # int16, 0 when none
    country: np.ndarray
    countries: list[str]
    country_names: dict[str, str]
    region: np.ndarray
    subregion: np.ndarray
    regions: list[str]  # region and sub-region keys share one vocabulary
    kind: np.ndarray  # int8 index into KINDS, -1 otherwise
    language: np.ndarray  # int8 index into LANGUAGES, -1 otherwise
    start_year: np.ndarray  # int16, NO_YEAR when unknown
    end_year: np.ndarray  # int16, NO_YEAR when open-ended
    pilot: np.ndarray  # bool
    _by_title: np.ndarray | None = field(default=None, repr=False)

    @property
    def size(self) -> int:
        return len(self.pks)

    @property
    def nbytes(self) -> int:
        return sum(value.nbytes for value in vars(self).values() if isinstance(value, np.ndarray))

    def positions(self, ids) -> np.ndarray:
        """Row positions of the given entry ids (a list or an int64 array), in the given order; ids not in the
        index are dropped."""
        if not len(ids) or not self.size:
            return np.empty(0, np.int64)
        wanted = np.asarray(ids, np.int64)
        if len(self.row_of_pk):
            # One gather: a common term's 30,000 matches cost a tenth of the binary search's time.
            inside = wanted[(wanted >= 0) & (wanted < len(self.row_of_pk))]
            rows = self.row_of_pk[inside]
            return rows[rows >= 0].astype(np.int64)
        at = np.searchsorted(self.sorted_pks, wanted).clip(0, self.size - 1)
        found = self.sorted_pks[at] == wanted
        return self.sorted_positions[at[found]]

    def title_order(self) -> np.ndarray:
        """Row positions in title order, read from the database when a listing first asks for it (the
        database's collation rules the sort; most requests never need it, so an update does not pay it)."""
        if self._by_title is None:
            titled = _examples(self.locale).order_by("title", "pk").values_list("pk", flat=True)
            self._by_title = self.positions(np.fromiter(titled, np.int64))
        return self._by_title

    def region_codes(self, keys: list[str]) -> list[int]:
        return [self.regions.index(key) for key in keys if key in self.regions]


class _Vocabulary:
    """Dictionary encoding of strings (code 0 is the empty string), extended as new values appear; the
    codes of known values never change, so an updated index keeps its old rows' codes."""

    def __init__(self, names: list[str] | None = None) -> None:
        self.names = list(names) if names else [""]
        self.codes = {name: code for code, name in enumerate(self.names)}

    def encode(self, values) -> np.ndarray:
        codes = self.codes
        return np.fromiter(
            (codes[v or ""] if (v or "") in codes else self._add(v) for v in values), np.int32, len(values)
        )

    def _add(self, value: str) -> int:
        self.codes[value] = len(self.names)
        self.names.append(value)
        return self.codes[value]


def _null_published() -> int:
    """Microseconds for a NULL ``published_at`` where the database's ``ORDER BY published_at DESC`` puts
    it: first on PostgreSQL, last on SQLite. The row order must not depend on who built the index."""
    top = np.iinfo(np.int64).max // 2
    return top if connection.vendor == "postgresql" else -top


def _microseconds(moment: datetime) -> int:
    # Integer arithmetic: a float timestamp can be a microsecond off, and ties are broken by id.
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _encode(data: dict[str, tuple], countries: _Vocabulary, regions: _Vocabulary) -> dict[str, np.ndarray]:
    n = len(data["pk"])
    null_published = _null_published()
    regions_and_subregions = regions.encode(list(data["region"]) + list(data["subregion"]))
    return {
        "pks": np.fromiter(data["pk"], np.int64, n),
        "published": np.fromiter(
            (null_published if p is None else _microseconds(p) for p in data["published_at"]),
            np.int64,
            n,
        ),
        "objective_bits": np.fromiter(data["objectives"], np.int64, n),
        "principle_bits": np.fromiter(data["principles"], np.int64, n),
        "primary": np.fromiter((p or 0 for p in data["primary_objective"]), np.int16, n),
        "country": countries.encode(data["country"]),
        "region": regions_and_subregions[:n],
        "subregion": regions_and_subregions[n:],
        "kind": np.fromiter((_KIND_CODE.get(k, -1) for k in data["example_kind"]), np.int8, n),
        "language": np.fromiter((_LANGUAGE_CODE.get(c, -1) for c in data["language"]), np.int8, n),
        "start_year": np.fromiter((NO_YEAR if y is None else y for y in data["start_year"]), np.int16, n),
        "end_year": np.fromiter((NO_YEAR if y is None else y for y in data["end_year"]), np.int16, n),
        "pilot": np.fromiter(data["pilot"], bool, n),
    }


def _read(entries) -> dict[str, tuple]:
    rows = list(entries.values_list(*_COLUMNS))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in _COLUMNS]
    return dict(zip(_COLUMNS, columns, strict=True))


def _examples(locale: str):
    """The rows the library lists under ``locale``: one per example, whatever its language."""
    return listed_under(locale)


def _assemble(
    locale: str,
    version: int,
    seen: tuple[int, frozenset[int]],
    arrays: dict[str, np.ndarray],
    countries: _Vocabulary,
    regions: _Vocabulary,
    country_names: dict[str, str],
) -> "FacetIndex":
    pks = arrays["pks"]
    order = np.argsort(pks, kind="stable")
    return FacetIndex(
        version=version,
        locale=locale,
        change_id=seen[0],
        recent_changes=seen[1],
        pks=pks,
        published=arrays["published"],
        sorted_pks=pks[order],
        sorted_positions=order,
        row_of_pk=_row_of_pk(pks),
        objective_bits=arrays["objective_bits"],
        objective_columns=_columns(arrays["objective_bits"], OBJECTIVES + 1),
        principle_bits=arrays["principle_bits"],
        principle_columns=_columns(arrays["principle_bits"], len(PRINCIPLE_KEYS)),
        primary=arrays["primary"],
        country=arrays["country"],
        countries=countries.names,
        country_names=country_names,
        region=arrays["region"],
        subregion=arrays["subregion"],
        regions=regions.names,
        kind=arrays["kind"],
        language=arrays["language"],
        start_year=arrays["start_year"],
        end_year=arrays["end_year"],
        pilot=arrays["pilot"],
    )


def _changes_since(change_id: int, limit: int) -> list[tuple[int, int, str, int]]:
    """(change id, entry id, locale, oldest change id in the log) logged after ``change_id`` (and truncation
    markers), in one query. Every language's: a translation published in one language changes which row
    another language lists (``search.listing``)."""
    oldest = SearchChange.objects.order_by("pk").values("pk")[:1]
    changes = SearchChange.objects.filter(pk__gt=change_id).annotate(oldest=Subquery(oldest)).order_by("pk")
    return list(changes.values_list("pk", "entry_id", "locale", "oldest")[:limit])


def _seen_now() -> tuple[int, frozenset[int]]:
    """The latest change logged and those of the ``CHANGE_MARGIN`` before it, which a later look must not
    apply again, in one query."""
    latest = SearchChange.objects.order_by("-pk").values("pk")[:1]
    tail = SearchChange.objects.filter(pk__gt=Subquery(latest) - CHANGE_MARGIN).values_list("pk", flat=True)
    recent = frozenset(tail)
    return max(recent, default=0), recent


def build(locale: str, version: int) -> "FacetIndex":
    """The locale's index read whole from the read model (two queries and the change log's tail)."""
    seen = _seen_now()  # before the rows: a change logged in between is applied again, harmlessly
    data = _read(_examples(locale).order_by("-published_at", "-pk"))
    countries, regions = _Vocabulary(), _Vocabulary()
    arrays = _encode(data, countries, regions)
    names = dict(zip(data["country"], data["country_name"], strict=True))
    return _assemble(locale, version, seen, arrays, countries, regions, names)


def _advance(index: "FacetIndex", version: int) -> "FacetIndex | None":
    """``index`` with the entries changed since it was made applied (a new index; the old one may still be
    serving other threads), or None when building anew is the right answer: too many changes, a truncated
    read model, or a change log pruned past the index's last look.

    Which changes are new: every change logged after the index's last look, and those of the
    ``CHANGE_MARGIN`` before it that it had not seen (a transaction open at the last look commits its log
    rows with sequence numbers older than ones already seen). The entries they name are read again as they
    are now: an upsert or a removal, so applying one twice is harmless.
    """
    floor = max(0, index.change_id - CHANGE_MARGIN)
    limit = CHANGE_MARGIN + 4 * MAX_APPLIED_CHANGES
    logged = _changes_since(floor, limit)
    if logged:
        oldest = logged[0][3]
    else:
        oldest = SearchChange.objects.order_by("pk").values_list("pk", flat=True).first()
    if index.change_id and (oldest is None or oldest > index.change_id + 1):
        return None  # pruned past what this index has seen, or emptied (numbers may start again)
    if len(logged) == limit:
        return None
    logged = [(change, entry, locale) for change, entry, locale, _oldest in logged]
    new = [(change, entry, locale) for change, entry, locale in logged if change not in index.recent_changes]
    if any(locale == SearchChange.EVERYTHING for _change, _entry, locale in new):
        return None
    changed = {entry for _change, entry, _locale in new}
    if len(changed) > MAX_APPLIED_CHANGES:
        return None
    latest = max([index.change_id, *(change for change, _entry, _locale in logged)])
    recent = frozenset(change for change, _entry, _locale in logged if change > latest - CHANGE_MARGIN)
    recent |= frozenset(change for change in index.recent_changes if change > latest - CHANGE_MARGIN)
    if not changed:
        return replace(index, version=version, change_id=latest, recent_changes=recent)
    data = _read(_examples(index.locale).filter(pk__in=changed))
    countries, regions = _Vocabulary(index.countries), _Vocabulary(index.regions)
    fresh = _encode(data, countries, regions)
    keep = ~np.isin(index.pks, np.fromiter(changed, np.int64, len(changed)))
    arrays = {name: np.concatenate([getattr(index, name)[keep], fresh[name]]) for name in _ROW_ARRAYS}
    newest = np.lexsort((-arrays["pks"], -arrays["published"]))
    arrays = {name: values[newest] for name, values in arrays.items()}
    names = {**index.country_names, **dict(zip(data["country"], data["country_name"], strict=True))}
    return _assemble(index.locale, version, (latest, recent), arrays, countries, regions, names)


_indexes: dict[str, FacetIndex] = {}
_lock = threading.Lock()


def index_for(locale: str, version: int) -> FacetIndex:
    """The locale's index at ``version``: built on first use; when the version has moved, the entries
    changed since are applied to it (a publish costs a few rows, not a rebuild), or it is built anew."""
    index = _indexes.get(locale)
    if index is not None and index.version == version:
        return index
    with _lock:
        index = _indexes.get(locale)
        if index is None or index.version != version:
            advanced = _advance(index, version) if index is not None else None
            index = advanced or build(locale, version)
            _indexes[locale] = index
    return index


def clear() -> None:
    """Forget every built index (tests roll the database back under the same version numbers)."""
    with _lock:
        _indexes.clear()
