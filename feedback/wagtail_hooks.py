from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail_modeladmin.options import modeladmin_register

from feedback import dashboard
from feedback.admin import DiscussionAdmin
from feedback.models import DiscussionComment, RecordedFeedback
from feedback.views import (
    ADD_QUESTION,
    IMPORT_WRITTEN_COMMENTS,
    AddQuestionView,
    ImportWrittenCommentsView,
    export,
    moved_discussion_admin,
)
from feedback.viewsets import (
    DiscussionCommentPolicy,
    ModerationViewSet,
    RecordedFeedbackPolicy,
    RecordedFeedbackViewSet,
    TriageViewSet,
)

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
    actions.register_action(
        "gcm.recorded.triage", _("Triage recorded feedback"), _("Recorded feedback triaged")
    )


@hooks.register("register_admin_urls")
def discussion_admin_urls() -> list:
    return [
        path("discussions/<int:discussion_id>/export/<str:fmt>/", export, name="discussion_export"),
        re_path(r"^guidance_pages/discussion/(?P<rest>.*)$", moved_discussion_admin),
        path("discussions/questions/add/", AddQuestionView.as_view(), name=ADD_QUESTION),
        path("moderation-dashboard/", dashboard.DashboardView.as_view(), name=dashboard.URL_NAME),
        path(
            "feedback/written-comments/import/",
            ImportWrittenCommentsView.as_view(),
            name=IMPORT_WRITTEN_COMMENTS,
        ),
    ]


@hooks.register("register_admin_menu_item")
def moderation_dashboard_menu_item():
    return dashboard.menu_item()


@hooks.register("construct_homepage_panels")
def moderation_dashboard_panel(request, panels: list) -> None:
    if dashboard.may_see(request.user):
        panels.append(dashboard.DashboardPanel())


# One policy for both screens over comments (Wagtail looks policies up by model).
register_permission_policy(DiscussionComment, DiscussionCommentPolicy(DiscussionComment))
register_permission_policy(RecordedFeedback, RecordedFeedbackPolicy(RecordedFeedback))


@hooks.register("register_admin_viewset")
def discussion_comment_viewsets() -> list:
    return [ModerationViewSet(), TriageViewSet(), RecordedFeedbackViewSet()]
