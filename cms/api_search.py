"""``?search=`` for Wagtail API v2 that any text can go through.

Stock ``SearchFilter`` hands the raw text to the search backend: on SQLite Wagtail's backend puts it into an
FTS5 MATCH unescaped (``https://…`` is read as a column filter, a lone quote as an unterminated string), on
PostgreSQL a NUL byte breaks the query, and an empty text fails on both; each came back as a 500. We search
for the words of the text only (as our own FTS5 path does, ADR 0063), so no query syntax reaches any
engine, and we refuse in words what cannot be searched."""

import re
from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError

from cms.i18n.locales import response_language

WORD = re.compile(r"\w+")
MAX_SEARCH_LENGTH = 200
OPERATORS = ("and", "or")


def search_words(text: str) -> str:
    """The words of a search text, separated by spaces: letters and digits in any script, nothing else."""
    return " ".join(WORD.findall(text.replace("_", " ")))


class WordSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        text = request.GET["search"]
        operator = request.GET.get("search_operator")
        with translation.override(response_language(request)):
            if not text.strip():
                raise BadRequestError(_("search: give one or more words to search for."))
            if len(text) > MAX_SEARCH_LENGTH:
                raise BadRequestError(
                    _("search: at most %(limit)s characters.") % {"limit": MAX_SEARCH_LENGTH}
                )
            if operator is not None and operator not in OPERATORS:
                raise BadRequestError(_("search_operator: give and or or."))
        words = search_words(text)
        if not words:
            return queryset.none()  # punctuation only: nothing can match
        # The stock filter reads only request.GET: hand it the words, leave the request as it came.
        query = request.GET.copy()
        query["search"] = words
        return super().filter_queryset(SimpleNamespace(GET=query), queryset, view)


def with_word_search(backends: list) -> list:
    """The viewset's filter backends with the stock search filter replaced by ours (it stays last, as
    search results cannot be filtered further)."""
    return [WordSearchFilter if backend is SearchFilter else backend for backend in backends]
