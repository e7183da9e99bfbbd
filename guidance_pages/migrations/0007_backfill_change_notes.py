"""Give the revisions that went live before change notes existed their ChangeNote, so an existing database's
history starts with each page's first publication (``original``). Later publications get ``minor``: nobody
wrote a public note for them, so none is invented and none is listed publicly.

Read from Wagtail's audit log (one ``wagtail.publish`` entry per publication, with its revision); a live page
without such an entry (content loaded by a script before the audit log) gets its live revision as original."""

from django.db import migrations

GUIDANCE_MODELS = ["homepage", "guidepage", "chapterpage", "steppage", "bookletpage", "objectivepage"]


def backfill(apps, schema_editor):
    ChangeNote = apps.get_model("guidance_pages", "ChangeNote")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(app_label="guidance_pages", model__in=GUIDANCE_MODELS)
    noted = set(ChangeNote.objects.values_list("revision_id", flat=True))
    seen_pages: set[int] = set()
    notes = []
    entries = (
        PageLogEntry.objects.filter(
            content_type__in=types, action="wagtail.publish", revision__isnull=False, page__isnull=False
        )
        .order_by("page_id", "timestamp", "pk")
        .values_list("page_id", "revision_id", "timestamp")
    )
    for page_id, revision_id, timestamp in entries:
        first = page_id not in seen_pages
        seen_pages.add(page_id)
        if revision_id in noted:
            continue
        noted.add(revision_id)
        notes.append(
            ChangeNote(
                revision_id=revision_id,
                page_id=page_id,
                kind="original" if first else "minor",
                note="",
                published_at=timestamp,
            )
        )
    unlogged = (
        Page.objects.filter(content_type__in=types, live=True, live_revision__isnull=False)
        .exclude(pk__in=seen_pages)
        .values_list("pk", "live_revision_id", "first_published_at", "last_published_at")
    )
    for page_id, revision_id, first_published_at, last_published_at in unlogged:
        if revision_id in noted:
            continue
        noted.add(revision_id)
        notes.append(
            ChangeNote(
                revision_id=revision_id,
                page_id=page_id,
                kind="original",
                note="",
                published_at=last_published_at or first_published_at,
            )
        )
    ChangeNote.objects.bulk_create(notes, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("guidance_pages", "0006_editions_and_change_notes"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
