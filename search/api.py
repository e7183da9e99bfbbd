"""Search API: examples with filters and facet counts, site-wide search, and autocomplete. Only published,
public content, per locale. Responses are cached under the read model's version counter."""

import hashlib
import json
import logging
from datetime import datetime
from typing import Literal

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy

import orjson
from ninja import Query, Router, Schema
from pydantic import Field, field_validator

from cms.i18n.locales import requested_language
from examples_library.models import Country
from guidance_pages.objectives import objectives_in
from search.breaker import EngineSkipped
from search.fulltext import matching_ids, matching_set, searchable
from search.indexing import current_version
from search.insight import coverage
from search.labels import facet_labels, label_facets
from search.models import SearchEntry
from search.query import ExampleFilters, ExampleSearch, snippet, terms_of, with_first_published

router = Router(tags=["search"])
logger = logging.getLogger(__name__)


def cache_seconds() -> int:
    # A day is only a safety net: the version counter is what invalidates. 0 turns caching off (benchmarks).
    return settings.SEARCH_CACHE_SECONDS


def _no_nul(value: str) -> str:
    if "\x00" in value:
        # Lazy: the error handler words the message in the response's language.
        raise ValueError(gettext_lazy("contains a NUL character"))
    return value


class ExampleFilterQuery(Schema):
    """The library's filters, shared by the examples listing and the coverage figures (``search.insight``) so
    that both count the same examples for the same query string."""

    locale: str | None = Field(None, description="en, fr or es; defaults to Accept-Language, then English.")
    q: str = Field("", max_length=200, description="Full-text query (words only).")
    objective: list[int] = Field(default_factory=list, max_length=23, description="Objective numbers (1-23).")
    objective_scope: Literal["any", "primary"] = "any"
    principle: list[str] = Field(default_factory=list, max_length=10)
    country: list[str] = Field(default_factory=list, max_length=50, description="ISO 3166 alpha-2 codes.")
    region: list[str] = Field(default_factory=list, max_length=30, description="Region or sub-region keys.")
    kind: list[Literal["practice", "case_study", "lesson_learned"]] = Field(default_factory=list)
    language: list[Literal[tuple(code for code, _name in settings.LANGUAGES)]] = Field(default_factory=list)
    year_from: int | None = Field(None, ge=1900, le=2100)
    year_to: int | None = Field(None, ge=1900, le=2100)
    pilot: bool | None = None

    @field_validator("q")
    @classmethod
    def text(cls, value: str) -> str:
        return _no_nul(value)

    @field_validator("objective")
    @classmethod
    def objective_numbers(cls, values: list[int]) -> list[int]:
        if any(not 1 <= value <= 23 for value in values):
            raise ValueError("objective numbers are 1 to 23")
        return values

    @field_validator("principle", "country", "region")
    @classmethod
    def keys(cls, values: list[str]) -> list[str]:
        if any(len(value) > 60 or "\x00" in value for value in values):
            raise ValueError("unknown value")
        return values


class ExamplesQuery(ExampleFilterQuery):
    sort: Literal["relevance", "newest", "title"] = "relevance"
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(20, ge=1, le=50)


class Bucket(Schema):
    value: str
    count: int
    label: str | None = None


class EntryOut(Schema):
    id: int = Field(
        description="The page's id: the id of /api/v1/examples/{id}/ and /api/v2/pages/{id}/ (one public id)."
    )
    page_id: int = Field(description="The same as id; kept for clients written before they were one.")
    title: str
    summary: str
    path: str
    item_type: str
    example_kind: str
    locale: str
    country: str
    country_name: str
    primary_objective: int | None
    start_year: int | None
    end_year: int | None
    pilot: bool
    first_published_at: datetime | None = Field(
        None, description="When the page was first published (feeds' publication dates)."
    )
    snippet: str = ""


class ExamplesOut(Schema):
    count: int
    page: int
    page_size: int
    sort: str
    items: list[EntryOut]
    facets: dict[str, list[Bucket]]
    degraded: bool = Field(
        False, description="True when the search engine was unreachable and the database answered."
    )


