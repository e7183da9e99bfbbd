"""Posting: who may post in a discussion and when, and posting a comment or a reply (checked body, target
page, question and paragraph, thread depth, rate limit). Replies notify the thread's followers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from allauth.account.models import EmailAddress

from cms.accounts import roles
from cms.accounts.quota import Quota
from cms.headless import freshness
from cms.models import country_of, public_name
from feedback.comment_visibility import public_comments, public_pages
from feedback.discussions.errors import DiscussionError
from feedback.models import (
    Audience,
    Discussion,
    DiscussionComment,
    DiscussionQuestion,
    ModerationMode,
    ModerationState,
)
from feedback.notifications import notify_followers


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
        notify_after_commit(comment)
    return comment


def notify_after_commit(comment: DiscussionComment) -> None:
    """Tell the thread's followers about a public reply once the transaction that made it public commits."""
    transaction.on_commit(lambda: notify_followers.enqueue(comment.pk))


def reply(user: AbstractBaseUser, parent: DiscussionComment, body: str, **options) -> DiscussionComment:
    return post(user, parent.discussion, parent.page_id, body, parent_id=parent.pk, **options)


def author_country(comment: DiscussionComment) -> str:
    return country_of(comment.user)
