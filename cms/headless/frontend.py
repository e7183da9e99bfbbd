"""Where a page lives on the public (Astro) frontend: ``FRONTEND_URL/<language>/<path below home>``."""

from django.conf import settings

from wagtail.models import Page


def frontend_path(page: Page) -> str:
    # url_path is "/<home-slug>/<...>/"; the frontend's locale prefix replaces the home page's slug.
    parts = [part for part in page.url_path.split("/") if part][1:]
    language = page.locale.language_code
    return "/" + "/".join([language, *parts]) + "/"


def frontend_url(page: Page) -> str:
    return settings.FRONTEND_URL.rstrip("/") + frontend_path(page)


def frontend_url_for_reader(page: Page, language: str) -> str:
    """Where a reader of ``language`` reads ``page``: its translation in their language when live, else the
    page under their language's prefix when it is English (the site shows the English page there, with a
    note), else the page in its own language (the site has no fallback between French and Spanish)."""
    from wagtail.models import Locale

    if page.locale.language_code == language:
        return frontend_url(page)
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale is not None else None
    if translated is not None and translated.live:
        return frontend_url(translated)
    if page.locale.language_code == settings.LANGUAGE_CODE and locale is not None:
        below_language = frontend_path(page).split("/", 2)[2]
        return f"{settings.FRONTEND_URL.rstrip('/')}/{language}/{below_language}"
    return frontend_url(page)
