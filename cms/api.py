"""Every HTTP JSON API of the platform, mounted in one place.

- ``/api/v2/``: Wagtail API v2 (pages, images, documents), read-only, published content only.
- ``/api/v1/``: the domain API (django-ninja), with a committed OpenAPI schema (docs/openapi.json).
"""

from django.http import HttpRequest, HttpResponse

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection

from ninja import NinjaAPI
from ninja.errors import ValidationError

from cms.locales import UnknownLocale
from examples_library.api import InputError, examples_router, submissions_router
from guidance_pages.api import router as guidance_router
from search.api import router as search_router

api = NinjaAPI(
    title="GCM Knowledge Platform API",
    version="1",
    description="Domain API of the GCM Knowledge Platform: objectives, examples, submissions, discussions.",
    urls_namespace="api-v1",
)
api.add_router("/", guidance_router)
api.add_router("/", examples_router)
api.add_router("/", submissions_router)
api.add_router("/", search_router)


@api.exception_handler(UnknownLocale)
def unknown_locale(request: HttpRequest, exc: UnknownLocale) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(InputError)
@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError | InputError) -> HttpResponse:
    """Say in words what was wrong, and keep the machine-readable list for clients."""
    messages = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", [])[1:]) or "request"
        messages.append(f"{where}: {error.get('msg', 'invalid value')}")
    return api.create_response(
        request, {"detail": "Invalid input. " + "; ".join(messages), "errors": exc.errors}, status=422
    )


class PublicCollectionsMixin:
    """Stock API v2 lists every image and document; ours lists only those in collections without a view
    restriction (submitted attachments stay private until their example is published)."""

    def get_queryset(self):
        return super().get_queryset().filter(collection__in=public_collections())


class PublicImagesAPIViewSet(PublicCollectionsMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicCollectionsMixin, DocumentsAPIViewSet):
    pass


def public_collections():
    restricted = Collection.objects.filter(view_restrictions__isnull=False)
    paths = [collection.path for collection in restricted]
    queryset = Collection.objects.all()
    for path in paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PagesAPIViewSet)
wagtail_api.register_endpoint("images", PublicImagesAPIViewSet)
wagtail_api.register_endpoint("documents", PublicDocumentsAPIViewSet)
