"""How a page's translation stands against its source, and where its other-language versions live.

Computed from wagtail-localize's own records, for any number of pages in a constant number of queries
(API listings and the admin report use the same functions):

- ``TranslationSource.last_updated_at``: when the English content was last extracted, i.e. created or
  synced ("Sync translated pages" calls ``update_from_db()``).
- The translation's own work: the newest ``StringTranslation.updated_at`` of the page in that locale
  (the translation editor, PO upload and machine translation all write it), ``Translation.created_at`` when
  nothing was translated yet, and ``Translation.translations_last_updated_at``. wagtail-localize 1.14
  declares that field but never writes it; it is read in case a later version does.
  Saving or publishing the target page is deliberately not "work": sync-and-publish re-renders the page
  with the new English segments as fallback, which is exactly the state a reader should be warned about.
  Once a translation is stopped (edited as a normal page), publishing the page does count.

Statuses: ``source`` (a page in the default language), ``not_translated`` (no wagtail-localize translation
or not a single translated segment: the page shows source text), ``outdated`` (the source was extracted
after the translation's last work; ``outdated_since`` says when), ``partly_translated`` (some but not all of
the source's current segments translated: the rest shows in the source language), ``machine_translated``
(current segments translated by a machine and not yet reviewed), else ``up_to_date``.

A substantive change to a guidance page refreshes its source at once (``guidance_pages.history.notes``), so
its translations read as outdated on the next request without a manual sync.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q

from wagtail.api import APIField
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.headless.frontend import frontend_path

SOURCE = "source"
UP_TO_DATE = "up_to_date"
OUTDATED = "outdated"
MACHINE_TRANSLATED = "machine_translated"
NOT_TRANSLATED = "not_translated"
PARTLY_TRANSLATED = "partly_translated"
STATUSES = (SOURCE, UP_TO_DATE, OUTDATED, PARTLY_TRANSLATED, MACHINE_TRANSLATED, NOT_TRANSLATED)


@dataclass(frozen=True)
class TranslationState:
    status: str
    outdated_since: datetime | None = None
    translation_id: int | None = None  # wagtail-localize Translation, for admin links
    last_work: datetime | None = None  # the translators' last work, to find the source version it followed


def _latest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def translation_states(pages: Iterable[Page]) -> dict[int, TranslationState]:
    """The translation state of each page, by page id, in four queries whatever the number of pages."""
    pages = list(pages)
    # Locale ids, not page.locale: that would be a query per page that was not fetched with its locale.
    default_locale_ids = set(
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True)
    )
    targets = [page for page in pages if page.locale_id not in default_locale_ids]
    states = {page.pk: TranslationState(SOURCE) for page in pages if page.locale_id in default_locale_ids}
    if not targets:
        return states
    keys = {page.translation_key for page in targets}
    locale_ids = {page.locale_id for page in targets}

    # Query 1: the translations of these objects into these locales, with their source. Should a page also
    # have been translated from another translation (French into Spanish), the English source wins.
    translations = {}
    for translation in Translation.objects.filter(
        source__object_id__in=keys, target_locale_id__in=locale_ids
    ).select_related("source"):
        key = (translation.source.object_id, translation.target_locale_id)
        if key not in translations or translation.source.locale_id in default_locale_ids:
            translations[key] = translation
    # Query 2: per object and locale, the last translation work and how many current segments a machine did.
    current_segment = StringSegment.objects.filter(
        context_id=OuterRef("context_id"), string_id=OuterRef("translation_of_id")
    )
    work = {
        (row["context__object_id"], row["locale_id"]): row
        for row in StringTranslation.objects.filter(context__object_id__in=keys, locale_id__in=locale_ids)
        .annotate(is_current=Exists(current_segment))
        .values("context__object_id", "locale_id")
        .annotate(
            last_work=Max("updated_at"),
            current=Count("pk", filter=Q(is_current=True)),
            machine=Count(
                "pk",
                filter=Q(is_current=True, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE),
            ),
        )
    }

    # Query 3: how many segments each source has now, to tell a partial translation from a complete one.
    segment_counts = dict(
        StringSegment.objects.filter(source_id__in={t.source_id for t in translations.values()})
        .values("source_id")
        .annotate(count=Count("pk"))
        .values_list("source_id", "count")
    )

    for page in targets:
        translation = translations.get((page.translation_key, page.locale_id))
        done = work.get((page.translation_key, page.locale_id), {})
        if translation is None or not done.get("current"):
            states[page.pk] = TranslationState(
                NOT_TRANSLATED, translation_id=getattr(translation, "pk", None)
            )
            continue
        last_work = _latest(
            translation.created_at, translation.translations_last_updated_at, done.get("last_work")
        )
        if not translation.enabled:
            # "Stop translation" hands the page to the normal editor: publishing it is now the translators'
            # work (while enabled, publishing only re-renders the segments, see above).
            last_work = _latest(last_work, getattr(page, "last_published_at", None))
        changed = translation.source.last_updated_at
        if last_work is not None and changed > last_work:
            status, since = OUTDATED, changed
        elif translation.enabled and done["current"] < segment_counts.get(translation.source_id, 0):
            # A stopped translation is edited as a normal page: its segments no longer tell what is done.
            status, since = PARTLY_TRANSLATED, None
        elif done.get("machine"):
            status, since = MACHINE_TRANSLATED, None
        else:
            status, since = UP_TO_DATE, None
        states[page.pk] = TranslationState(status, since, translation.pk, last_work)
    return states


def other_language_versions(pages: Iterable[Page]) -> dict[int, list[dict]]:
    """For hreflang: each page's live, public versions in the other languages, in one query (plus Wagtail's
    view-restriction look-up)."""
    pages = list(pages)
    versions = (
        Page.objects.live()
        .public()
        .filter(translation_key__in={page.translation_key for page in pages})
        .select_related("locale")
        .only("id", "url_path", "translation_key", "locale__language_code")
        .order_by("locale__language_code")
    )
    by_key: dict = {}
    for version in versions:
        by_key.setdefault(version.translation_key, []).append(version)
    return {
        page.pk: [
            {"locale": version.locale.language_code, "id": version.pk, "path": frontend_path(version)}
            for version in by_key.get(page.translation_key, [])
            if version.pk != page.pk
        ]
        for page in pages
    }


class TranslationAPIMixin:
    """API fields ``translations``, ``translation_status`` and ``outdated_since`` for a page.

    A listing fills ``_translation_info`` for its whole page of results at once
    (``prefetch_translation_info``), so it costs the queries of one detail view; a lone page computes its own.
    A model that adds batched fields names them in ``batched_api_fields`` and fills them in
    ``prefetch_api_info``.
    """

    batched_api_fields: tuple[str, ...] = ("translations", "translation_status", "outdated_since")

    @classmethod
    def prefetch_api_info(cls, pages: list[Page]) -> None:
        prefetch_translation_info(pages)

    def _info(self) -> tuple[list[dict], TranslationState]:
        info = getattr(self, "_translation_info", None)
        if info is None:
            prefetch_translation_info([self])
            info = self._translation_info
        return info

    @property
    def translations(self) -> list[dict]:
        return self._info()[0]

    @property
    def translation_status(self) -> str:
        return self._info()[1].status

    @property
    def outdated_since(self) -> str | None:
        since = self._info()[1].outdated_since
        return since.isoformat() if since else None


def prefetch_translation_info(pages: Iterable[Page]) -> None:
    pages = list(pages)
    versions = other_language_versions(pages)
    states = translation_states(pages)
    for page in pages:
        page._translation_info = (versions[page.pk], states[page.pk])


TRANSLATION_API_FIELDS = [
    APIField("translations"),
    APIField("translation_status"),
    APIField("outdated_since"),
]
