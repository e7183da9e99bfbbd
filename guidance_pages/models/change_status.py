"""What a reader is told about a guidance page's changes (API v2 fields ``last_change`` and
``stale_translation``), computed for a whole listing at once like the translation fields it builds on."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet

from wagtail.api import APIField
from wagtail.models import Page

from cms.headless.frontend import frontend_path
from cms.i18n.translation_status import (
    NOT_TRANSLATED,
    OUTDATED,
    PARTLY_TRANSLATED,
    TranslationAPIMixin,
    prefetch_translation_info,
)
from guidance_pages.models.editions import ChangeKind, ChangeNote

PUBLIC_KINDS = (ChangeKind.ORIGINAL, ChangeKind.SUBSTANTIVE)
STALE_STATUSES = (OUTDATED, PARTLY_TRANSLATED, NOT_TRANSLATED)


def public_notes() -> QuerySet[ChangeNote]:
    """The change notes of public versions: published as the first publication or as a substantive change.
    Minor changes and unpublished revisions are never public."""
    return ChangeNote.objects.filter(published_at__isnull=False, kind__in=PUBLIC_KINDS)


def _version(note: dict) -> dict:
    return {
        "version": note["revision_id"],
        "date": note["published_at"].isoformat(),
        "kind": note["kind"],
        "note": note["note"],
    }


def _latest_before(notes: list[dict], moment: datetime | None) -> int | None:
    if moment is None:
        return None
    return next((note["revision_id"] for note in notes if note["published_at"] <= moment), None)


def prefetch_change_info(pages: Iterable[Page]) -> None:
    """Fill ``_change_info`` (last change, stale translation) of each page in two queries whatever their
    number, on top of the translation look-ups (``prefetch_translation_info``)."""
    pages = list(pages)
    for page in pages:
        if getattr(page, "_translation_info", None) is None:
            prefetch_translation_info(pages)
            break
    stale = [page for page in pages if page._translation_info[1].status in STALE_STATUSES]
    stale_ids = {page.pk for page in stale}
    # Query 1: the live English pages the stale translations follow.
    sources = {
        source.translation_key: source
        for source in Page.objects.live()
        .filter(
            translation_key__in={page.translation_key for page in stale},
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .select_related("locale")
        .only("id", "title", "url_path", "translation_key", "locale__language_code")
    }
    # Query 2: the public versions of these pages and of those sources, newest first.
    notes: dict[int, list[dict]] = {}
    for note in (
        public_notes()
        .filter(page_id__in={page.pk for page in pages} | {source.pk for source in sources.values()})
        .order_by("page_id", "-published_at", "-revision_id")
        .values("revision_id", "page_id", "published_at", "kind", "note")
    ):
        notes.setdefault(note["page_id"], []).append(note)

    for page in pages:
        own = notes.get(page.pk, [])
        last_change = _version(own[0]) if own else None
        state = page._translation_info[1]
        stale_translation = None
        if page.pk in stale_ids:
            source = sources.get(page.translation_key)
            source_notes = notes.get(source.pk, []) if source else []
            stale_translation = {
                "status": state.status,
                "since": state.outdated_since.isoformat() if state.outdated_since else None,
                "source": (
                    {"id": source.pk, "title": source.title, "path": frontend_path(source)}
                    if source
                    else None
                ),
                "diff_from": _latest_before(source_notes, state.last_work),
                "diff_to": source_notes[0]["revision_id"] if source_notes else None,
            }
        page._change_info = (last_change, stale_translation)


class ChangeAPIMixin(TranslationAPIMixin):
    """API fields ``last_change`` and ``stale_translation`` of a guidance page."""

    batched_api_fields = (*TranslationAPIMixin.batched_api_fields, "last_change", "stale_translation")

    @classmethod
    def prefetch_api_info(cls, pages: list[Page]) -> None:
        super().prefetch_api_info(pages)
        prefetch_change_info(pages)

    def _changes(self) -> tuple[dict | None, dict | None]:
        info = getattr(self, "_change_info", None)
        if info is None:
            prefetch_change_info([self])
            info = self._change_info
        return info

    @property
    def last_change(self) -> dict | None:
        """The page's latest public version: ``{"version", "date", "kind", "note"}``, or None."""
        return self._changes()[0]

    @property
    def stale_translation(self) -> dict | None:
        """None unless the page is a translation that is outdated, partly or not translated; then its
        status, since when, the live English page and the English public versions to diff (``diff_from``:
        the one the translation followed, ``diff_to``: the latest)."""
        return self._changes()[1]


CHANGE_API_FIELDS = [APIField("last_change"), APIField("stale_translation")]
