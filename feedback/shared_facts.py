"""The facts a discussion shares with its translations (issue 15), applied by ``Discussion.save()``:
see ``feedback.discussions.sharing`` for the rules as a whole.

Apart from the ``discussions`` package because ``feedback.models`` calls it: it reaches the models through
the discussion it is given, never by importing them, so the models import it without a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from wagtail.models import Locale

if TYPE_CHECKING:
    from feedback.models import Discussion

SHARED_FIELDS = ("opens_at", "closes_at", "audience", "moderation")
# Per row model: the fields that are one fact for all languages, and the translated text.
# Keyed by the discussion's relation to the rows.
SHARED_ROWS: dict[str, tuple[tuple[str, ...], str]] = {
    "questions": (("posted_at", "sort_order"), "text"),
    "extensions": (("closes_at", "decided_on", "sort_order"), "reason"),
}


def source_of(discussion: Discussion) -> Discussion | None:
    """The discussion of the family (same ``translation_key``) that owns the shared facts: the one in the
    default language, else the oldest. None for a discussion not saved yet that has no family."""
    family = list(type(discussion).objects.filter(translation_key=discussion.translation_key).order_by("pk"))
    if not family:
        return None
    default = Locale.get_default()
    return next((row for row in family if row.locale_id == default.pk), family[0])


def before_save(discussion: Discussion) -> None:
    """A translation takes the shared facts of its source; the source takes the closing date of an
    extension recorded with this save (recording one is what moves ``closes_at``)."""
    source = source_of(discussion)
    if source is not None and source.pk != discussion.pk:
        for field in SHARED_FIELDS:
            setattr(discussion, field, getattr(source, field))
        return
    # In-memory rows of the admin's inline (modelcluster) or of extend(): those without a pk are new.
    recorded = [row for row in discussion.extensions.all() if row.pk is None]
    if recorded:
        discussion.closes_at = max(recorded, key=lambda row: (row.decided_on, row.closes_at)).closes_at


def share_with_translations(discussion: Discussion) -> None:
    """Writes the source's shared facts and question and extension rows to every translation. Rows are
    matched by ``translation_key``; a row missing in a language is created with the source's text (marked
    untranslated), a row the source no longer has is deleted unless comments were posted on it."""
    source = source_of(discussion)
    if source is None:
        return
    discussions = type(source).objects
    translations = list(discussions.filter(translation_key=source.translation_key).exclude(pk=source.pk))
    if not translations:
        return
    # A queryset update: saving each translation would share again, and the purge of this save already
    # covers every language (cms.headless.freshness.discussion_changed).
    discussions.filter(pk__in=[t.pk for t in translations]).update(
        **{field: getattr(source, field) for field in SHARED_FIELDS}
    )
    for relation, (shared, text) in SHARED_ROWS.items():
        model = source._meta.get_field(relation).related_model
        _share_rows(model, shared, text, source, translations, protected=relation == "questions")


def _share_rows(
    model: type[models.Model],
    shared: tuple[str, ...],
    text: str,
    source: Discussion,
    translations: list[Discussion],
    *,
    protected: bool,
) -> None:
    rows = list(model.objects.filter(discussion=source).order_by("sort_order", "pk"))
    keys = {row.translation_key for row in rows}
    theirs = model.objects.filter(discussion__in=translations)
    existing = {(row.discussion_id, row.translation_key): row for row in theirs}
    created, changed = [], []
    for translation in translations:
        for row in rows:
            mine = existing.get((translation.pk, row.translation_key))
            if mine is None:
                created.append(
                    model(
                        discussion_id=translation.pk,
                        locale_id=translation.locale_id,
                        translation_key=row.translation_key,
                        untranslated=True,
                        **{text: getattr(row, text)},
                        **{field: getattr(row, field) for field in shared},
                    )
                )
                continue
            stale = [field for field in shared if getattr(mine, field) != getattr(row, field)]
            # A copy whose text a translator (or wagtail-localize's sync) has since replaced is translated.
            if mine.untranslated and getattr(mine, text) != getattr(row, text):
                mine.untranslated = False
                stale.append("untranslated")
            if stale:
                for field in shared:
                    setattr(mine, field, getattr(row, field))
                changed.append(mine)
    model.objects.bulk_create(created)
    if changed:
        model.objects.bulk_update(changed, [*shared, "untranslated"])
    gone = theirs.exclude(translation_key__in=keys)
    if protected:
        # Comments protect their question (on_delete=PROTECT): such a row stays, hidden nowhere, so no
        # comment loses the question it answered.
        gone = gone.filter(comments__isnull=True)
    gone.delete()
