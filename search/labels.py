"""Facet labels in the reader's language. Taxonomy names change rarely (an editor renaming a region), so
each process keeps them per locale for ten minutes; a search request reads them without a query."""

from django.utils import translation

from examples_library.models import Country, ExamplePage, Region
from guidance_pages.models import GuidingPrinciple, Objective
from search.memo import remembered

LABELS_SECONDS = 600
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}  # each in its own language


def facet_labels(locale: str) -> dict[str, dict[str, str]]:
    return remembered(f"search:labels:{locale}", LABELS_SECONDS, lambda: _load(locale))


def _load(locale: str) -> dict[str, dict[str, str]]:
    with translation.override(locale):
        kinds = {value: str(label) for value, label in ExamplePage.Kind.choices}
        pilot = {"true": str(translation.gettext("Yes")), "false": str(translation.gettext("No"))}
    regions = dict(Region.objects.filter(locale__language_code=locale).values_list("key", "name"))
    return {
        # The library lists examples of every language: a Spanish example's row names its country in
        # Spanish, the reader reads it in their own language.
        "country": dict(Country.objects.filter(locale__language_code=locale).values_list("iso2", "name")),
        "objective": {
            str(number): f"{number}. {label}"
            for number, label in Objective.objects.filter(locale__language_code=locale).values_list(
                "number", "short_label"
            )
        },
        "principle": dict(
            GuidingPrinciple.objects.filter(locale__language_code=locale).values_list("key", "name")
        ),
        "kind": kinds,
        "language": LANGUAGE_NAMES,
        "pilot": pilot,
        "region": regions,
        "subregion": regions,
    }


def label_facets(facets: dict[str, list[dict]], labels: dict[str, dict[str, str]]) -> dict[str, list[dict]]:
    for name, buckets in facets.items():
        names = labels.get(name) or {}
        for bucket in buckets:
            # Every bucket carries a label, null when it has none (years): the schema's shape, sent as is.
            bucket["label"] = names.get(bucket["value"]) or bucket.get("label")
    return facets
