"""The kind and public note of each revision of a guidance page: recorded when an editor saves it, completed
when it goes live, whatever published it (admin, workflow approval, scheduled publish, a script).

A revision is a *public version* once published as the page's first publication (``original``) or with a
substantive note; minor changes never are."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail_localize.models import TranslationSource

from guidance_pages.models.change_status import public_notes  # noqa: F401  (re-exported for history)
from guidance_pages.models.editions import ChangeKind, ChangeNote

LOG_ACTION = "guidance_pages.change_note"


def record_change(revision: Revision, kind: str, note: str) -> ChangeNote | None:
    """Store the kind and note an editor gave for ``revision``.

    Nothing is stored when no kind was given (a plain draft save, a first publication): ``mark_published``
    decides then. The admin may call this after the revision went live (an approver's edit is published
    before Wagtail's ``after_edit_page`` hook runs), so a substantive note recorded on a published revision
    has the effects of a substantive publication at once."""
    if not kind:
        return None
    if kind not in (ChangeKind.SUBSTANTIVE, ChangeKind.MINOR):
        raise ValueError(f"Unknown kind of change: {kind!r}")
    note = note.strip() if kind == ChangeKind.SUBSTANTIVE else ""
    with transaction.atomic():
        existing = ChangeNote.objects.select_for_update().filter(pk=revision.pk).first()
        if existing is not None and existing.kind == ChangeKind.ORIGINAL:
            # The first publication stays the original; its note may still say something.
            if existing.note != note and note:
                existing.note = note
                existing.save(update_fields=["note"])
            return existing
        if existing is not None and (existing.kind, existing.note) == (kind, note):
            return existing
        change, _created = ChangeNote.objects.update_or_create(
            revision=revision, defaults={"page_id": revision.object_id, "kind": kind, "note": note}
        )
        if change.published_at is not None:
            _published(change, revision)
    return change


def mark_published(revision: Revision) -> ChangeNote:
    """Complete the revision's change note as it goes live; create it if no editor gave one: ``original``
    for the page's first publication, else ``minor`` (a script or a scheduled publish says nothing public)."""
    page_id = int(revision.object_id)
    now = timezone.now()
    with transaction.atomic():
        change = ChangeNote.objects.select_for_update().filter(pk=revision.pk).first()
        if _is_first_publication(page_id, revision):
            kind = ChangeKind.ORIGINAL
        else:
            kind = change.kind if change is not None else ChangeKind.MINOR
        if change is None:
            change = ChangeNote(revision=revision, page_id=page_id, note="")
        elif change.published_at is not None:
            return change  # published again (a revert publishes a new revision; this is a replay)
        change.kind = kind
        change.published_at = now
        change.save()
        _published(change, revision)
    return change


def _is_first_publication(page_id: int, revision: Revision) -> bool:
    earlier = ChangeNote.objects.filter(page_id=page_id, published_at__isnull=False).exclude(pk=revision.pk)
    if earlier.exists():
        return False
    # Pages published before change notes existed have no row: Wagtail sets first_published_at and
    # last_published_at to one moment only on the first publication.
    first, last = Page.objects.filter(pk=page_id).values_list("first_published_at", "last_published_at").get()
    return first is None or first == last


def _published(change: ChangeNote, revision: Revision) -> None:
    if change.kind == ChangeKind.MINOR:
        return
    page = Page.objects.select_related("locale").get(pk=change.page_id)
    log(
        instance=page,
        action=LOG_ACTION,
        revision=revision,
        data={"kind": change.kind, "note": change.note},
    )
    if change.kind == ChangeKind.SUBSTANTIVE:
        outdate_translations(page, change.published_at)


def outdate_translations(page: Page, since) -> None:
    """Refresh the English page's wagtail-localize source now, so that its translations read as outdated on
    the next request (``cms.i18n.translation_status``) without waiting for a manual "Sync translated pages".
    Only the extraction is done; the translated pages are not re-rendered (that stays the translators'
    sync)."""
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return
    source.update_from_db()
    # Outdated since the publication, not since this extraction a few milliseconds later.
    TranslationSource.objects.filter(pk=source.pk).update(last_updated_at=since)
