"""Flags and moderation: members flag comments (a moderator's flag, or enough trusted flags, hide one until a
moderator decides), moderators approve, hide or remove comments and dismiss one account's flag wave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import ModelLogEntry

from django_comments.models import CommentFlag

from cms.accounts import roles
from cms.accounts.quota import Quota
from cms.headless import freshness
from feedback.comment_visibility import public_comments
from feedback.discussions.audit import log_action
from feedback.discussions.errors import DiscussionError
from feedback.discussions.posting import notify_after_commit
from feedback.models import DiscussionComment, ModerationState

FLAGS = Quota("discussion-flags", per="hour")

MODERATION_ACTIONS = {
    "approve": ModerationState.APPROVED,
    "hide": ModerationState.HIDDEN,
    "remove": ModerationState.REMOVED,
}
# Audit log actions (registered in wagtail_hooks.py).
LOG_ACTIONS = {
    ModerationState.APPROVED: "gcm.comment.approve",
    ModerationState.HIDDEN: "gcm.comment.hide",
    ModerationState.REMOVED: "gcm.comment.remove",
}


def is_moderator(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and user.has_perm("feedback.moderate_discussioncomment")


def trusted_flaggers(now: datetime | None = None) -> Q:
    """The accounts whose flags can hide a comment, as a ``Q`` on users: Champions, moderators and members
    with a verified e-mail address whose account is DISCUSSION_FLAG_TRUST_DAYS old. Flags of newer or
    unverified accounts still bring the comment to the moderators, but a handful of fresh sign-ups cannot hide
    a discussion by themselves (issue 11: three new accounts hid 58 threads in 30 s)."""
    now = now or timezone.now()
    established = now - timedelta(days=settings.DISCUSSION_FLAG_TRUST_DAYS)
    return (
        Q(is_superuser=True)
        | Q(groups__name__in=[roles.CHAMPIONS, roles.MODERATORS])
        | Q(date_joined__lte=established, emailaddress__verified=True)
    )


def _open_flags(comment: DiscussionComment) -> QuerySet[CommentFlag]:
    # Flags count from the last moderator decision: an approval answers the flags before it.
    flags = comment.flags.filter(flag=CommentFlag.SUGGEST_REMOVAL)
    if comment.moderated_at:
        flags = flags.filter(flag_date__gt=comment.moderated_at)
    return flags


def _flags_hide(comment: DiscussionComment) -> bool:
    """Whether the comment's open flags hide it: a moderator's, or DISCUSSION_FLAGS_TO_HIDE trusted ones."""
    flaggers = get_user_model()._default_manager.filter(pk__in=_open_flags(comment).values("user"))
    # is_moderator's permission, as one query over the flaggers
    moderator_perm = Permission.objects.filter(
        codename="moderate_discussioncomment", content_type__app_label="feedback"
    )
    if flaggers.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__in=moderator_perm)
        | Q(user_permissions__in=moderator_perm),
        is_active=True,
    ).exists():
        return True
    trusted = flaggers.filter(trusted_flaggers()).distinct().count()
    return trusted >= settings.DISCUSSION_FLAGS_TO_HIDE


def _flag_throttle(user: AbstractBaseUser, now: datetime) -> None:
    """At most DISCUSSION_FLAGS_PER_HOUR new flags per account and clock hour (moderators are not limited)."""
    if FLAGS.exhausted(user.pk, settings.DISCUSSION_FLAGS_PER_HOUR, now):
        raise DiscussionError(
            _(
                "You have flagged many comments in a short time. The moderators are looking at them; "
                "you can flag again in an hour."
            ),
            429,
        )


@transaction.atomic
def flag(user: AbstractBaseUser, comment: DiscussionComment, now: datetime | None = None) -> bool:
    """``user`` flags a public comment; returns whether it is now hidden. One moderator's flag, or
    DISCUSSION_FLAGS_TO_HIDE flags of trusted members (``trusted_flaggers``), hide it until a moderator
    decides; any flag puts it in the moderation queue. Each account may flag DISCUSSION_FLAGS_PER_HOUR
    comments an hour."""
    now = now or timezone.now()
    if not user.is_authenticated:
        raise DiscussionError(_("Sign in to flag a comment."), 401)
    if not public_comments().filter(pk=comment.pk).exists():
        raise DiscussionError(_("This comment does not exist."), 404)
    moderator = is_moderator(user)
    already = CommentFlag.objects.filter(
        user=user, comment=comment, flag=CommentFlag.SUGGEST_REMOVAL
    ).exists()
    if not already and not moderator:
        _flag_throttle(user, now)
    _flag, created = CommentFlag.objects.get_or_create(
        user=user, comment=comment, flag=CommentFlag.SUGGEST_REMOVAL, defaults={"flag_date": now}
    )
    if created:
        comment.flag_count = _open_flags(comment).count()
        comment.save(update_fields=["flag_count"])
        log_action(comment, "gcm.comment.flag", user)
        if not moderator:
            FLAGS.spend(user.pk, now)
    if moderator or _flags_hide(comment):
        _set_state(comment, ModerationState.HIDDEN, str(_("Hidden after flags.")), None)
        return True
    return False


def _hidden_by_flags(comment: DiscussionComment) -> bool:
    """Whether the comment is hidden because of flags, not by a moderator's decision: its last moderation
    entry in the audit log is a hide without a user (``flag`` hides on nobody's behalf)."""
    if comment.moderation_state != ModerationState.HIDDEN:
        return False
    last = (
        ModelLogEntry.objects.for_instance(comment)
        .filter(action__in=list(LOG_ACTIONS.values()))
        .order_by("-timestamp", "-pk")
        .first()
    )
    return last is not None and last.action == LOG_ACTIONS[ModerationState.HIDDEN] and last.user_id is None


@dataclass
class DismissedFlags:
    flags: int
    restored: list[DiscussionComment]


@transaction.atomic
def dismiss_flags_by(moderator: AbstractBaseUser, flagger: AbstractBaseUser) -> DismissedFlags:
    """A moderator answers a flag wave in one action: every flag ``flagger`` has placed is withdrawn (the
    audit log keeps them), and each comment that their flags hid and the remaining flags would not hide is
    public again. Comments a moderator hid stay as they are."""
    if not is_moderator(moderator):
        raise DiscussionError(_("Only moderators may moderate comments."), 403)
    flags = CommentFlag.objects.filter(user=flagger, flag=CommentFlag.SUGGEST_REMOVAL)
    comment_ids = list(flags.values_list("comment_id", flat=True))
    comments = list(DiscussionComment.objects.filter(pk__in=comment_ids).select_related("page"))
    hidden_by_flags = {comment.pk for comment in comments if _hidden_by_flags(comment)}
    count = flags.count()
    flags.delete()
    restored = []
    for comment in comments:
        log_action(comment, "gcm.comment.flags_dismissed", moderator, flagger=flagger.pk)
        if comment.pk in hidden_by_flags and not _flags_hide(comment):
            _set_state(
                comment, ModerationState.APPROVED, str(_("Flags by one account were dismissed.")), moderator
            )
            restored.append(comment)
        else:
            comment.flag_count = _open_flags(comment).count()
            comment.save(update_fields=["flag_count"])
    return DismissedFlags(flags=count, restored=restored)


def _set_state(comment: DiscussionComment, state: str, reason: str, user: AbstractBaseUser | None) -> None:
    was_public = comment.moderation_state == ModerationState.APPROVED and comment.is_public
    comment.moderation_state = state
    comment.moderation_reason = reason
    if user is not None:
        # A moderator's decision answers the flags before it; hiding after flags (nobody's decision) does
        # not, so the flags that hid the comment still count when one account's flags are dismissed.
        comment.moderated_at = timezone.now()
    comment.is_public = state == ModerationState.APPROVED
    if state == ModerationState.APPROVED:
        comment.flag_count = 0  # the moderator has answered the flags; the queue no longer lists it
    comment.is_removed = state == ModerationState.REMOVED
    comment.save()
    log_action(comment, LOG_ACTIONS[state], user, reason=reason)
    if was_public or comment.is_public:
        freshness.comments_changed(comment.page)
    if state == ModerationState.APPROVED and not was_public and comment.level > 0:
        notify_after_commit(comment)


@transaction.atomic
def moderate(
    user: AbstractBaseUser, comment: DiscussionComment, action: str, reason: str = ""
) -> DiscussionComment:
    """A moderator approves, hides or removes (with a reason) a comment."""
    if not is_moderator(user):
        raise DiscussionError(_("Only moderators may moderate comments."), 403)
    state = MODERATION_ACTIONS.get(action)
    if state is None:
        raise DiscussionError(_("Unknown moderation action."), 400)
    reason = (reason or "").strip()
    if state == ModerationState.REMOVED and not reason:
        raise DiscussionError(_("Say why the comment is removed."), 422)
    if comment.moderation_state == ModerationState.REMOVED:
        raise DiscussionError(_("This comment was removed."), 409)
    _set_state(comment, state, reason, user)
    return comment
