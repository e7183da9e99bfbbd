"""Coverage figures of the library (issue 16's public insight): which objectives are served from which
regions, by which guiding principles, kinds and years, and what Champion countries contributed.

Computed over the same in-memory columnar index as the examples listing (``search.facets``) with the same
filters (``search.query.ExampleSearch``), so a request costs the same at 100,000 examples as at 100 and the
figures equal the library's facet counts for the same query string by construction: every one-dimensional
breakdown *is* the listing's facet, and each dimension ignores its own selection as the facets do. The
matrices' two dimensions (objective, region) both ignore their selections, so that a gap ("no example for
objective 13 from Asia") is a fact about the library under the other filters, never an artefact of choosing
a region.
"""

from dataclasses import dataclass

import numpy as np

from examples_library.models import Region
from guidance_pages.models import Objective
from search.facets import OBJECTIVES, FacetIndex
from search.labels import facet_labels, label_facets
from search.memo import remembered
from search.query import ExampleSearch

AXES_SECONDS = 600  # as the facet labels: taxonomy names change rarely


@dataclass(frozen=True)
class Axes:
    """The figures' axes in one language: every objective and region, with or without examples."""

    objectives: list[tuple[int, str, str]]  # number, short label, official title
    regions: list[tuple[str, str]]  # key, name (UN M49 macro-regions)
    subregions: list[tuple[str, str, str]]  # key, name, region key


def axes(locale: str) -> Axes:
    return remembered(f"search:insight-axes:{locale}", AXES_SECONDS, lambda: _load_axes(locale))


def _load_axes(locale: str) -> Axes:
    objectives = list(
        Objective.objects.filter(locale__language_code=locale)
        .order_by("number")
        .values_list("number", "short_label", "title")
    )
    rows = list(
        Region.objects.filter(locale__language_code=locale)
        .order_by("name", "key")
        .values_list("key", "name", "parent__key")
    )
    return Axes(
        objectives=objectives,
        regions=[(key, name) for key, name, parent in rows if not parent],
        subregions=[(key, name, parent) for key, name, parent in rows if parent],
    )


def _rows_without(search: ExampleSearch, names: set[str], base: np.ndarray) -> np.ndarray:
    """Rows matching every filter but those of ``names`` (``ExampleSearch.all_but`` for several)."""
    combined = base.copy()
    for key, condition in search.dimensions().items():
        if key not in names:
            combined &= condition
    return combined


@dataclass(frozen=True)
class _Pairs:
    """Every (row, objective served) pair of one index, keyed for one ``bincount`` by objective, region and
    sub-region: derived once per index (a few MiB at 100,000 examples), so that a request gathers its chosen
    pairs instead of scanning rows × objectives (a quarter of the cost, measured)."""

    index: FacetIndex
    rows: np.ndarray  # int32 row of each pair
    keys: np.ndarray  # int32 (objective * regions + region) * regions + sub-region
    primary_keys: np.ndarray  # the same key per row for its main objective


_pairs_by_locale: dict[str, _Pairs] = {}


def _pairs(ix: FacetIndex) -> _Pairs:
    found = _pairs_by_locale.get(ix.locale)
    if found is not None and found.index is ix:
        return found
    codes = len(ix.regions)
    joint = ix.region.astype(np.int64) * codes + ix.subregion
    objectives, rows = np.nonzero(ix.objective_columns)
    # A race between two threads derives the same pairs twice, harmlessly: no lock on the request's path.
    found = _Pairs(
        index=ix,
        rows=rows.astype(np.int32),
        keys=(objectives * codes * codes + joint[rows]).astype(np.int32),
        primary_keys=(ix.primary.astype(np.int64) * codes * codes + joint).astype(np.int32),
    )
    _pairs_by_locale[ix.locale] = found
    return found


