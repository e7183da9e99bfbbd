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
