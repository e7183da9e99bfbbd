"""Finding taxonomy labels served in English under another language although a translation exists.

Each label is read the way the APIs read it (the objectives through ``objectives_in``, the other terms from
their rows in the language, the kinds through gettext) and compared with the English label. Some labels are
the same in both languages ("Canada", "Micronesia"); which ones is not typed here but derived from the data
that gives the translation: a label equal to the English one is a problem only where the data's translation
differs from the English label.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation

import polib

from examples_library.models import ActorType, Country, ExamplePage, Region
from examples_library.reference_data import ACTOR_TYPES, country_name, region_name
from guidance_pages import facts
from guidance_pages.models import GuidingPrinciple
from guidance_pages.objective_titles import official_wording
from guidance_pages.objectives import objectives_in


@dataclass(frozen=True)
class Leftover:
    language: str
    taxonomy: str
    key: str
    served: str
    translation: str

    def __str__(self) -> str:
        return (
            f"{self.language}: {self.taxonomy} {self.key!r} is served in English ({self.served!r}) "
            f"although it has a translation ({self.translation!r})"
        )


def _compare(language: str, taxonomy: str, labels: list[tuple[str, str, str, str | None]]) -> list[Leftover]:
    """``labels``: (key, served, English label, translation in the data or None)."""
    return [
        Leftover(language, taxonomy, key, served, wanted)
        for key, served, english, wanted in labels
        if wanted and served == english and wanted != english
    ]


def _rows(model, language: str, column: str) -> dict[str, str]:
    return dict(model.objects.filter(locale__language_code=language).values_list(column, "name"))


def _catalogue_translation(language: str, msgid: str) -> str | None:
    """The translation the project's catalogue holds for ``msgid`` (None: none), read from the .po file so
    that an uncompiled or stale .mo shows as a problem."""
    for directory in settings.LOCALE_PATHS:
        path = Path(directory) / language / "LC_MESSAGES" / "django.po"
        if path.exists():
            entry = polib.pofile(str(path)).find(msgid)
            if entry is not None and entry.msgstr and "fuzzy" not in entry.flags:
                return entry.msgstr
    return None


def english_leftovers(language: str) -> list[Leftover]:
    """Every taxonomy label served in English under ``language`` although the data translates it."""
    found: list[Leftover] = []
    english_objectives = {o.number: o for o in objectives_in("en")}
    for objective in objectives_in(language):
        source = english_objectives.get(objective.number)
        if source is None:
            continue
        wording = official_wording(objective.number, language)
        key = str(objective.number)
        found += _compare(
            language,
            "objective title",
            [(key, objective.title, source.title, wording["title"])],
        )
        found += _compare(
            language,
            "objective short label",
            [(key, objective.short_label, source.short_label, wording["short_label"])],
        )
    principles = _rows(GuidingPrinciple, language, "key")
    found += _compare(
        language,
        "principle",
        [
            (p["key"], principles[p["key"]], p["en"], p.get(language))
            for p in facts.guiding_principles()
            if p["key"] in principles
        ],
    )
    english_regions, regions = _rows(Region, "en", "key"), _rows(Region, language, "key")
    found += _compare(
        language,
        "region",
        [(key, name, english_regions.get(key), region_name(key, language)) for key, name in regions.items()],
    )
    english_countries, countries = _rows(Country, "en", "iso2"), _rows(Country, language, "iso2")
    found += _compare(
        language,
        "country",
        [
            (iso2, name, english_countries.get(iso2), country_name(iso2, language))
            for iso2, name in countries.items()
        ],
    )
    actor_types = _rows(ActorType, language, "key")
    found += _compare(
        language,
        "actor type",
        [
            (key, actor_types[key], names["en"], names.get(language))
            for key, names in ACTOR_TYPES.items()
            if key in actor_types
        ],
    )
    kinds = []
    for value, label in ExamplePage.Kind.choices:
        with translation.override(settings.LANGUAGE_CODE):
            english = str(label)
        with translation.override(language):
            served = str(label)
        kinds.append((value, served, english, _catalogue_translation(language, english)))
    found += _compare(language, "kind", kinds)
    return found


def checked_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
