"""Pages are read through the API and shown by the frontend; Django never renders them itself.

Drafts are previewed in the frontend too (wagtail-headless-preview): the admin's Preview stores the draft
under a signed token and redirects to ``FRONTEND_URL/preview/?content_type=…&token=…``; the frontend reads it
from ``/api/v2/page_preview/`` (``cms.headless.preview``).
"""

from django.http import HttpRequest, HttpResponseRedirect

from wagtail_headless_preview.models import HeadlessPreviewMixin

from cms.headless.freshness import StalePathsMixin
from cms.headless.frontend import frontend_url


class HeadlessMixin(StalePathsMixin, HeadlessPreviewMixin):
    """Every page type shown by the frontend; each says what its publication makes stale there
    (``stale_paths``, the whole site unless the type overrides it)."""

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponseRedirect:
        return HttpResponseRedirect(frontend_url(self))

    def get_client_root_url(self, request: HttpRequest) -> str:
        # One frontend for every site, wherever the admin is (the package looks the site up by hostname).
        from wagtail_headless_preview.settings import headless_preview_settings

        return headless_preview_settings.CLIENT_URLS["default"]
