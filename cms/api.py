"""Every HTTP JSON API of the platform, mounted in one place.

- ``/api/v2/``: Wagtail API v2 (pages, images, documents), read-only, published content only.
- ``/api/v1/``: the domain API (django-ninja), with a committed OpenAPI schema (docs/openapi.json).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import path as url_path
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection

from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from rest_framework.response import Response

from champions.api import router as champions_router
from cms.api_objectives import router as objectives_router
from cms.api_search import with_word_search
from cms.api_urls import FrontendPageSerializer
from cms.headless.api_contract import NOT_FOUND, ContractAPI, error_response, translated_http_error
from cms.headless.page_cache import cached_detail_view
from cms.headless.preview import PreviewNotFound, preview_page
from cms.i18n.locales import UnknownLocale, response_language
from cms.i18n.translation_status import TranslationAPIMixin
from cms.profile_api import router as profile_router
from examples_library.api import InputError, examples_router, submissions_router
from examples_library.examples import example_out
from examples_library.models import ExamplePage
from feedback.api import router as discussions_router
from guidance_pages.api import router as guidance_router
from guidance_pages.history.api import router as history_router
from guidance_pages.publications.api import router as publications_router
from search.api import router as search_router

api = ContractAPI(
    title="GCM Knowledge Platform API",
    version="1",
    description=(
        "Domain API of the GCM Knowledge Platform: objectives, examples, submissions, discussions.\n\n"
        "Every 4xx answer is an `ErrorOut`: `detail` says what went wrong in the request's language "
        "(`locale`, then `Accept-Language`), `errors` lists each invalid input of a 422.\n\n"
        "Signing up, signing in and e-mail verification are django-allauth's headless API, specified at "
        "[/_allauth/openapi.json](/_allauth/openapi.json) (browser client: `/_allauth/browser/v1/…`). "
        "Operations marked with a session need its cookie and, for POST and PUT, the `X-CSRFToken` header."
    ),
    urls_namespace="api-v1",
)
api.add_router("/", guidance_router)
api.add_router("/", history_router)
api.add_router("/", publications_router)
api.add_router("/", objectives_router)
api.add_router("/", examples_router)
api.add_router("/", submissions_router)
api.add_router("/", search_router)
api.add_router("/", discussions_router)
api.add_router("/", profile_router)
api.add_router("/", champions_router)


class HealthOut(Schema):
    status: str = Field(description='"ok" whenever the application answers.')


@api.get(
    "/health/",
    response=HealthOut,
    summary="Liveness: the application answers (reads nothing)",
    tags=["health"],
)
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks; also the benchmarks' floor: a request through the same server
    and middleware as every other, with no database read, no cache read and no schema validation, so that
    each scenario's figure can be read as a multiple of what any request costs (``benchmarks/measuring``)."""
    return HttpResponse(b'{"status":"ok"}', content_type="application/json")


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    with translation.override(response_language(request)):
        return error_response(api, request, 401, _("Sign in first."))


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ours say why in words already; django-ninja's own (CSRF, throttling) get words too, same shape."""
    with translation.override(response_language(request)):
        return error_response(api, request, exc.status_code, translated_http_error(str(exc)))


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    with translation.override(response_language(request)):
        return error_response(api, request, 404, NOT_FOUND)


@api.exception_handler(UnknownLocale)
def unknown_locale(request: HttpRequest, exc: UnknownLocale) -> HttpResponse:
    with translation.override(response_language(request)):
        return error_response(api, request, 400, exc.message())


def _error_text(error: dict) -> str:
    """Our words for the usual pydantic errors (its own messages exist only in English)."""
    context = error.get("ctx") or {}
    known = {
        "int_parsing": lambda: _("enter a whole number"),
        "missing": lambda: _("this value is required"),
        "less_than_equal": lambda: _("enter a number up to %(limit)s") % {"limit": context.get("le")},
        "greater_than_equal": lambda: _("enter a number from %(limit)s") % {"limit": context.get("ge")},
        "string_too_long": lambda: _("at most %(limit)s characters") % {"limit": context.get("max_length")},
        # Our validators' own words without pydantic's English "Value error, ". ninja turns the error into
        # text before this handler runs, in the Accept-Language language; our validators' messages are
        # catalog entries, so gettext words them again in the response's language (``locale`` first).
        "value_error": lambda: _(str(context.get("error") or error.get("msg"))),
    }
    make = known.get(error.get("type", ""))
    return make() if make else error.get("msg") or _("invalid value")


@api.exception_handler(MultiPartParserError)
def unreadable_form(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A multipart body Django cannot split (no boundary, or not the one the Content-Type announces):
    the client's fault, and it should be told so, not answered with a server error."""
    with translation.override(response_language(request)):
        detail = _(
            "The form data could not be read: the multipart body does not match its Content-Type (boundary)."
        )
        return error_response(api, request, 400, detail)


@api.exception_handler(InputError)
@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError | InputError) -> HttpResponse:
    """Say in words what was wrong, in the request's language, and keep the machine-readable list for
    clients."""
    with translation.override(response_language(request)):
        messages = []
        for error in exc.errors:
            where = ".".join(str(part) for part in error.get("loc", [])[1:]) or _("request")
            messages.append(f"{where}: {_error_text(error)}")
        detail = _("Invalid input.") + " " + "; ".join(messages)
    return error_response(api, request, 422, detail, exc.errors)


