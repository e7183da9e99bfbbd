"""Building search and facet queries over the read model. Views only call ``ExampleSearch``.

One request costs at most three queries whatever the data: the read model's version (shared with the
response cache), the page of results by primary key and, with ``q``, the full-text match (ranked only when
the page is in relevance order: counts need only the set of matching rows). Filters and facet
counts run in memory over ``search.facets``' columnar index of the locale, rebuilt when the version moves.
"""

import html
import re
from dataclasses import dataclass, field

from django.db.models import F

import numpy as np

from search.facets import KINDS, LANGUAGES, NO_YEAR, OBJECTIVES, FacetIndex, index_for
from search.fulltext import matching_ids, matching_set
from search.indexing import PRINCIPLE_KEYS, current_version, objective_bit, principle_bit
from search.models import SearchEntry

MAX_TERMS = 12
WORD = re.compile(r"\w+", re.UNICODE)


def terms_of(q: str) -> list[str]:
    """Words only: search syntax of any engine (quotes, operators, wildcards) never reaches a parser."""
    return [word[:60] for word in WORD.findall(q or "")][:MAX_TERMS]


def with_first_published(entries):
    """The page's first publication date beside each entry: one primary-key join on the rows of one result
    page (at most 50), instead of a column that every publish, move and rebuild would have to keep in step."""
    return entries.annotate(first_published_at=F("page__first_published_at"))


@dataclass
class ExampleFilters:
    locale: str = "en"
    objectives: list[int] = field(default_factory=list)
    objective_scope: str = "any"
    principles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    pilot: bool | None = None
    q: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20


def _mask(values, bit) -> int:
    mask = 0
    for value in values:
        mask |= bit(value)
    return mask


