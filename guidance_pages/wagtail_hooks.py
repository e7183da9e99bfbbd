from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail_modeladmin.options import modeladmin_register

from guidance_pages.admin import DiscussionAdmin, GuidanceTaxonomiesGroup
from guidance_pages.discussion_views import export
from guidance_pages.discussion_viewsets import DiscussionCommentPolicy, ModerationViewSet, TriageViewSet
from guidance_pages.models import DiscussionComment

modeladmin_register(GuidanceTaxonomiesGroup)
modeladmin_register(DiscussionAdmin)


@hooks.register("register_log_actions")
def discussion_log_actions(actions) -> None:
    """Audit-log entries of comment moderation and triage (guidance_pages/discussions/)."""
    actions.register_action("gcm.comment.approve", _("Approve comment"), _("Comment approved"))
    actions.register_action("gcm.comment.hide", _("Hide comment"), _("Comment hidden"))
    actions.register_action("gcm.comment.remove", _("Remove comment"), _("Comment removed"))
    actions.register_action("gcm.comment.flag", _("Flag comment"), _("Comment flagged"))
    actions.register_action("gcm.comment.triage", _("Triage feedback"), _("Feedback triaged"))
    actions.register_action(
        "gcm.comment.flags_dismissed", _("Dismiss an account's flags"), _("An account's flags dismissed")
    )


@hooks.register("register_admin_urls")
def discussion_admin_urls() -> list:
    return [path("discussions/<int:discussion_id>/export/<str:fmt>/", export, name="discussion_export")]


# One policy for both screens over comments (Wagtail looks policies up by model).
register_permission_policy(DiscussionComment, DiscussionCommentPolicy(DiscussionComment))


@hooks.register("register_admin_viewset")
def discussion_comment_viewsets() -> list:
    return [ModerationViewSet(), TriageViewSet()]
