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

from django.core.cache import cache

import numpy as np

from examples_library.models import Region
from guidance_pages.models import Objective
from search.facets import OBJECTIVES, FacetIndex
from search.labels import facet_labels, label_facets
from search.query import ExampleSearch

AXES_SECONDS = 600  # as the facet labels: taxonomy names change rarely


@dataclass(frozen=True)
class Axes:
    """The figures' axes in one language: every objective and region, with or without examples."""

    objectives: list[tuple[int, str, str]]  # number, short label, official title
    regions: list[tuple[str, str]]  # key, name (UN M49 macro-regions)
    subregions: list[tuple[str, str, str]]  # key, name, region key


def axes(locale: str) -> Axes:
    key = f"search:insight-axes:{locale}"
    found = cache.get(key)
    if found is None:
        found = _load_axes(locale)
        cache.set(key, found, AXES_SECONDS)
    return found


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


def _objective_columns(search: ExampleSearch, ix: FacetIndex) -> np.ndarray:
    """bool (rows, 24): column n = the row counts for objective n under the query's objective scope."""
    if search.f.objective_scope == "primary":
        return ix.primary[:, None] == np.arange(OBJECTIVES + 1)
    return ix.objective_matrix


def _matrix(
    chosen: np.ndarray, objective_columns: np.ndarray, codes: np.ndarray, ix: FacetIndex, keys: list[str]
) -> dict[int, list[int]]:
    """Counts per objective number (1-23) and key, in the order of ``keys``: one product of the chosen
    rows' objective columns by their one-hot region codes. float32 takes BLAS's path (numpy multiplies
    integer matrices without it) and is exact for counts below 2**24."""
    rows = np.flatnonzero(chosen)
    one_hot = np.zeros((len(rows), len(ix.regions)), np.float32)
    one_hot[np.arange(len(rows)), codes[rows]] = 1
    counts = objective_columns[rows].astype(np.float32).T @ one_hot
    columns = [ix.regions.index(key) if key in ix.regions else None for key in keys]
    return {
        number: [0 if column is None else round(float(counts[number, column])) for column in columns]
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
    objective_columns = _objective_columns(search, ix)
    chosen = _rows_without(search, {"objective", "region"}, base)
    region_keys = [key for key, _name in axis.regions]
    subregion_keys = [key for key, _name, _parent in axis.subregions]
    matrix = _matrix(chosen, objective_columns, ix.region, ix, region_keys)
    submatrix = _matrix(chosen, objective_columns, ix.subregion, ix, subregion_keys)
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
                {"value": code, "label": ix.country_names.get(code, code), "count": int(per_country[i])}
                for i, code in enumerate(ix.countries)
                if i and per_country[i]
            ),
            key=lambda bucket: (-bucket["count"], bucket["label"]),
        ),
        "gaps": gaps,
    }