def _value_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_counts=True)`` for small integers (years) without sorting every row."""
    if not len(values):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    low = int(values.min())
    counts = np.bincount(values.astype(np.int64) - low)
    present = np.flatnonzero(counts)
    return present + low, counts[present]


def _column_counts(columns: np.ndarray, chosen: np.ndarray) -> list[int]:
    return [int(np.count_nonzero(column & chosen)) for column in columns]


class ExampleSearch:
    """Filters, facet counts and the page of results of one examples query, over the locale's columnar
    index (``search.facets``): one query for the page's rows, plus the full-text match when there is
    a term."""

    def __init__(self, filters: ExampleFilters, version: int | None = None) -> None:
        self.f = filters
        self.terms = terms_of(filters.q)
        self.ranked_ids: list[int] | None = None
        self.matched_ids: list[int] | None = None
        self._version = version
        self._index: FacetIndex | None = None
        self._dimensions: dict[str, np.ndarray] | None = None
        self._base: np.ndarray | None = None

    @property
    def index(self) -> FacetIndex:
        if self._index is None:
            version = self._version if self._version is not None else current_version()
            self._index = index_for(self.f.locale, version)
        return self._index

    @property
    def needs_ranking(self) -> bool:
        """Only a page of results in relevance order needs the engine's ranking; counts need the set."""
        return bool(self.terms) and self.f.sort == "relevance"

    def fulltext_ids(self) -> list[int]:
        """The full-text matches, best first."""
        if self.ranked_ids is None:
            self.ranked_ids = matching_ids(self.terms, self.f.locale, SearchEntry.ItemType.EXAMPLE)
        return self.ranked_ids

    def matching_ids(self) -> list[int]:
        """The full-text matches in no order: the ranked ones if fetched already (one query per request),
        otherwise the unranked match, which costs a fraction of ranking a common word's matches."""
        if self.ranked_ids is not None:
            return self.ranked_ids
        if self.matched_ids is None:
            self.matched_ids = matching_set(self.terms, self.f.locale, SearchEntry.ItemType.EXAMPLE)
        return self.matched_ids

    # --- filters, one mask per dimension so that each facet can leave its own out
    def dimensions(self) -> dict[str, np.ndarray]:
        if self._dimensions is not None:
            return self._dimensions
        f, ix = self.f, self.index
        dims: dict[str, np.ndarray] = {}
        if f.objectives:
            if f.objective_scope == "primary":
                dims["objective"] = np.isin(ix.primary, f.objectives)
            else:
                dims["objective"] = (ix.objective_bits & _mask(f.objectives, objective_bit)) != 0
        if f.principles:
            dims["principle"] = (ix.principle_bits & _mask(f.principles, principle_bit)) != 0
        if f.countries:
            codes = [ix.countries.index(c) for c in f.countries if c in ix.countries]
            dims["country"] = np.isin(ix.country, codes)
        if f.regions:
            codes = ix.region_codes(f.regions)
            dims["region"] = np.isin(ix.region, codes) | np.isin(ix.subregion, codes)
        if f.kinds:
            dims["kind"] = np.isin(ix.kind, [KINDS.index(k) for k in f.kinds if k in KINDS])
        if f.languages:
            dims["language"] = np.isin(
                ix.language, [LANGUAGES.index(c) for c in f.languages if c in LANGUAGES]
            )
        if f.year_from is not None or f.year_to is not None:
            period = ix.start_year != NO_YEAR
            if f.year_from is not None:
                period &= (ix.end_year == NO_YEAR) | (ix.end_year >= f.year_from)
            if f.year_to is not None:
                period &= ix.start_year <= f.year_to
            dims["year"] = period
        if f.pilot is not None:
            dims["pilot"] = ix.pilot == f.pilot
        self._dimensions = dims
        return dims

    def base(self) -> np.ndarray:
        """Rows of the locale matching the full-text query (all rows without one); callers copy it."""
        if self._base is None:
            self._base = np.ones(self.index.size, bool)
            if self.terms:
                self._base[:] = False
                self._base[self.index.positions(self.matching_ids())] = True
        return self._base

    def all_but(self, name: str | None, base: np.ndarray) -> np.ndarray:
        combined = base.copy()
        for key, condition in self.dimensions().items():
            if key != name:
                combined &= condition
        return combined

    # --- results
    def results(self) -> list[SearchEntry]:
        f, ix = self.f, self.index
        selected = self.all_but(None, self.base())
        start = (f.page - 1) * f.page_size
        if f.sort == "relevance" and self.terms:
            ranked = ix.positions(self.fulltext_ids())
            ordered = ranked[selected[ranked]]
        else:
            order = ix.title_order() if f.sort == "title" else np.arange(ix.size)
            ordered = order[selected[order]]
        page = ix.pks[ordered[start : start + f.page_size]].tolist()
        rows = {entry.pk: entry for entry in with_first_published(SearchEntry.objects.filter(pk__in=page))}
        return [rows[pk] for pk in page if pk in rows]

    # --- facets
    def facets(self) -> tuple[int, dict]:
        f, ix = self.f, self.index
        base = self.base()

        def rows(name: str | None) -> np.ndarray:
            return self.all_but(name, base)

        def counted(codes: np.ndarray, size: int) -> np.ndarray:
            return np.bincount(codes, minlength=size)

        def ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
            return sorted(((k, n) for k, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0]))

        chosen = rows("objective")
        if f.objective_scope == "primary":
            objective = counted(ix.primary[chosen], OBJECTIVES + 1)
        else:
            objective = _column_counts(ix.objective_columns, chosen)
        principle = _column_counts(ix.principle_columns, rows("principle"))
        kind = counted(ix.kind[rows("kind")] + 1, len(KINDS) + 1)[1:]
        language = counted(ix.language[rows("language")] + 1, len(LANGUAGES) + 1)[1:]
        chosen = rows("pilot")
        pilot_true = int(np.count_nonzero(ix.pilot[chosen]))
        pilot_false = int(np.count_nonzero(chosen)) - pilot_true
        country = counted(ix.country[rows("country")], len(ix.countries))
        chosen = rows("region") & (ix.region != 0)
        region = counted(ix.region[chosen], len(ix.regions))
        subregion = counted(ix.subregion[chosen], len(ix.regions))
        years, year_counts = _value_counts(ix.start_year[rows("year") & (ix.start_year != NO_YEAR)])
        total = int(np.count_nonzero(rows(None)))
        facets = {
            "objective": [{"value": str(n), "count": int(objective[n])} for n in range(1, OBJECTIVES + 1)],
            "principle": [{"value": key, "count": int(principle[i])} for i, key in enumerate(PRINCIPLE_KEYS)],
            "kind": [{"value": value, "count": int(kind[i])} for i, value in enumerate(KINDS)],
            "language": [{"value": code, "count": int(language[i])} for i, code in enumerate(LANGUAGES)],
            "pilot": [{"value": "true", "count": pilot_true}, {"value": "false", "count": pilot_false}],
            "country": [
                {"value": code, "label": ix.country_names.get(code, ""), "count": n}
                for code, n in ranked({ix.countries[i]: int(c) for i, c in enumerate(country) if i})
            ],
            "region": [
                {"value": key, "count": n}
                for key, n in ranked({ix.regions[i]: int(c) for i, c in enumerate(region) if i})
            ],
            "subregion": [
                {"value": key, "count": n}
                for key, n in ranked({ix.regions[i]: int(c) for i, c in enumerate(subregion) if i})
            ],
            "year": [
                {"value": str(year), "count": int(n)}
                for year, n in sorted(
                    zip(years.tolist(), year_counts.tolist(), strict=True), key=lambda yn: (-yn[1], yn[0])
                )
            ],
        }
        return total, facets


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """An escaped excerpt around the first matching term, with every match wrapped in <mark>."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    positions = [lowered.find(term.lower()) for term in terms if term and lowered.find(term.lower()) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    excerpt = text[start : start + width]
    escaped = html.escape(excerpt)
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        escaped = re.sub(
            f"({re.escape(html.escape(term))})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE
        )
    return ("…" if start else "") + escaped + ("…" if start + width < len(text) else "")
