"""The rules of discussions, as plain functions: who may post, posting and replying, flags, moderation,
triage, and which comments are public. The API (``discussions_api.py``) and the admin views call these;
nothing here runs from a signal.

Comments are django-comments-xtd comments (``DiscussionComment``): xtd keeps the thread order and depth;
this module decides everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Page, Revision

from allauth.account.models import EmailAddress
from django_comments.models import CommentFlag

from cms import freshness, roles
from cms.models import country_of, public_name
from cms.quota import Quota
from guidance_pages.comment_visibility import public_comments, public_pages
from guidance_pages.discussion_notifications import notify_followers
from guidance_pages.models import (
    Audience,
    Discussion,
    DiscussionComment,
    DiscussionQuestion,
    ModerationMode,
    ModerationState,
    TriageStatus,
)


class DiscussionError(Exception):
    """A request the rules refuse; ``status`` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(str(message))
        self.message = message
        self.status = status


def no_avatar(comment) -> str:
    """COMMENTS_XTD_API_GET_USER_AVATAR: no Gravatar (it would send a hash of the e-mail to a third party)."""
    return ""


def max_level() -> int:
    return settings.COMMENTS_XTD_MAX_THREAD_LEVEL


def _date(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def posting_refusal(
    user: AbstractBaseUser | None, discussion: Discussion, now: datetime | None = None
) -> str | None:
    """Why ``user`` may not post in ``discussion`` at ``now``, or None when they may."""
    now = now or timezone.now()
    if user is None or not user.is_authenticated or not user.is_active:
        return str(_("Sign in to take part in the discussion."))
    if now < discussion.opens_at:
        return str(_("This discussion opens on %(date)s.") % {"date": _date(discussion.opens_at)})
    if now >= discussion.closes_at:
        return str(_("This discussion closed on %(date)s.") % {"date": _date(discussion.closes_at)})
    if discussion.audience == Audience.CHAMPIONS and not roles.in_group(user, roles.CHAMPIONS):
        return str(_("Only Champions may post in this discussion."))
    if not user.is_superuser and not EmailAddress.objects.filter(user=user, verified=True).exists():
        return str(_("Verify your e-mail address before taking part."))
    return None


def can_post(user: AbstractBaseUser | None, discussion: Discussion, now: datetime | None = None) -> bool:
    return posting_refusal(user, discussion, now) is None


def _check_body(body: str) -> str:
    text = (body or "").strip()
    if "\x00" in text:
        raise DiscussionError(_("The comment contains a character that is not allowed."), 422)
    if not text:
        raise DiscussionError(_("Write a comment before posting."), 422)
    limit = settings.DISCUSSION_COMMENT_MAX_LENGTH
    if len(text) > limit:
        raise DiscussionError(
            _("A comment can be at most %(limit)s characters long.") % {"limit": limit}, 422
        )
    return text


def block_ids(page: Page) -> set[str]:
    """The ids of the blocks of ``page``'s published body (the page row holds the live content)."""
    body = getattr(page.specific_deferred, "body", None)
    if body is None:
        return set()
    return {block.id for block in body if block.id}


POSTS = Quota("discussion-posts", per="minute")
FLAGS = Quota("discussion-flags", per="hour")


def _throttle(user: AbstractBaseUser, now: datetime) -> None:
    """At most DISCUSSION_POSTS_PER_MINUTE accepted comments per account and minute."""
    if POSTS.exhausted(user.pk, settings.DISCUSSION_POSTS_PER_MINUTE, now):
        raise DiscussionError(
            _("You are posting too fast. Wait a minute, then try again: what you posted so far is saved."),
            429,
        )


@dataclass
class Target:
    """Where a new comment goes, checked."""

    page: Page
    question: DiscussionQuestion
    block_id: str
    parent: DiscussionComment | None


def _target(
    discussion: Discussion,
    page_id: int,
    question_id: int | None,
    block_id: str,
    parent_id: int | None,
    now: datetime,
) -> Target:
    page = public_pages().filter(pk=page_id).first()
    if page is None or not discussion.discussion_pages.filter(page_id=page_id).exists():
        raise DiscussionError(_("This page is not open for comments in this discussion."), 404)
    parent = None
    if parent_id:
        parent = public_comments().filter(pk=parent_id).select_related("question").first()
        if parent is None:
            raise DiscussionError(_("The comment you are replying to does not exist."), 404)
        if parent.page_id != page.pk or parent.discussion_id != discussion.pk:
            raise DiscussionError(_("A reply must be on the same page and discussion as its comment."), 422)
        if parent.level >= max_level():
            raise DiscussionError(
                _("Replies can go %(levels)s levels deep at most.") % {"levels": max_level() + 1}, 422
            )
        return Target(page=page, question=parent.question, block_id=parent.block_id, parent=parent)
    question = (
        discussion.questions.filter(pk=question_id, posted_at__lte=now).first() if question_id else None
    )
    if question is None:
        raise DiscussionError(_("Choose one of the discussion's questions."), 422)
    block_id = (block_id or "").strip()
    if block_id and block_id not in block_ids(page):
        raise DiscussionError(_("The paragraph you comment on is not on the published page."), 422)
    return Target(page=page, question=question, block_id=block_id, parent=None)


@transaction.atomic
def post(
    user: AbstractBaseUser,
    discussion: Discussion,
    page_id: int,
    body: str,
    question_id: int | None = None,
    block_id: str = "",
    parent_id: int | None = None,
    follow: bool = False,
    ip_address: str | None = None,
    now: datetime | None = None,
) -> DiscussionComment:
    """Post a comment (or, with ``parent_id``, a reply) and return it. Public at once in a post-moderated
    discussion, after approval in a pre-moderated one."""
    now = now or timezone.now()
    refusal = posting_refusal(user, discussion, now)
    if refusal:
        raise DiscussionError(refusal, 401 if not user.is_authenticated else 403)
    text = _check_body(body)
    target = _target(discussion, page_id, question_id, block_id, parent_id, now)
    _throttle(user, now)
    public = discussion.moderation == ModerationMode.POST
    comment = DiscussionComment(
        content_type=ContentType.objects.get_for_model(Page),
        object_pk=str(target.page.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=public_name(user)[:50],
        user_email="",  # never shown; the account holds it
        comment=text,
        submit_date=now,
        ip_address=ip_address,
        is_public=public,
        is_removed=False,
        followup=follow,
        parent_id=target.parent.pk if target.parent else 0,
        discussion=discussion,
        question=target.question,
        page=target.page,
        block_id=target.block_id,
        language=discussion.locale.language_code,
        moderation_state=ModerationState.APPROVED if public else ModerationState.PENDING,
    )
    comment.save()
    POSTS.spend(user.pk, now)
    if public:
        freshness.comments_changed(target.page)
    if public and target.parent is not None:
        _notify_after_commit(comment)
    return comment


def reply(user: AbstractBaseUser, parent: DiscussionComment, body: str, **options) -> DiscussionComment:
    return post(user, parent.discussion, parent.page_id, body, parent_id=parent.pk, **options)


def _notify_after_commit(comment: DiscussionComment) -> None:
    transaction.on_commit(lambda: notify_followers.enqueue(comment.pk))


def _log(comment: DiscussionComment, action: str, user: AbstractBaseUser | None, **data) -> None:
    # Wagtail's audit log keeps who did what, with the body at the time: removed content stays on record.
    log(instance=comment, action=action, user=user, data={"body": comment.comment, **data})


def is_moderator(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and user.has_perm("guidance_pages.moderate_discussioncomment")


def is_triager(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and user.has_perm("guidance_pages.triage_discussioncomment")


def can_export(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and user.has_perm("guidance_pages.export_discussioncomment")


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
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    flaggers = get_user_model()._default_manager.filter(pk__in=_open_flags(comment).values("user"))
    # is_moderator's permission, as one query over the flaggers
    moderator_perm = Permission.objects.filter(
        codename="moderate_discussioncomment", content_type__app_label="guidance_pages"
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
        _log(comment, "gcm.comment.flag", user)
        if not moderator:
            FLAGS.spend(user.pk, now)
    if moderator or _flags_hide(comment):
        _set_state(comment, ModerationState.HIDDEN, str(_("Hidden after flags.")), None)
        return True
    return False


def _hidden_by_flags(comment: DiscussionComment) -> bool:
    """Whether the comment is hidden because of flags, not by a moderator's decision: its last moderation
    entry in the audit log is a hide without a user (``flag`` hides on nobody's behalf)."""
    from wagtail.models import ModelLogEntry

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
        _log(comment, "gcm.comment.flags_dismissed", moderator, flagger=flagger.pk)
        if comment.pk in hidden_by_flags and not _flags_hide(comment):
            _set_state(
                comment, ModerationState.APPROVED, str(_("Flags by one account were dismissed.")), moderator
            )
            restored.append(comment)
        else:
            comment.flag_count = _open_flags(comment).count()
            comment.save(update_fields=["flag_count"])
    return DismissedFlags(flags=count, restored=restored)


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
    _log(comment, LOG_ACTIONS[state], user, reason=reason)
    if was_public or comment.is_public:
        freshness.comments_changed(comment.page)
    if state == ModerationState.APPROVED and not was_public and comment.level > 0:
        _notify_after_commit(comment)


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
    _log(
        comment,
        "gcm.comment.triage",
        user,
        status=status,
        response=comment.editor_response,
        revision=revision.pk if revision else None,
    )
    freshness.comments_changed(comment.page)
    return comment


def author_country(comment: DiscussionComment) -> str:
    return country_of(comment.user)
