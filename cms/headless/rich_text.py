"""Rich text links for a headless site.

Wagtail's page link handler writes Django's URL of the target page and looks up the active locale once per
link. Our readers follow links on the frontend, so links get the frontend path of the target in the
reader's language; the targets are fetched in two queries for a whole document; a link to a page that is
not live loses its href (its title never leaks).
"""

import re

from django.utils import translation
from django.utils.html import escape

from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.headless.frontend import frontend_path

_ID = re.compile(r"^\d{1,18}$")


class FrontendPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page | None]:
        ids = {int(attrs["id"]) for attrs in attrs_list if _ID.match(str(attrs.get("id", "")))}
        pages = {
            page.pk: page for page in Page.objects.live().public().filter(id__in=ids).select_related("locale")
        }
        language = translation.get_language() or "en"
        keys = {page.translation_key for page in pages.values() if page.locale.language_code != language}
        localized = {
            page.translation_key: page
            for page in Page.objects.live()
            .public()
            .filter(translation_key__in=keys, locale__language_code=language)
            .select_related("locale")
        }
        result = []
        for attrs in attrs_list:
            page = pages.get(int(attrs["id"])) if _ID.match(str(attrs.get("id", ""))) else None
            result.append(localized.get(page.translation_key, page) if page else None)
        return result

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            f'<a href="{escape(frontend_path(page))}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]
