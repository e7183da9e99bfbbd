"""One library in every language: which row of each example the library lists under each UI language.

An example and its translations are pages of one translation group. Under language L the library lists the
group's page in L where there is one; otherwise its original (the page in the language it was submitted in),
else the page in the default language, else the oldest. So every published example is listed, counted and
findable once in every language, and a reader of French sees a Spanish practice (in Spanish, with a language
badge) until it is translated. The choice is stored on the read model (``SearchEntry.listed_in``, one bit per
language) when a group's pages change, so that listing, facet counts, the objective pages and full-text
matching all read the same rows with one indexed filter; database triggers log each change of it for the
facet indexes (``search.facets``), as for any other column they read.
"""

from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from django.conf import settings

from search.models import SearchEntry

EXAMPLE = SearchEntry.ItemType.EXAMPLE


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_bit(code: str) -> int:
    codes = languages()
    return 1 << codes.index(code) if code in codes else 0


def masks_listing(code: str) -> list[int]:
    """Every ``listed_in`` value that includes ``code``: an ``IN`` list the database matches on an index,
    where a bitwise AND would scan."""
    bit = language_bit(code)
    return [mask for mask in range(1, 1 << len(languages())) if mask & bit]


def listed_under(code: str):
    """The examples the library lists under language ``code``."""
    return SearchEntry.objects.filter(item_type=EXAMPLE, listed_in__in=masks_listing(code))


def choose(rows: list[tuple[int, str, str]]) -> dict[int, int]:
    """``listed_in`` for each row of one group, given as (id, locale, original language): under each
    language, its translation there, else the original, else the default language's, else the oldest."""
    if not rows:
        return {}
    by_locale = {locale: pk for pk, locale, _original in sorted(rows)}
    original = next((pk for pk, locale, language in sorted(rows) if locale == language), None)
    fallback = original or by_locale.get(settings.LANGUAGE_CODE) or min(pk for pk, _l, _o in rows)
    masks = dict.fromkeys((pk for pk, _l, _o in rows), 0)
    for code in languages():
        masks[by_locale.get(code, fallback)] |= language_bit(code)
    return masks


def relist(keys: Iterable[UUID | None]) -> int:
    """Choose again the listed rows of the translation groups ``keys`` after their pages changed; returns how
    many rows changed. Two queries plus one per distinct new value, whatever the number of groups."""
    keys = {key for key in keys if key is not None}
    if not keys:
        return 0
    columns = ("pk", "translation_key", "locale", "language", "listed_in")
    rows = SearchEntry.objects.filter(item_type=EXAMPLE, translation_key__in=keys)
    found = list(rows.values_list(*columns))
    groups: dict[UUID, list[tuple[int, str, str]]] = defaultdict(list)
    for pk, key, locale, language, _mask in found:
        groups[key].append((pk, locale, language))
    current = {pk: mask for pk, _key, _locale, _language, mask in found}
    changes: dict[int, list[int]] = defaultdict(list)
    for members in groups.values():
        for pk, mask in choose(members).items():
            if current[pk] != mask:
                changes[mask].append(pk)
    for mask, pks in changes.items():
        for start in range(0, len(pks), 5000):
            SearchEntry.objects.filter(pk__in=pks[start : start + 5000]).update(listed_in=mask)
    return sum(len(pks) for pks in changes.values())


def relist_everything() -> int:
    """Choose every group's listed rows again (a rebuild, or a change of settings.LANGUAGES)."""
    keys = SearchEntry.objects.filter(item_type=EXAMPLE).exclude(translation_key=None)
    ordered = sorted(set(keys.values_list("translation_key", flat=True)))
    return sum(relist(ordered[start : start + 2000]) for start in range(0, len(ordered), 2000))
