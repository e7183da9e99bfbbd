from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from guidance_pages.admin import DiscussionAdmin, GuidanceTaxonomiesGroup

modeladmin_register(GuidanceTaxonomiesGroup)
modeladmin_register(DiscussionAdmin)


@hooks.register("register_log_actions")
def discussion_log_actions(actions) -> None:
    """Audit-log entries of comment moderation and triage (guidance_pages/discussions.py)."""
    actions.register_action("gcm.comment.approve", _("Approve comment"), _("Comment approved"))
    actions.register_action("gcm.comment.hide", _("Hide comment"), _("Comment hidden"))
    actions.register_action("gcm.comment.remove", _("Remove comment"), _("Comment removed"))
    actions.register_action("gcm.comment.flag", _("Flag comment"), _("Comment flagged"))
    actions.register_action("gcm.comment.triage", _("Triage feedback"), _("Feedback triaged"))
