"""Loading the library's reference taxonomies from maintained packages.

- Countries: ISO 3166 codes and names from ``pycountry`` (with its French and Spanish name catalogues).
- UN M49 region and sub-region of each country: the data file that ``country-converter`` maintains. We read
  its table directly instead of calling its API, which needs pandas at import time for nothing we use.

Countries are reference data, not editorial text: their French and Spanish rows are created in bulk as
Wagtail translations (same ``translation_key``) rather than through wagtail-localize, which would cost a
translation job per country and locale (750 of them) for names no editor writes.
"""

import csv
import gettext
from functools import cache
from importlib.resources import files

from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Locale

import pycountry

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


def _country_name(iso2: str, language: str) -> str:
    country = pycountry.countries.get(alpha_2=iso2)
    name = getattr(country, "common_name", None) or country.name
    if language == "en":
        return name
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
    return catalogue.gettext(country.name)


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
                    # Sub-region names have no maintained translation source: English, until translated.
                    name=names.get(code, names["en"]),
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
                name=_country_name(row["ISO2"], code)[:120],
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
    return {
        "countries": Country.objects.filter(locale=english).count(),
        "regions": Region.objects.filter(locale=english).count(),
        "actor_types": ActorType.objects.filter(locale=english).count(),
    }