def _counts(search: ExampleSearch, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Examples per objective (0-23) and region code, and per objective and sub-region code, among the
    chosen rows, under the query's objective scope."""
    ix = search.index
    pairs = _pairs(ix)
    codes = len(ix.regions)
    if search.f.objective_scope == "primary":
        keys = pairs.primary_keys[chosen]
    else:
        keys = pairs.keys[chosen[pairs.rows]]
    counts = np.bincount(keys, minlength=(OBJECTIVES + 1) * codes * codes)
    counts = counts.reshape(OBJECTIVES + 1, codes, codes)
    return counts.sum(axis=2), counts.sum(axis=1)


def _matrix(counts: np.ndarray, ix: FacetIndex, keys: list[str]) -> dict[int, list[int]]:
    """Counts per objective number (1-23) and key, in the order of ``keys`` (0 for a key no row has)."""
    columns = [ix.regions.index(key) if key in ix.regions else None for key in keys]
    return {
        number: [0 if column is None else int(counts[number, column]) for column in columns]
        for number in range(1, OBJECTIVES + 1)
    }


def coverage(search: ExampleSearch) -> dict:
    """The coverage figures of ``search``'s filters, labelled in its locale (see the module's docstring)."""
    locale = search.f.locale
    ix = search.index
    labels = facet_labels(locale)
    axis = axes(locale)
    total, facets = search.facets()
    facets = label_facets(facets, labels)
    base = search.base()
    chosen = _rows_without(search, {"objective", "region"}, base)
    region_keys = [key for key, _name in axis.regions]
    subregion_keys = [key for key, _name, _parent in axis.subregions]
    by_region, by_subregion = _counts(search, chosen)
    matrix = _matrix(by_region, ix, region_keys)
    submatrix = _matrix(by_subregion, ix, subregion_keys)
    # Champions: examples per country among those with the pilot flag, whatever the country and pilot filters.
    champions = _rows_without(search, {"country", "pilot"}, base) & ix.pilot
    per_country = np.bincount(ix.country[champions], minlength=len(ix.countries))
    objective_facet = {int(b["value"]): b["count"] for b in facets["objective"]}
    region_facet = {b["value"]: b["count"] for b in facets["region"]}
    subregion_facet = {b["value"]: b["count"] for b in facets["subregion"]}
    objectives = [
        {
            "number": number,
            "label": short_label,
            "title": title,
            "count": objective_facet.get(number, 0),
            "selected": number in search.f.objectives,
        }
        for number, short_label, title in axis.objectives
    ]
    regions = [
        {"value": key, "label": name, "count": region_facet.get(key, 0), "selected": key in search.f.regions}
        for key, name in axis.regions
    ]
    region_names = dict(axis.regions)
    subregions = [
        {
            "value": key,
            "label": name,
            "region": parent,
            "count": subregion_facet.get(key, 0),
            "selected": key in search.f.regions,
        }
        for key, name, parent in axis.subregions
    ]
    gaps = [
        {
            "objective": number,
            "objective_label": short_label,
            "region": key,
            "region_label": region_names[key],
        }
        for number, short_label, _title in axis.objectives
        for count, key in zip(matrix[number], region_keys, strict=True)
        if count == 0
    ]
    return {
        "locale": locale,
        "total": total,
        "objective_scope": search.f.objective_scope,
        "objectives": objectives,
        "regions": regions,
        "subregions": subregions,
        "matrix": [matrix[number] for number, _label, _title in axis.objectives],
        "subregion_matrix": [submatrix[number] for number, _label, _title in axis.objectives],
        "principles": facets["principle"],
        "kinds": facets["kind"],
        "years": sorted(facets["year"], key=lambda bucket: int(bucket["value"])),
        "champions": sorted(
            (
                {
                    "value": code,
                    "label": labels["country"].get(code) or ix.country_names.get(code, code),
                    "count": int(per_country[i]),
                }
                for i, code in enumerate(ix.countries)
                if i and per_country[i]
            ),
            key=lambda bucket: (-bucket["count"], bucket["label"]),
        ),
        "gaps": gaps,
    }
