"""Which content locale a request wants: the ``locale`` parameter, else ``Accept-Language``, else English."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from wagtail.models import Locale

SUPPORTED = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


class UnknownLocale(ValueError):
    def __init__(self, code: str) -> None:
        self.code = code[:20]
        super().__init__(self.message())

    def message(self) -> str:
        """The message in the active language: call it where the response is built, not where it is raised."""
        return _("Unknown locale %(code)s: use one of %(choices)s.") % {
            "code": repr(self.code),
            "choices": ", ".join(SUPPORTED),
        }


def response_language(request: HttpRequest) -> str:
    """The language of the words in an API response (error messages): a supported ``locale`` parameter, else
    the language LocaleMiddleware took from ``Accept-Language``."""
    code = request.GET.get("locale", "")
    if code in SUPPORTED:
        return code
    return translation.get_language() or settings.LANGUAGE_CODE


def requested_language(locale_param: str | None, accept_language: str = "") -> str:
    if locale_param:
        if locale_param not in SUPPORTED:
            raise UnknownLocale(locale_param)
        return locale_param
    for code, _quality in parse_accept_lang_header(accept_language[:500]):
        if code == "*":
            continue
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def default_locale() -> Locale:
    return Locale.get_default()


def locale_for(code: str) -> Locale:
    """The Locale row for a supported language; falls back to the default when it has not been created."""
    return Locale.objects.filter(language_code=code).first() or default_locale()
