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

from feedback.discussions.errors import DiscussionError
from feedback.models import Discussion, DiscussionExtension, DiscussionQuestion
from feedback.shared_facts import share_with_translations, source_of


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
