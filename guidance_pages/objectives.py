"""Reading the objectives in a locale, with an explicit English fallback.

A constant number of queries whatever the locale: the requested locale's rows, the English rows when
they differ, and the published objective pages of both.
"""

from dataclasses import dataclass, replace

from django.conf import settings

from wagtail.models import Locale

from guidance_pages.models import Objective, ObjectivePage


@dataclass(frozen=True)
class PageRef:
    id: int
    title: str
    slug: str
    locale: str
    summary: str
    fallback: bool = False  # True when the page is not translated into the requested language yet


@dataclass(frozen=True)
class ObjectiveView:
    number: int
    title: str
    short_label: str
    locale: str
    fallback: bool
    page: PageRef | None


def _pages_by_translation_key(locale: Locale) -> dict:
    rows = (
        ObjectivePage.objects.live()
        .public()
        .filter(locale=locale)
        .values("id", "title", "slug", "summary", "objective__translation_key")
    )
    return {
        row["objective__translation_key"]: PageRef(
            id=row["id"],
            title=row["title"],
            slug=row["slug"],
            locale=locale.language_code,
            summary=row["summary"],
        )
        for row in rows
    }


def _page_in(key, target_pages: dict, source_pages: dict) -> PageRef | None:
    """The page in the requested language, else the English one flagged as a fallback."""
    if key in target_pages:
        return target_pages[key]
    source = source_pages.get(key)
    return (
        replace(source, fallback=True) if source is not None and target_pages is not source_pages else source
    )


def objectives_in(language_code: str, number: int | None = None) -> list[ObjectiveView]:
    source_code = settings.LANGUAGE_CODE
    locales = {
        loc.language_code: loc
        for loc in Locale.objects.filter(language_code__in={language_code, source_code})
    }
    source_locale = locales.get(source_code)
    if source_locale is None:
        return []
    target_locale = locales.get(language_code, source_locale)

    def rows(locale: Locale) -> dict:
        queryset = Objective.objects.filter(locale=locale)
        if number is not None:
            queryset = queryset.filter(number=number)
        return {obj.translation_key: obj for obj in queryset}

    source_rows = rows(source_locale)
    target_rows = source_rows if target_locale == source_locale else rows(target_locale)
    source_pages = _pages_by_translation_key(source_locale)
    target_pages = (
        source_pages if target_locale == source_locale else _pages_by_translation_key(target_locale)
    )

    views = []
    for key, source in sorted(source_rows.items(), key=lambda item: item[1].number):
        translated = target_rows.get(key)
        # An official title that was never translated stays equal to the English one: show English and say so.
        title_missing = translated is None or (translated is not source and translated.title == source.title)
        shown = translated or source
        views.append(
            ObjectiveView(
                number=source.number,
                title=source.title if title_missing else shown.title,
                short_label=shown.short_label,
                locale=target_locale.language_code if translated else source_code,
                fallback=language_code != source_code and (translated is None or title_missing),
                page=_page_in(key, target_pages, source_pages),
            )
        )
    return views