class LocalizedPagesAPIViewSet(PagesAPIViewSet):
    """Stock pages endpoint (``?locale=fr`` already filters the French tree), plus one batch of translation
    look-ups per listing page instead of one per item when translation fields are asked for, and
    ``?exclude_type=app.Model[,app.Model]``, the opposite of stock ``?type=``: the frontend lists the guidance
    structure without the (up to 100,000) examples that sit beside it (ADR 0067)."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["exclude_type"])
    filter_backends = with_word_search(PagesAPIViewSet.filter_backends)
    base_serializer_class = FrontendPageSerializer

    @classmethod
    def get_urlpatterns(cls):
        # The public detail is served from the cache of rendered answers (cms/headless/page_cache.py).
        detail = url_path("<int:pk>/", cached_detail_view(cls.as_view({"get": "detail_view"})), name="detail")
        return [detail if pattern.name == "detail" else pattern for pattern in super().get_urlpatterns()]

    def get_queryset(self):
        # Every listing item shows meta.locale: without this, stock API v2 queries the locale once per item.
        queryset = super().get_queryset().select_related("locale")
        excluded = self.request.GET.get("exclude_type", "")
        if excluded:
            # not_type() also leaves out subclasses, as ?type= includes them; it filters on content types
            # (cached by Django), so the listing keeps its query count.
            queryset = queryset.not_type(*self._excluded_models(excluded))
        return queryset

    def _excluded_models(self, value: str) -> tuple:
        try:
            return page_models_from_string(value)
        except (LookupError, ValueError) as error:
            with translation.override(response_language(self.request)):
                message = _(
                    "exclude_type: %(value)s is not a page type. Give one or more page models as "
                    "app_label.ModelName, separated by commas (for example examples_library.ExamplePage)."
                ) % {"value": value[:100]}
            raise BadRequestError(message) from error

    def paginate_queryset(self, queryset):
        items = super().paginate_queryset(queryset)
        fields = self.request.GET.get("fields", "")
        model = queryset.model
        if issubclass(model, TranslationAPIMixin) and any(
            f in fields for f in ("*", *model.batched_api_fields)
        ):
            items = list(items)
            model.prefetch_api_info(items)
        return items


class PublicCollectionsMixin:
    """Stock API v2 lists every image and document; ours lists only those in collections without a view
    restriction (submitted attachments stay private until their example is published)."""

    def get_queryset(self):
        return super().get_queryset().filter(collection__in=public_collections())


class PublicImagesAPIViewSet(PublicCollectionsMixin, ImagesAPIViewSet):
    filter_backends = with_word_search(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(PublicCollectionsMixin, DocumentsAPIViewSet):
    filter_backends = with_word_search(DocumentsAPIViewSet.filter_backends)


def public_collections():
    restricted = Collection.objects.filter(view_restrictions__isnull=False)
    paths = [collection.path for collection in restricted]
    queryset = Collection.objects.all()
    for path in paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


class PagePreviewAPIViewSet(LocalizedPagesAPIViewSet):
    """``/api/v2/page_preview/?content_type=app.model&token=…``: the draft behind a preview token
    (wagtail-headless-preview), serialised like the pages endpoint's detail view. The token is the only
    credential; it is signed and expires (``cms.headless.preview``). Never cached, never indexed."""

    known_query_parameters = LocalizedPagesAPIViewSet.known_query_parameters.union(["content_type", "token"])

    @classmethod
    def get_urlpatterns(cls):
        return [url_path("", cls.as_view({"get": "preview_view"}), name="listing")]

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            content_type = self.request.GET.get("content_type", "")
            token = self.request.GET.get("token", "")
            with translation.override(response_language(self.request)):
                if not content_type or not token:
                    raise BadRequestError(_("A preview needs both a content type and a token."))
                try:
                    self._cached_object = preview_page(content_type, token)
                except PreviewNotFound as error:
                    message = _("This preview does not exist or has expired. Open it again from the admin.")
                    raise Http404(message) from error
        return self._cached_object

    def preview_view(self, request: HttpRequest) -> Response:
        self.action = "detail_view"  # detail fields (body, parent…) for the one page
        page = self.get_object()
        data = self.get_serializer(page).data
        if isinstance(page, ExamplePage):
            # The published example is read from /api/v1/examples/{id}/ and shown by one frontend component;
            # the draft comes in the same shape, so its preview is that component, every field included.
            data["example"] = example_out(page)
        return Response(data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", LocalizedPagesAPIViewSet)
wagtail_api.register_endpoint("page_preview", PagePreviewAPIViewSet)
wagtail_api.register_endpoint("images", PublicImagesAPIViewSet)
wagtail_api.register_endpoint("documents", PublicDocumentsAPIViewSet)