def render(value) -> bytes:
    """The answer's JSON bytes, written once by orjson (datetimes and lazy strings as django-ninja's
    encoder writes them). Why not django-ninja's rendering: it validates the answer against its schema on
    every request, nested object by nested object (about half of a coverage request's time,
    docs/benchmarks.md). Our answers are built by our own code in the schema's shape;
    tests/search/test_api_rendering.py checks that every answer is what the schema's validation and
    django-ninja's encoder would have sent, so the schema stays the contract."""
    return orjson.dumps(value, default=_django_json, option=orjson.OPT_PASSTHROUGH_DATETIME)


def _django_json(value: object) -> object:
    """What orjson leaves to us, written as django-ninja's encoder (Django's) writes it: datetimes to the
    millisecond with "Z", lazy strings as text; anything else as its text."""
    try:
        return _DJANGO_JSON.default(value)
    except TypeError:
        return str(value)


_DJANGO_JSON = DjangoJSONEncoder()


def _cached(kind: str, params: dict, compute) -> HttpResponse:
    """``compute(version)``'s answer as JSON, cached as bytes under the read model's current version (read
    once here): a hit is sent as it is, neither decoded nor validated again."""
    version = current_version()
    digest = hashlib.sha256(json.dumps([kind, params, version], sort_keys=True).encode()).hexdigest()
    key = f"search:json:{digest}"  # not "search:": entries written before held decoded answers
    seconds = cache_seconds()
    body = cache.get(key) if seconds else None
    if body is None:
        value = compute(version)
        body = render(value)
        if not value.get("degraded") and seconds:
            cache.set(key, body, seconds)
    return HttpResponse(body, content_type="application/json")


def _entry(entry: SearchEntry, terms: list[str], language: str) -> dict:
    data = {
        name: getattr(entry, name, None) for name in EntryOut.model_fields if name not in ("snippet", "id")
    }
    if entry.country:  # an example of another language names its country in the reader's language
        data["country_name"] = facet_labels(language)["country"].get(entry.country) or entry.country_name
    # The read model's own row id is an internal detail: a client that followed it reached another example.
    data["id"] = entry.page_id
    data["snippet"] = snippet(f"{entry.summary} {entry.text}", terms) if terms else ""
    return data


@router.get("/examples/", response=ExamplesOut, summary="Search and filter published examples, with facets")
def search_examples(request: HttpRequest, query: Query[ExamplesQuery]):
    language = requested_language(query.locale, request.headers.get("Accept-Language", ""))
    params = {**query.model_dump(), "locale": language}

    def compute(version: int) -> dict:
        filters = filters_of(query, language, sort=query.sort, page=query.page, page_size=query.page_size)
        search, degraded = _with_fallback(filters, version)
        total, facets = search.facets()
        facets = label_facets(facets, facet_labels(language))
        return {
            "count": total,
            "page": query.page,
            "page_size": query.page_size,
            "sort": query.sort if search.terms or query.sort != "relevance" else "newest",
            "items": [_entry(entry, search.terms, language) for entry in search.results()],
            "facets": facets,
            "degraded": degraded,
        }

    return _cached("examples", params, compute)


def filters_of(query: ExampleFilterQuery, language: str, **paging) -> ExampleFilters:
    """The search's filters from the query string's (the same for the listing and the coverage figures)."""
    return ExampleFilters(
        locale=language,
        objectives=query.objective,
        objective_scope=query.objective_scope,
        principles=query.principle,
        countries=[c.upper() for c in query.country],
        regions=query.region,
        kinds=list(query.kind),
        languages=list(query.language),
        year_from=query.year_from,
        year_to=query.year_to,
        pilot=query.pilot,
        q=query.q,
        **paging,
    )


def _with_fallback(
    filters: ExampleFilters, version: int | None = None, *, counts_only: bool = False
) -> tuple[ExampleSearch, bool]:
    """Run the full-text part on the configured engine; if it is down, answer from the database backend.
    Ranked only for a page in relevance order: ``counts_only`` (coverage) and other sorts need the set."""
    search = ExampleSearch(filters, version)
    if not search.terms:
        return search, False
    ranked = search.needs_ranking and not counts_only
    try:
        search.fulltext_ids() if ranked else search.matching_ids()
        return search, False
    except Exception as error:  # noqa: BLE001 - any engine failure degrades, never fails the request
        engine_failed(error)
        search = ExampleSearch(filters, version)
        if ranked:
            search.ranked_ids = database_ids(filters.locale, "example", search.terms)
        else:
            search.matched_ids = matching_set(search.terms, filters.locale, "example", remote=False)
        return search, True


