"""Loading the library's reference taxonomies from maintained packages and the project's data.

- Countries: ISO 3166 codes and English names from ``pycountry``; French and Spanish names from the Unicode
  CLDR through Babel (pycountry's catalogues give the ISO long forms, "Bolivie, État plurinational de", not
  the names readers know).
- UN M49 region and sub-region of each country: the data file that ``country-converter`` maintains. We read
  its table directly instead of calling its API, which needs pandas at import time for nothing we use. The
  French and Spanish names of the sub-regions come from ``data/m49_names.yaml`` (its sources are named there).

Countries are reference data, not editorial text: their French and Spanish rows are created in bulk as
Wagtail translations (same ``translation_key``) rather than through wagtail-localize, which would cost a
translation job per country and locale (750 of them) for names no editor writes.
"""

import csv
import gettext
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from pathlib import Path

from django.apps import apps as django_apps
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Locale

import pycountry
import yaml
from babel import Locale as BabelLocale

from examples_library.models import ActorType, Country, Region

# UN M49 macro-regions. country-converter names the Americas "America" in its continent column.
M49_REGIONS = {
    "Africa": {"en": "Africa", "fr": "Afrique", "es": "África"},
    "America": {"en": "Americas", "fr": "Amériques", "es": "Américas"},
    "Asia": {"en": "Asia", "fr": "Asie", "es": "Asia"},
    "Europe": {"en": "Europe", "fr": "Europe", "es": "Europa"},
    "Oceania": {"en": "Oceania", "fr": "Océanie", "es": "Oceanía"},
}

ACTOR_TYPES = {
    "government": {"en": "National government", "fr": "Gouvernement national", "es": "Gobierno nacional"},
    "local_authority": {
        "en": "Local or regional authority",
        "fr": "Autorité locale ou régionale",
        "es": "Autoridad local o regional",
    },
    "civil_society": {
        "en": "Civil society organisation",
        "fr": "Organisation de la société civile",
        "es": "Organización de la sociedad civil",
    },
    "migrant_organisation": {
        "en": "Migrant or diaspora organisation",
        "fr": "Organisation de migrants ou de la diaspora",
        "es": "Organización de migrantes o de la diáspora",
    },
    "private_sector": {"en": "Private sector", "fr": "Secteur privé", "es": "Sector privado"},
    "trade_union": {"en": "Trade union", "fr": "Syndicat", "es": "Sindicato"},
    "academia": {
        "en": "Academia and research",
        "fr": "Milieux universitaires et recherche",
        "es": "Academia e investigación",
    },
    "international_organisation": {
        "en": "International organisation",
        "fr": "Organisation internationale",
        "es": "Organización internacional",
    },
    "human_rights_institution": {
        "en": "National human rights institution",
        "fr": "Institution nationale des droits de l'homme",
        "es": "Institución nacional de derechos humanos",
    },
}


M49_NAMES_FILE = Path(__file__).resolve().parent / "data" / "m49_names.yaml"


@cache
def m49_subregion_names() -> dict[str, dict[str, str | None]]:
    """Each sub-region's names by language, keyed as the Region rows are (the slug of its English name).
    A language whose name is None has none in the sources: the English name is shown there, as a fallback."""
    with M49_NAMES_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {
        slugify(entry["en"]): {code: entry.get(code) for code in ("en", "fr", "es")}
        for entry in data["m49_subregions"]
    }


def region_names() -> dict[str, dict[str, str | None]]:
    """Every Region key (macro-regions and sub-regions) with its name per language (None: no translation)."""
    names = {slugify(names["en"]): dict(names) for names in M49_REGIONS.values()}
    names.update(m49_subregion_names())
    return names


def region_name(key: str, language: str) -> str | None:
    """The name of a region in ``language`` from the data, None when the data has none."""
    return region_names().get(key, {}).get(language)


@cache
def country_table() -> list[dict]:
    """Current UN members and observers with an M49 sub-region, from country-converter's data file."""
    path = files("country_converter") / "country_data.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        row
        for row in rows
        if not row["obsolete"]
        and row["UNregion"]
        and row["continent"] in M49_REGIONS
        and pycountry.countries.get(alpha_2=row["ISO2"])
    ]


def country_name(iso2: str, language: str) -> str:
    """A country's name in ``language``: pycountry's common English name; CLDR's (Babel) in other languages,
    pycountry's English one where CLDR has none."""
    country = pycountry.countries.get(alpha_2=iso2)
    english = getattr(country, "common_name", None) or country.name
    if language == "en":
        return english
    return _cldr_territories(language).get(iso2, english)


@cache
def _cldr_territories(language: str) -> dict[str, str]:
    return dict(BabelLocale.parse(language).territories)


def iso_catalogue_name(iso2: str, language: str) -> str:
    """The name earlier versions of this loader wrote (pycountry's ISO 3166 catalogue): a row that still holds
    it was never edited, so :func:`update_reference_names` may replace it."""
    country = pycountry.countries.get(alpha_2=iso2)
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
    return catalogue.gettext(country.name)


