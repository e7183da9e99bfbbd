"""Which comments and pages anyone may read: the rule the discussion services, the API and the follower
notifications share (here, below all of them, so that none imports another for it)."""

from django.db.models import QuerySet

from wagtail.models import Page

from feedback.models import DiscussionComment, ModerationState


def public_pages() -> QuerySet[Page]:
    """Pages whose comments anyone may read: live and without a view restriction."""
    return Page.objects.live().public()


def public_comments() -> QuerySet[DiscussionComment]:
    """Comments anyone may read: approved by the rules and by xtd (a hidden comment hides its replies),
    not removed, on a live public page."""
    return DiscussionComment.objects.filter(
        moderation_state=ModerationState.APPROVED,
        is_public=True,
        is_removed=False,
        page__in=public_pages(),
    )
