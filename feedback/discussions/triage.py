"""Triage: editors say what happened to a top-level comment (under consideration, addressed in a revision of
the page, not taken up), and who may export the feedback."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import Revision

from cms.headless import freshness
from feedback.discussions.audit import log_action
from feedback.discussions.errors import DiscussionError
from feedback.models import DiscussionComment, TriageStatus


def is_triager(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and user.has_perm("feedback.triage_discussioncomment")


def can_export(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and user.has_perm("feedback.export_discussioncomment")


def page_revisions(page_id: int) -> QuerySet[Revision]:
    return Revision.page_revisions.filter(object_id=str(page_id)).order_by("-created_at")


@transaction.atomic
def triage(
    user: AbstractBaseUser,
    comment: DiscussionComment,
    status: str,
    response: str = "",
    revision_id: int | None = None,
) -> DiscussionComment:
    """An editor says what happened to a top-level comment; "addressed" names the revision of the same page
    that addressed it."""
    if not is_triager(user):
        raise DiscussionError(_("Only editors may triage feedback."), 403)
    if comment.level != 0:
        raise DiscussionError(_("Only top-level comments are triaged."), 422)
    if status not in TriageStatus.values:
        raise DiscussionError(_("Unknown status."), 422)
    revision = None
    if status == TriageStatus.ADDRESSED:
        if not revision_id:
            raise DiscussionError(_("Pick the revision of the page that addressed this comment."), 422)
        revision = page_revisions(comment.page_id).filter(pk=revision_id).first()
        if revision is None:
            raise DiscussionError(_("That revision is not a revision of the commented page."), 422)
    comment.status = status
    comment.editor_response = (response or "").strip()[:4000]
    comment.addressed_revision = revision
    comment.save()
    log_action(
        comment,
        "gcm.comment.triage",
        user,
        status=status,
        response=comment.editor_response,
        revision=revision.pk if revision else None,
    )
    freshness.comments_changed(comment.page)
    return comment