def update_reference_names(get_model: Callable = django_apps.get_model) -> dict[str, int]:
    """Give the French and Spanish rows the names of the data where they still hold a generated name.

    Called by :func:`load_reference_data` and by a data migration (with its historical models) for databases
    loaded before the data had these names. A generated name is the English one (what sub-regions had) or,
    for countries, pycountry's catalogue name; anything else was typed by an editor and is kept.
    ``get_model`` is a migration's ``apps.get_model`` there.
    """
    region_model = get_model("examples_library", "Region")
    country_model = get_model("examples_library", "Country")
    english_regions = dict(region_model.objects.filter(locale__language_code="en").values_list("key", "name"))
    english_countries = dict(
        country_model.objects.filter(locale__language_code="en").values_list("iso2", "name")
    )
    updated = {"regions": 0, "countries": 0}
    for region in region_model.objects.exclude(locale__language_code="en").select_related("locale"):
        language = region.locale.language_code
        wanted = region_name(region.key, language)
        generated = {english_regions.get(region.key), region_name(region.key, "en")}
        if wanted and region.name != wanted and region.name in generated:
            region.name = wanted
            region.save(update_fields=["name"])
            updated["regions"] += 1
    changed = []
    for country in country_model.objects.exclude(locale__language_code="en").select_related("locale"):
        language = country.locale.language_code
        if pycountry.countries.get(alpha_2=country.iso2) is None:
            continue
        wanted = country_name(country.iso2, language)[:120]
        generated = {english_countries.get(country.iso2), iso_catalogue_name(country.iso2, language)[:120]}
        if country.name != wanted and country.name in generated:
            country.name = wanted
            changed.append(country)
    country_model.objects.bulk_update(changed, ["name"], batch_size=500)
    updated["countries"] = len(changed)
    return updated


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    english = locales["en"]
    rows = country_table()

    # Regions: M49 macro-regions, then sub-regions, in every locale, sharing a translation key per region.
    keys = {slugify(M49_REGIONS[name]["en"]): names for name, names in M49_REGIONS.items()}
    for row in rows:
        keys.setdefault(
            slugify(row["UNregion"]),
            {"en": row["UNregion"], "parent": slugify(M49_REGIONS[row["continent"]]["en"])},
        )
    english_regions = {region.key: region for region in Region.objects.filter(locale=english)}
    for key, names in keys.items():
        if key not in english_regions and "parent" not in names:
            english_regions[key] = Region.objects.create(locale=english, key=key, name=names["en"])
    for key, names in keys.items():
        if key not in english_regions:
            english_regions[key] = Region.objects.create(
                locale=english, key=key, name=names["en"], parent=english_regions[names["parent"]]
            )
    for code, locale in locales.items():
        if code == "en":
            continue
        existing = {region.key: region for region in Region.objects.filter(locale=locale)}
        for parents_first in (True, False):
            for key, names in keys.items():
                if key in existing or ("parent" not in names) != parents_first:
                    continue
                source = english_regions[key]
                existing[key] = Region.objects.create(
                    locale=locale,
                    translation_key=source.translation_key,
                    key=key,
                    # No name in the data: the English one, which the API flags as a fallback.
                    name=region_name(key, code) or names["en"],
                    parent=existing.get(names.get("parent")),
                )

    # Countries.
    for code, locale in locales.items():
        regions = {region.key: region for region in Region.objects.filter(locale=locale)}
        english_countries = {c.iso2: c for c in Country.objects.filter(locale=english)}
        existing = set(Country.objects.filter(locale=locale).values_list("iso2", flat=True))
        new = [
            Country(
                locale=locale,
                translation_key=english_countries[row["ISO2"]].translation_key if code != "en" else None,
                iso2=row["ISO2"],
                iso3=row["ISO3"],
                name=country_name(row["ISO2"], code)[:120],
                region=regions[slugify(M49_REGIONS[row["continent"]]["en"])],
                subregion=regions[slugify(row["UNregion"])],
            )
            for row in rows
            if row["ISO2"] not in existing
        ]
        for country in new:
            if country.translation_key is None:
                country.translation_key = Country._meta.get_field("translation_key").default()
        Country.objects.bulk_create(new)

    # Actor types.
    for key, names in ACTOR_TYPES.items():
        source, _created = ActorType.objects.get_or_create(
            locale=english, key=key, defaults={"name": names["en"]}
        )
        for code, locale in locales.items():
            if code != "en":
                ActorType.objects.get_or_create(
                    locale=locale,
                    key=key,
                    defaults={"name": names[code], "translation_key": source.translation_key},
                )
    update_reference_names()
    return {
        "countries": Country.objects.filter(locale=english).count(),
        "regions": Region.objects.filter(locale=english).count(),
        "actor_types": ActorType.objects.filter(locale=english).count(),
    }
