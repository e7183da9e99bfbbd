"""Facet labels in the reader's language. Taxonomy names change rarely (an editor renaming a region), so
they are cached per locale for ten minutes; a search request normally reads them without a query."""

from django.core.cache import cache
from django.utils import translation

from examples_library.models import ExamplePage, Region
from guidance_pages.models import GuidingPrinciple, Objective

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}  # each in its own language


def facet_labels(locale: str) -> dict[str, dict[str, str]]:
    key = f"search:labels:{locale}"
    labels = cache.get(key)
    if labels is None:
        labels = _load(locale)
        cache.set(key, labels, 600)
    return labels


def _load(locale: str) -> dict[str, dict[str, str]]:
    with translation.override(locale):
        kinds = {value: str(label) for value, label in ExamplePage.Kind.choices}
        pilot = {"true": str(translation.gettext("Yes")), "false": str(translation.gettext("No"))}
    regions = dict(Region.objects.filter(locale__language_code=locale).values_list("key", "name"))
    return {
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
        names = labels.get(name)
        if not names:
            continue
        for bucket in buckets:
            bucket.setdefault("label", None)
            if bucket["label"] is None:
                bucket["label"] = names.get(bucket["value"])
    return facets
