"""One discussion in every language (issue 15): its window (opens, closes), extensions, audience, moderation
mode and list of guiding questions are one fact; only the texts (title, introduction, question texts, an
extension's reason) are translated.

The per-language ``Discussion`` rows stay (wagtail-localize translates their texts, comments belong to the
discussion of their language), and every save of any of them runs ``before_save`` and
``share_with_translations`` in the same transaction (``Discussion.save()`` calls them: it is the one call
every writer goes through). The source-language discussion owns the shared facts: a translation's save takes
them from it, so a translation written from an older wagtail-localize snapshot cannot reopen a closed
discussion or drop a question added since. A question or extension missing in a language is created there
with the source's text, marked ``untranslated`` until a translator replaces it.
"""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from feedback.discussions.errors import DiscussionError
from feedback.models import Discussion, DiscussionExtension, DiscussionQuestion

SHARED_FIELDS = ("opens_at", "closes_at", "audience", "moderation")
# Per row model: the fields that are one fact for all languages, and the translated text.
SHARED_ROWS: dict[type[models.Model], tuple[tuple[str, ...], str]] = {
    DiscussionQuestion: (("posted_at", "sort_order"), "text"),
    DiscussionExtension: (("closes_at", "decided_on", "sort_order"), "reason"),
}


def source_of(discussion: Discussion) -> Discussion | None:
    """The discussion of the family (same ``translation_key``) that owns the shared facts: the one in the
    default language, else the oldest. None for a discussion not saved yet that has no family."""
    family = list(Discussion.objects.filter(translation_key=discussion.translation_key).order_by("pk"))
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
    translations = list(
        Discussion.objects.filter(translation_key=source.translation_key).exclude(pk=source.pk)
    )
    if not translations:
        return
    # A queryset update: saving each translation would share again, and the purge of this save already
    # covers every language (cms.headless.freshness.discussion_changed).
    Discussion.objects.filter(pk__in=[t.pk for t in translations]).update(
        **{field: getattr(source, field) for field in SHARED_FIELDS}
    )
    for model, (shared, text) in SHARED_ROWS.items():
        _share_rows(model, shared, text, source, translations)


def _share_rows(
    model: type[models.Model],
    shared: tuple[str, ...],
    text: str,
    source: Discussion,
    translations: list[Discussion],
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
    if model is DiscussionQuestion:
        # Comments protect their question (on_delete=PROTECT): such a row stays, hidden nowhere, so no
        # comment loses the question it answered.
        gone = gone.filter(comments__isnull=True)
    gone.delete()


def may_add_question(user: AbstractBaseUser) -> bool:
    """Moderators pose additional questions during a discussion (the source documents say they will);
    editors, who edit whole discussions, may too."""
    return user.is_authenticated and (
        user.has_perm("feedback.moderate_discussioncomment") or user.has_perm("feedback.change_discussion")
    )


@transaction.atomic
def add_question(
    user: AbstractBaseUser, discussion: Discussion, text: str, now: datetime | None = None
) -> DiscussionQuestion:
    """A new guiding question, posted now, in every language of the discussion at once (the others show
    this text, marked untranslated, until a translator replaces it). Refused once the discussion closed."""
    now = now or timezone.now()
    if not may_add_question(user):
        raise DiscussionError(_("Only moderators and editors may add a question."), status=403)
    text = text.strip()
    if not text:
        raise DiscussionError(_("Write the question."))
    if len(text) > DiscussionQuestion._meta.get_field("text").max_length:
        raise DiscussionError(_("A question is at most 500 characters long."))
    discussion = Discussion.objects.select_for_update().get(pk=discussion.pk)
    if discussion.closes_at <= now:
        raise DiscussionError(_("This discussion is closed: no question can be added."))
    question = DiscussionQuestion(
        discussion=discussion,
        locale_id=discussion.locale_id,
        text=text,
        posted_at=now,
        sort_order=_number_questions(discussion),
    )
    question.save()
    # The question belongs to the family's list of questions wherever it was asked: put it in the source
    # first (then sharing copies it to every other language), unless it was asked there.
    source = source_of(discussion)
    if source is not None and source.pk != discussion.pk:
        DiscussionQuestion.objects.bulk_create(
            [
                DiscussionQuestion(
                    discussion=source,
                    locale_id=source.locale_id,
                    translation_key=question.translation_key,
                    text=text,
                    posted_at=now,
                    sort_order=question.sort_order,
                    untranslated=True,
                )
            ]
        )
    share_with_translations(source or discussion)
    return question


def _number_questions(discussion: Discussion) -> int:
    """Gives every question of the discussion's family its place (rows written in code, such as the demo's,
    have none, and databases sort a missing place first or last as they please) and returns the next one."""
    family = Discussion.objects.filter(translation_key=discussion.translation_key)
    count = 0
    for member in family:
        rows = list(
            DiscussionQuestion.objects.filter(discussion=member).order_by(
                models.F("sort_order").asc(nulls_first=True), "pk"
            )
        )
        for place, row in enumerate(rows):
            row.sort_order = place
        DiscussionQuestion.objects.bulk_update(rows, ["sort_order"])
        count = max(count, len(rows))
    return count


@transaction.atomic
def extend(discussion: Discussion, closes_at: datetime, reason: str = "", decided_on: date | None = None):
    """Records an extension of the discussion (and so of every language's): its closing date moves."""
    source = source_of(discussion) or discussion
    if closes_at <= source.opens_at:
        raise DiscussionError(_("An extension must end after the discussion opens."))
    extension = DiscussionExtension(
        closes_at=closes_at,
        reason=reason,
        decided_on=decided_on or timezone.localdate(),
        locale_id=source.locale_id,
    )
    # Through the discussion's own save, as the admin's inline does, so the same path shares it.
    source.extensions.add(extension)
    source.save()
    return extension
