"""Reading the guiding principles in a locale, with an explicit English fallback (two queries at most)."""

from dataclasses import dataclass

from django.conf import settings

from guidance_pages.models import GuidingPrinciple


@dataclass(frozen=True)
class PrincipleView:
    key: str
    name: str
    paragraph: str
    locale: str
    fallback: bool  # True when the principle is not translated into the requested language yet


def principles_in(language: str) -> list[PrincipleView]:
    """The principles in GCM order (paragraph 15(a) to (j)), each in ``language`` or else in English."""
    source = settings.LANGUAGE_CODE
    rows = {
        (principle.locale.language_code, principle.key): principle
        for principle in GuidingPrinciple.objects.filter(
            locale__language_code__in={language, source}
        ).select_related("locale")
    }
    english = sorted(
        (principle for (code, _key), principle in rows.items() if code == source),
        key=lambda principle: (principle.sort_order, principle.key),
    )
    views = []
    for principle in english:
        translated = rows.get((language, principle.key))
        shown = translated or principle
        views.append(
            PrincipleView(
                key=principle.key,
                name=shown.name,
                paragraph=principle.paragraph,
                locale=shown.locale.language_code,
                fallback=translated is None,
            )
        )
    return views
