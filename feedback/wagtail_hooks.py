from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import modeladmin_register

from feedback import discussions
from feedback.admin import DiscussionAdmin
from feedback.views import DismissFlagsView, ModerationView, TriageView, export, moved_discussion_admin

modeladmin_register(DiscussionAdmin)


@hooks.register("register_log_actions")
def discussion_log_actions(actions) -> None:
    """Audit-log entries of comment moderation and triage (feedback/discussions/)."""
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
    return [
        path("discussions/moderation/", ModerationView.as_view(), name="discussion_moderation"),
        path(
            "discussions/moderation/<int:comment_id>/", ModerationView.as_view(), name="discussion_moderate"
        ),
        path(
            "discussions/moderation/flagger/<int:user_id>/dismiss/",
            DismissFlagsView.as_view(),
            name="discussion_dismiss_flags",
        ),
        path("discussions/triage/", TriageView.as_view(), name="discussion_triage"),
        path("discussions/triage/<int:comment_id>/", TriageView.as_view(), name="discussion_triage_comment"),
        path("discussions/<int:discussion_id>/export/<str:fmt>/", export, name="discussion_export"),
        re_path(r"^guidance_pages/discussion/(?P<rest>.*)$", moved_discussion_admin),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request) -> bool:
        return self.check(request.user)


@hooks.register("register_admin_menu_item")
def moderation_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Comment moderation"),
        reverse("discussion_moderation"),
        name="comment-moderation",
        icon_name="comment",
        order=320,
        check=discussions.is_moderator,
    )


@hooks.register("register_admin_menu_item")
def triage_menu_item() -> MenuItem:
    return PermissionMenuItem(
        _("Feedback triage"),
        reverse("discussion_triage"),
        name="feedback-triage",
        icon_name="tasks",
        order=330,
        check=discussions.is_triager,
    )
