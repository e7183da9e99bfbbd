"""A published page's public API v2 detail, computed once per published state and then served as bytes.

Why: the detail goes through Wagtail API v2's serializers, StreamField blocks, the translations and their
status, on every request (about ten times the cost of a bare JSON answer, issue 18), although it changes only
when something is published. Django's cache (``CACHE_URL``) keeps the rendered JSON bytes per page and request
variant (query string, language of the response, host and scheme), stamped with two generation tokens: the
page's own and the whole site's. A hit reads both tokens and the entry in one ``get_many`` and sends the bytes
as they are: no query, no serializer, no DRF.

Invalidation never deletes entries: it replaces generation tokens (a stored stamp that no longer matches is a
miss), so every worker sees a change on its next request, and an evicted token is replaced by a new one
(a stamp never matches a missing token). What replaces which token is said by the page types:

- a page whose type declares ``detail_cache_scope = "translations"`` (a leaf such as an example) renews the
  tokens of its translations (their ``translations`` and ``translation_status`` name it) and of the pages
  that link to any of them (Wagtail's reference index: rich text links carry their target's path);
- any other publish, every unpublish, move, delete, slug change, view restriction or site change renews the
  site's token (parents' titles, paths, links and menus are embedded in other pages' answers);
- wagtail-localize's records (a sync, a translator's work) renew the tokens of the translation group;
- the models a page type names in ``detail_cache_depends_on`` (taxonomies, documents, change notes) renew the
  site's token when saved or deleted.

A token is renewed at once (the same process, and the tests, read their own writes) and again when the
transaction commits: a request of another worker that read the old data under the new token in between would
otherwise keep it.

Only anonymous GETs asking for JSON are cached: a request with a session cookie or credentials, or asking
for the browsable API, goes to the view as before; previews have their own endpoint (``page_preview``), never
cached.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from wagtail.models import Page

PREFIX = "pagedetail:"
SITE_TOKEN = f"{PREFIX}token:site"
KEPT_HEADERS = ("Vary", "Allow")
TRANSLATIONS = "translations"


def _page_token(page_id: int) -> str:
    return f"{PREFIX}token:{page_id}"


def _entry_key(page_id: int, variant: str) -> str:
    return f"{PREFIX}v1:{page_id}:{hashlib.sha256(variant.encode()).hexdigest()[:32]}"


def cache_seconds() -> int:
    """A safety-net lifetime: generation tokens are what invalidates. 0 turns the cache off."""
    return settings.PAGE_DETAIL_CACHE_SECONDS


def cacheable(request: HttpRequest) -> bool:
    """Anonymous GETs for JSON only: anything else may see more than the public answer (or another format)."""
    if request.method != "GET" or not cache_seconds():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "authorization" in request.headers:
        return False
    return "format" not in request.GET and "text/html" not in request.headers.get("Accept", "")


def variant_of(request: HttpRequest) -> str:
    """Every input of the answer besides the page and the data: the query (fields, …), the language the
    serializers run in (rich text links resolve to the reader's language), where the API says it lives."""
    query = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    return repr((query, translation.get_language(), request.scheme, request.get_host()))


def _new_token() -> str:
    return uuid.uuid4().hex


def _current_stamp(page_id: int, found: dict) -> tuple[str, str]:
    """The two tokens, creating those that are missing (never set, or evicted)."""
    stamp = []
    for key in (SITE_TOKEN, _page_token(page_id)):
        token = found.get(key)
        if token is None:
            cache.add(key, _new_token(), timeout=None)
            token = cache.get(key)
        stamp.append(token)
    return stamp[0], stamp[1]


def serve(request: HttpRequest, page_id: int, view: Callable[[], HttpResponse]) -> HttpResponse:
    """The detail of ``page_id`` from the cache, or ``view()``'s answer, kept when it is a JSON 200."""
    if not cacheable(request):
        return view()
    entry_key = _entry_key(page_id, variant_of(request))
    found = cache.get_many([SITE_TOKEN, _page_token(page_id), entry_key])
    entry = found.get(entry_key)
    stamp = (found.get(SITE_TOKEN), found.get(_page_token(page_id)))
    if entry is not None and entry[0] == stamp:
        return _response(entry[1], entry[2], entry[3])
    # The tokens are read before the data: a change committed meanwhile renews them, so the entry written
    # below is already stale for the next request instead of being kept under the new tokens.
    stamp = _current_stamp(page_id, found)
    response = view()
    renderer = getattr(response, "accepted_renderer", None)
    if response.status_code != 200 or getattr(renderer, "format", None) != "json":
        return response
    response.render()
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    cache.set(entry_key, (stamp, bytes(response.content), response["Content-Type"], headers), cache_seconds())
    return response


def _response(body: bytes, content_type: str, headers: dict[str, str]) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response


def cached_detail_view(view: Callable) -> Callable:
    """Wrap the pages endpoint's detail view (a URL pattern's view, ``pk`` from the path)."""

    def detail(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
        return serve(request, int(pk), lambda: view(request, pk=pk, **kwargs))

    # The view is DRF's: its CSRF exemption and other attributes go with it.
    detail.__dict__.update(view.__dict__)
    return detail


# --- invalidation


def _renew(keys: list[str]) -> None:
    if keys:
        cache.set_many({key: _new_token() for key in keys}, timeout=None)


def _renew_now_and_at_commit(keys: list[str]) -> None:
    _renew(keys)
    transaction.on_commit(lambda: _renew(keys))


def forget() -> None:
    """Make every cached detail stale at once (tests roll the database back under the same page ids)."""
    _renew([SITE_TOKEN])


def site_changed() -> None:
    """Every cached detail is stale (a change that other pages' answers may embed)."""
    _renew_now_and_at_commit([SITE_TOKEN])


def pages_changed(page_ids: Iterable[int]) -> None:
    _renew_now_and_at_commit([_page_token(page_id) for page_id in sorted(set(page_ids))])


def translation_group_changed(translation_keys: Iterable) -> None:
    """The pages of these translation groups (they list each other's paths and statuses)."""
    keys = {str(key) for key in translation_keys if key}
    if keys:
        pages_changed(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


def _linking_to(page_ids: list[int]) -> list[int]:
    """Pages whose content links to one of ``page_ids`` (Wagtail's reference index; one query)."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)  # cached by Django after its first read
    return [
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            base_content_type=page_type,
            to_content_type=page_type,
            to_object_id__in=[str(pk) for pk in page_ids],
        ).values_list("object_id", flat=True)
    ]


def page_published(page: Page) -> None:
    if getattr(type(page), "detail_cache_scope", None) != TRANSLATIONS:
        site_changed()
        return
    group = list(Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True))
    pages_changed([page.pk, *group, *_linking_to(group or [page.pk])])


def pages_published(pages: Iterable[Page]) -> None:
    """Many pages published at once (the bulk import): their groups and the pages linking to them."""
    pages = list(pages)
    if any(getattr(type(page), "detail_cache_scope", None) != TRANSLATIONS for page in pages):
        site_changed()
        return
    keys = {page.translation_key for page in pages}
    group = list(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    pages_changed([*(page.pk for page in pages), *group, *_linking_to(group)])


# --- receivers


def _on_published(sender, instance, **kwargs) -> None:
    page_published(instance)


def _on_site_wide_change(sender, **kwargs) -> None:
    site_changed()


def _on_translation_source(sender, instance, **kwargs) -> None:
    translation_group_changed([instance.object_id])


def _on_translation(sender, instance, **kwargs) -> None:
    from wagtail_localize.models import TranslationSource

    translation_group_changed(
        TranslationSource.objects.filter(pk=instance.source_id).values_list("object_id", flat=True)
    )


def _on_string_translation(sender, instance, **kwargs) -> None:
    from wagtail_localize.models import TranslationContext

    translation_group_changed(
        TranslationContext.objects.filter(pk=instance.context_id).values_list("object_id", flat=True)
    )


def dependencies() -> set[str]:
    """The models (``app_label.Model``) whose changes some page type's API detail embeds."""
    from wagtail.models import get_page_models

    labels: set[str] = set()
    for model in get_page_models():
        labels.update(getattr(model, "detail_cache_depends_on", ()))
    return labels


def connect() -> None:
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published as published
    from wagtail.signals import page_slug_changed, page_unpublished, post_page_move
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    uid = "gcm_detail_cache_"
    published.connect(_on_published, dispatch_uid=f"{uid}published")
    site_wide = {"unpublished": page_unpublished, "moved": post_page_move, "slug": page_slug_changed}
    for name, signal in site_wide.items():
        signal.connect(_on_site_wide_change, dispatch_uid=f"{uid}{name}")
    post_delete.connect(_on_site_wide_change, sender=Page, dispatch_uid=f"{uid}deleted")
    for model in (PageViewRestriction, Site):
        for signal in (post_save, post_delete):
            signal.connect(_on_site_wide_change, sender=model, dispatch_uid=f"{uid}{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(_on_translation_source, sender=TranslationSource, dispatch_uid=f"{uid}source")
        signal.connect(_on_string_translation, sender=StringTranslation, dispatch_uid=f"{uid}string")
    post_save.connect(_on_translation, sender=Translation, dispatch_uid=f"{uid}translation")
    for label in sorted(dependencies()):
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(_on_site_wide_change, sender=model, dispatch_uid=f"{uid}{label}")