def engine_failed(error: Exception) -> None:
    """Log an engine failure once: while the breaker is open the engine is not asked, nothing new to say."""
    if not isinstance(error, EngineSkipped):
        logger.warning("Search engine unavailable; answering from the database", exc_info=error)


def database_ids(locale: str, item_type: str | None, terms: list[str]) -> list[int]:
    """The same full-text match from the database (PostgreSQL's vectors or SQLite's FTS5 index), which
    stays current beside a remote engine."""
    return matching_ids(terms, locale, item_type, remote=False)


class SiteSearchQuery(Schema):
    locale: str | None = None
    q: str = Field(..., min_length=1, max_length=200)
    per_group: int = Field(5, ge=1, le=20)

    @field_validator("q")
    @classmethod
    def text(cls, value: str) -> str:
        return _no_nul(value)


class GroupOut(Schema):
    count: int
    items: list[EntryOut]


class SiteSearchOut(Schema):
    q: str
    examples: GroupOut
    guidance: GroupOut
    degraded: bool = False


@router.get("/search/", response=SiteSearchOut, summary="Search guidance and examples together")
def site_search(request: HttpRequest, query: Query[SiteSearchQuery]):
    language = requested_language(query.locale, request.headers.get("Accept-Language", ""))
    terms = terms_of(query.q)

    def compute(_version: int) -> dict:
        # One ranked match per kind: the library's examples of every language, the reader's guidance. (One
        # statement for both let PostgreSQL's planner scan every row's vector: 1.4 s at 100,000 examples.)
        degraded = False
        groups: dict[str, list[int]] = {"example": [], "guidance": []}
        for item_type in groups if terms else ():
            try:
                groups[item_type] = matching_ids(terms, language, item_type)
            except Exception as error:  # noqa: BLE001
                engine_failed(error)
                groups[item_type], degraded = database_ids(language, item_type, terms), True
        shown = [pk for ranked in groups.values() for pk in ranked[: query.per_group]]
        rows = {e.pk: e for e in with_first_published(SearchEntry.objects.filter(pk__in=shown))}
        return {
            "q": query.q,
            "examples": {
                "count": len(groups["example"]),
                "items": [_entry(rows[pk], terms, language) for pk in groups["example"][: query.per_group]],
            },
            "guidance": {
                "count": len(groups["guidance"]),
                "items": [_entry(rows[pk], terms, language) for pk in groups["guidance"][: query.per_group]],
            },
            "degraded": degraded,
        }

    return _cached("site", {"q": query.q, "locale": language, "per_group": query.per_group}, compute)


class SuggestQuery(Schema):
    locale: str | None = None
    q: str = Field(..., min_length=1, max_length=100)

    @field_validator("q")
    @classmethod
    def text(cls, value: str) -> str:
        return _no_nul(value)


class Suggestion(Schema):
    type: Literal["title", "objective", "country"]
    label: str
    value: str


@router.get(
    "/search/suggest/", response=list[Suggestion], summary="Autocomplete titles, objectives and countries"
)
def suggest(request: HttpRequest, query: Query[SuggestQuery]):
    language = requested_language(query.locale, request.headers.get("Accept-Language", ""))
    text = " ".join(query.q.split())[:100]
    if not text:
        return []
    titles = searchable(language).filter(title__icontains=text).order_by("title")[:5]
    lowered = text.lower()
    objectives = [
        o
        for o in objectives_in(language)
        if lowered in o.short_label.lower() or lowered in o.title.lower() or lowered == str(o.number)
    ][:5]
    countries = Country.objects.filter(locale__language_code=language, name__istartswith=text).order_by(
        "name"
    )[:5]
    return (
        [{"type": "title", "label": entry.title, "value": entry.path} for entry in titles]
        + [
            {"type": "objective", "label": f"{o.number}. {o.short_label}", "value": str(o.number)}
            for o in objectives
        ]
        + [{"type": "country", "label": c.name, "value": c.iso2} for c in countries]
    )


class SitemapQuery(Schema):
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(1000, ge=1, le=1000)


class SitemapLink(Schema):
    locale: str
    path: str


class SitemapEntryOut(Schema):
    path: str
    locale: str
    published_at: datetime | None = Field(None, description="Last publication (the sitemap's lastmod).")
    alternates: list[SitemapLink] = Field(
        description="The example in every language it exists in, itself included."
    )


class SitemapOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[SitemapEntryOut]


@router.get(
    "/sitemap/examples/",
    response=SitemapOut,
    summary="Every published example in every language, for sitemaps, in a stable order",
)
def sitemap_examples(request: HttpRequest, query: Query[SitemapQuery]):
    """The read model's examples of all languages, ordered by entry id, with their translations (hreflang).
    Four queries per page whatever the size of the library: the version, the count, the page and its
    translations. ``/api/v1/examples/`` cannot serve this: one language at a time and at most 50,000 rows."""

    def compute(_version: int) -> dict:
        examples = SearchEntry.objects.filter(item_type=SearchEntry.ItemType.EXAMPLE)
        start = (query.page - 1) * query.page_size
        rows = list(
            examples.order_by("pk")
            .annotate(key=F("page__translation_key"))
            .values("path", "locale", "published_at", "key")[start : start + query.page_size]
        )
        siblings: dict = {}
        translations = (
            examples.filter(page__translation_key__in={row["key"] for row in rows})
            .annotate(key=F("page__translation_key"))
            .order_by("locale")
            .values_list("key", "locale", "path")
        )
        for key, locale, path in translations:
            siblings.setdefault(key, []).append({"locale": locale, "path": path})
        return {
            "count": examples.count(),
            "page": query.page,
            "page_size": query.page_size,
            "items": [
                {
                    "path": row["path"],
                    "locale": row["locale"],
                    "published_at": row["published_at"],
                    "alternates": siblings.get(row["key"], []),
                }
                for row in rows
            ],
        }

    return _cached("sitemap-examples", query.model_dump(), compute)


class CoverageQuery(ExampleFilterQuery):
    """The library's filters (those of ``/api/v1/examples/``) and the reader's language."""


class CoverageObjective(Schema):
    number: int
    label: str = Field(description="The objective's short label in the reader's language.")
    title: str = Field(description="The objective's official title in the reader's language.")
    count: int = Field(description="Examples serving it (the examples listing's objective facet).")
    selected: bool


class CoverageRegion(Schema):
    value: str = Field(description="The region's key (the examples listing's `region` filter).")
    label: str
    count: int = Field(description="Examples from it (the examples listing's region facet).")
    selected: bool


class CoverageSubregion(CoverageRegion):
    region: str = Field(description="The key of the region it belongs to.")


class CoverageGap(Schema):
    objective: int
    objective_label: str
    region: str
    region_label: str


class CoverageOut(Schema):
    locale: str
    total: int = Field(description="Examples matching every filter (the examples listing's count).")
    objective_scope: str
    objectives: list[CoverageObjective] = Field(description="The matrices' rows, objectives 1 to 23.")
    regions: list[CoverageRegion] = Field(description="The columns of `matrix`: UN M49 regions.")
    subregions: list[CoverageSubregion] = Field(description="The columns of `subregion_matrix`.")
    matrix: list[list[int]] = Field(
        description="Examples per objective (row) and region (column), under every filter but the objective "
        "and region ones, which the matrix shows all of."
    )
    subregion_matrix: list[list[int]]
    principles: list[Bucket] = Field(description="The examples listing's guiding principle facet.")
    kinds: list[Bucket] = Field(description="The examples listing's kind facet.")
    years: list[Bucket] = Field(description="Examples per start year (the listing's year facet), by year.")
    champions: list[Bucket] = Field(
        description="Examples per Champion (pilot) country, under all filters but country and pilot."
    )
    gaps: list[CoverageGap] = Field(description="Objective and region pairs with no published example.")
    degraded: bool = Field(
        False, description="True when the search engine was unreachable and the database answered."
    )


@router.get(
    "/insight/coverage/",
    response=CoverageOut,
    summary="Coverage of the objectives by region, principle, kind, year and Champion country",
)
def insight_coverage(request: HttpRequest, query: Query[CoverageQuery]):
    """The library's figures for the same filters as ``/api/v1/examples/``, from the same in-memory index:
    constant cost and queries whatever the size of the library (``search.insight``)."""
    language = requested_language(query.locale, request.headers.get("Accept-Language", ""))
    params = {**query.model_dump(), "locale": language}

    def compute(version: int) -> dict:
        search, degraded = _with_fallback(filters_of(query, language), version, counts_only=True)
        return {**coverage(search), "degraded": degraded}

    return _cached("insight-coverage", params, compute)
