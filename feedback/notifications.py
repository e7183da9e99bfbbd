"""Follow-up e-mails: when a reply becomes public, everyone who follows the thread (opted in with
``follow`` on one of their comments in it) hears of it, in their language, except the reply's author.
Enqueued after the transaction commits; the mail goes through the queued backend (cms/background/mail.py)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from django_tasks import task

from cms.headless.frontend import frontend_path
from cms.models import public_name
from feedback.comment_visibility import public_comments
from feedback.models import DiscussionComment


def _language(user, fallback: str) -> str:
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).get_preferred_language() or fallback or settings.LANGUAGE_CODE


@task()
def notify_followers(comment_id: int) -> int:
    """Mail the followers of ``comment_id``'s thread; returns how many were mailed."""
    reply = (
        public_comments()
        .select_related("user__account_profile", "discussion", "page__locale")
        .filter(pk=comment_id)
        .first()
    )
    if reply is None:
        return 0
    followers = (
        DiscussionComment.objects.filter(thread_id=reply.thread_id, followup=True, user__is_active=True)
        .exclude(user_id=reply.user_id)
        .exclude(user__email="")
        .select_related("user__account_profile")
        .order_by("submit_date")
    )
    mailed: set[int] = set()
    for follower in followers:
        user = follower.user
        if user is None or user.pk in mailed:
            continue
        mailed.add(user.pk)
        with translation.override(_language(user, follower.language)):
            context = {
                "recipient_name": public_name(user),
                "author": public_name(reply.user),
                "discussion": reply.discussion.title,
                "page": reply.page.title,
                "body": reply.comment,
                "url": settings.FRONTEND_URL.rstrip("/") + frontend_path(reply.page) + f"#comment-{reply.pk}",
            }
            subject = _("[GCM] New reply in “%(discussion)s”") % {"discussion": reply.discussion.title[:80]}
            body = render_to_string("feedback/email/reply.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(mailed)
