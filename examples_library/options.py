"""The choices of the submission form in one language: objectives, guiding principles, countries, regions and
actor types, as the keys ``SubmissionIn`` expects with their names in the reader's language.

A constant number of queries (one per taxonomy, plus the objectives'), cached per language: the taxonomies
change only when editors load or translate them, and the form is opened far more often than that.
"""

import unicodedata

from django.conf import settings
from django.core.cache import cache

from wagtail.models import Locale

from examples_library.models import ActorType, Country, Region
from guidance_pages.models import GuidingPrinciple
from guidance_pages.objectives import objectives_in

CACHE_SECONDS = 300


def _cache_key(language: str) -> str:
    return f"examples_library:submission-options:v1:{language}"


def _rows(model, locale_ids: list[int], columns: list[str]) -> list[dict]:
    """Rows of the first locale of ``locale_ids`` that has any, else of the next (the English fallback):
    one query for both, since a taxonomy is either translated into a locale or not at all."""
    rows = list(model.objects.filter(locale_id__in=locale_ids).values("locale_id", *columns))
    for locale_id in locale_ids:
        mine = [row for row in rows if row["locale_id"] == locale_id]
        if mine:
            for row in mine:
                del row["locale_id"]
            return mine
    return []


def _by_name(row: dict) -> str:
    # Accents must not send "État" after "Zambie": compare names without their diacritics.
    return unicodedata.normalize("NFKD", row["name"]).encode("ascii", "ignore").decode().casefold()


def _build(language: str) -> dict:
    codes = [language] if language == settings.LANGUAGE_CODE else [language, settings.LANGUAGE_CODE]
    by_code = dict(Locale.objects.filter(language_code__in=codes).values_list("language_code", "pk"))
    locale_ids = [by_code[code] for code in codes if code in by_code]
    regions = _rows(Region, locale_ids, ["key", "name", "parent__key"])
    return {
        "language": language,
        "objectives": [
            {"number": view.number, "short_label": view.short_label, "title": view.title}
            for view in objectives_in(language)
        ],
        "principles": [
            {"key": row["key"], "name": row["name"]}
            for row in sorted(
                _rows(GuidingPrinciple, locale_ids, ["key", "name", "sort_order"]),
                key=lambda row: (row["sort_order"], row["key"]),
            )
        ],
        "countries": [
            {
                "iso2": row["iso2"],
                "name": row["name"],
                "region": row["region__key"],
                "subregion": row["subregion__key"],
            }
            for row in sorted(
                _rows(Country, locale_ids, ["iso2", "name", "region__key", "subregion__key"]),
                key=_by_name,
            )
        ],
        "regions": [
            {"key": row["key"], "name": row["name"], "parent": row["parent__key"]}
            for row in sorted(regions, key=_by_name)
            if row["parent__key"] is None
        ],
        "subregions": [
            {"key": row["key"], "name": row["name"], "parent": row["parent__key"]}
            for row in sorted(regions, key=_by_name)
            if row["parent__key"] is not None
        ],
        "actor_types": [
            {"key": row["key"], "name": row["name"]}
            for row in sorted(_rows(ActorType, locale_ids, ["key", "name"]), key=_by_name)
        ],
    }


def submission_options(language: str) -> dict:
    """Everything the submission form offers, in ``language`` (English where a taxonomy is not translated)."""
    key = _cache_key(language)
    found = cache.get(key)
    if found is None:
        found = _build(language)
        cache.set(key, found, CACHE_SECONDS)
    return found
