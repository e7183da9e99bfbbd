"""An existing database's published guidance gets its history: migration 0007 backfills a ChangeNote for
every revision that went live before change notes existed (first publication original, later ones minor)."""

import importlib

from django.apps import apps

from wagtail.models import PageLogEntry

from guidance_pages.models import ChangeKind, ChangeNote
from tests.guidance_pages.factories import ObjectivePageFactory

backfill = importlib.import_module("guidance_pages.migrations.0007_backfill_change_notes").backfill


def test_published_revisions_get_original_then_minor_notes_and_drafts_none(db):
    page = ObjectivePageFactory(objective_number=3)
    page.refresh_from_db()
    first = page.live_revision
    page.title = "Revised once"
    second = page.save_revision()
    second.publish()
    page.title = "A draft nobody published"
    draft = page.save_revision()
    ChangeNote.objects.all().delete()  # the state of a database from before change notes

    backfill(apps, None)
    backfill(apps, None)  # running twice changes nothing

    notes = {note.revision_id: note for note in ChangeNote.objects.filter(page=page)}
    assert set(notes) == {first.pk, second.pk}
    assert notes[first.pk].kind == ChangeKind.ORIGINAL
    assert notes[second.pk].kind == ChangeKind.MINOR
    assert notes[first.pk].note == notes[second.pk].note == ""
    logged = PageLogEntry.objects.get(page=page, action="wagtail.publish", revision=second)
    assert notes[second.pk].published_at == logged.timestamp
    assert draft.pk not in notes


def test_a_live_page_without_audit_log_gets_its_live_revision_as_original(db):
    page = ObjectivePageFactory(objective_number=4)
    page.refresh_from_db()
    PageLogEntry.objects.filter(page=page).delete()
    ChangeNote.objects.all().delete()

    backfill(apps, None)

    note = ChangeNote.objects.get(page=page)
    assert (note.revision_id, note.kind) == (page.live_revision_id, ChangeKind.ORIGINAL)
    assert note.published_at is not None
