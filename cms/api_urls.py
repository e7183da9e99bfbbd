"""API v2 page addresses on the public site.

Stock API v2 builds ``html_url`` from the Wagtail Site (``http://localhost/booklet/``): the Django host,
which only redirects, and without the language prefix. Readers find a page at
``FRONTEND_URL/<language>/<path below home>/`` (``cms.headless.frontend``), so that is what the API reports,
for the page itself and for its parent (which Wagtail serialises with its own, stock serializer)."""

from wagtail.api.v2.serializers import (
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)

from cms.headless.frontend import frontend_url


class FrontendHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page) -> str | None:
        # With the request, Wagtail reads the sites' root paths once per request (kept on the request);
        # without it, once per item, each a read of the shared cache (the database in production).
        if page.get_url_parts(self.context.get("request")) is None:  # outside every site: no address
            return None
        return frontend_url(page)


class FrontendParentField(PageParentField):
    def get_attribute(self, instance):
        parent = super().get_attribute(instance)
        if parent is not None and parent.locale_id == instance.locale_id:
            # A parent shares its child's language: reuse the child's Locale rather than query it again
            # for the address (detail views keep their query count).
            parent.locale = instance.locale
        return parent

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=FrontendPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class FrontendPageSerializer(PageSerializer):
    html_url = FrontendHtmlUrlField(read_only=True)
    parent = FrontendParentField(read_only=True)
