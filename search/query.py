"""Building search and facet queries over the read model. Views only call ``ExampleSearch``.

One request costs at most six queries whatever the data: the facet aggregate (all small dimensions and the
total, each counted with every filter but its own), countries, sub-regions, years, the page of results, and
(with ``q``) the full-text match from Wagtail's search backend.
"""

import html
import re
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.lookups import GreaterThan

from wagtail.search.backends import get_search_backend

from search.indexing import PRINCIPLE_KEYS, objective_bit, principle_bit
from search.models import SearchEntry

MAX_FULLTEXT_MATCHES = 5000
MAX_TERMS = 12
KINDS = ["practice", "case_study", "lesson_learned"]
LANGUAGES = ["en", "fr", "es"]
WORD = re.compile(r"\w+", re.UNICODE)


def terms_of(q: str) -> list[str]:
    """Words only: search syntax of any engine (quotes, operators, wildcards) never reaches a parser."""
    return [word[:60] for word in WORD.findall(q or "")][:MAX_TERMS]


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


def _has_bits(field_name: str, mask: int) -> Q:
    return Q(GreaterThan(F(field_name).bitand(mask), 0))


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


class ExampleSearch:
    def __init__(self, filters: ExampleFilters) -> None:
        self.f = filters
        self.terms = terms_of(filters.q)
        self.ranked_ids: list[int] | None = None

    # --- filters, one Q per dimension so that each facet can leave its own out
    def dimensions(self) -> dict[str, Q]:
        f = self.f
        dims: dict[str, Q] = {}
        if f.objectives:
            if f.objective_scope == "primary":
                dims["objective"] = Q(primary_objective__in=f.objectives)
            else:
                dims["objective"] = _has_bits("objectives", _mask(f.objectives, objective_bit))
        if f.principles:
            dims["principle"] = _has_bits("principles", _mask(f.principles, principle_bit))
        if f.countries:
            dims["country"] = Q(country__in=f.countries)
        if f.regions:
            dims["region"] = Q(region__in=f.regions) | Q(subregion__in=f.regions)
        if f.kinds:
            dims["kind"] = Q(example_kind__in=f.kinds)
        if f.languages:
            dims["language"] = Q(language__in=f.languages)
        if f.year_from is not None or f.year_to is not None:
            period = Q(start_year__isnull=False)
            if f.year_from is not None:
                period &= Q(end_year__isnull=True) | Q(end_year__gte=f.year_from)
            if f.year_to is not None:
                period &= Q(start_year__lte=f.year_to)
            dims["year"] = period
        if f.pilot is not None:
            dims["pilot"] = Q(pilot=f.pilot)
        return dims

    def all_but(self, name: str | None) -> Q:
        combined = Q()
        for key, condition in self.dimensions().items():
            if key != name:
                combined &= condition
        return combined

    def base(self) -> QuerySet:
        queryset = SearchEntry.objects.filter(locale=self.f.locale, item_type=SearchEntry.ItemType.EXAMPLE)
        if self.terms:
            queryset = queryset.filter(pk__in=self.fulltext_ids(queryset))
        return queryset

    def fulltext_ids(self, scope: QuerySet) -> list[int]:
        if self.ranked_ids is None:
            self.ranked_ids = ranked_matches(self.terms, scope)
        return self.ranked_ids

    # --- results
    def results(self) -> list[SearchEntry]:
        f = self.f
        queryset = self.base().filter(self.all_but(None))
        start = (f.page - 1) * f.page_size
        if f.sort == "relevance" and self.terms:
            ids = set(queryset.values_list("pk", flat=True)) if self.dimensions() else None
            ranked = [pk for pk in self.ranked_ids if ids is None or pk in ids][start : start + f.page_size]
            rows = {entry.pk: entry for entry in SearchEntry.objects.filter(pk__in=ranked)}
            return [rows[pk] for pk in ranked if pk in rows]
        order = ["title", "pk"] if f.sort == "title" else ["-published_at", "-pk"]
        return list(queryset.order_by(*order)[start : start + f.page_size])

    # --- facets
    def facets(self) -> tuple[int, dict]:
        base = self.base()
        aggregates = {"total": Count("pk", filter=self.all_but(None))}
        others = {
            name: self.all_but(name) for name in ("objective", "principle", "kind", "language", "pilot")
        }
        for number in range(1, 24):
            if self.f.objective_scope == "primary":
                condition = Q(primary_objective=number)
            else:
                condition = _has_bits("objectives", objective_bit(number))
            aggregates[f"objective_{number}"] = Count("pk", filter=others["objective"] & condition)
        for key in PRINCIPLE_KEYS:
            aggregates[f"principle_{key}"] = Count(
                "pk", filter=others["principle"] & _has_bits("principles", principle_bit(key))
            )
        for kind in KINDS:
            aggregates[f"kind_{kind}"] = Count("pk", filter=others["kind"] & Q(example_kind=kind))
        for language in LANGUAGES:
            aggregates[f"language_{language}"] = Count("pk", filter=others["language"] & Q(language=language))
        for value in (True, False):
            aggregates[f"pilot_{value}"] = Count("pk", filter=others["pilot"] & Q(pilot=value))
        counts = base.aggregate(**aggregates)

        def grouped(name: str, *fields: str) -> list[dict]:
            present = Q(**{f"{fields[0]}__isnull": False})
            if fields[0] != "start_year":
                present &= ~Q(**{fields[0]: ""})
            rows = (
                base.filter(self.all_but(name) & present)
                .values(*fields)
                .annotate(count=Count("pk"))
                .order_by("-count", fields[0])
            )
            return list(rows)

        regions = grouped("region", "region", "subregion")
        by_region: dict[str, int] = {}
        by_subregion: dict[str, int] = {}
        for row in regions:
            by_region[row["region"]] = by_region.get(row["region"], 0) + row["count"]
            if row["subregion"]:
                by_subregion[row["subregion"]] = by_subregion.get(row["subregion"], 0) + row["count"]
        facets = {
            "objective": [{"value": str(n), "count": counts[f"objective_{n}"]} for n in range(1, 24)],
            "principle": [{"value": key, "count": counts[f"principle_{key}"]} for key in PRINCIPLE_KEYS],
            "kind": [{"value": kind, "count": counts[f"kind_{kind}"]} for kind in KINDS],
            "language": [{"value": code, "count": counts[f"language_{code}"]} for code in LANGUAGES],
            "pilot": [{"value": str(v).lower(), "count": counts[f"pilot_{v}"]} for v in (True, False)],
            "country": [
                {"value": row["country"], "label": row["country_name"], "count": row["count"]}
                for row in grouped("country", "country", "country_name")
            ],
            "region": [
                {"value": key, "count": n} for key, n in sorted(by_region.items(), key=lambda kv: -kv[1])
            ],
            "subregion": [
                {"value": key, "count": n} for key, n in sorted(by_subregion.items(), key=lambda kv: -kv[1])
            ],
            "year": [
                {"value": str(row["start_year"]), "count": row["count"]}
                for row in grouped("year", "start_year")
            ],
        }
        return counts["total"], facets


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
