from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail_modeladmin.options import modeladmin_register

from guidance_pages.admin import GuidanceTaxonomiesGroup
from guidance_pages.history.notes import LOG_ACTION, record_change
from guidance_pages.models import ChangeKind, GuidanceBasePage
from guidance_pages.models.forms import change_from_post

modeladmin_register(GuidanceTaxonomiesGroup)


def record_change_from_form(request, page) -> None:
    """Hand the kind and note the page form validated to the service, with the revision just saved."""
    if request.method != "POST" or not isinstance(page, GuidanceBasePage) or page.latest_revision_id is None:
        return
    kind, note = change_from_post(request.POST)
    record_change(page.latest_revision, kind, note)


# before_publish_page: the note must be there when the revision goes live (the page_published signal then
# sees it); after_create/edit_page: drafts, submissions and workflow actions.
hooks.register("before_publish_page", record_change_from_form)
hooks.register("after_create_page", record_change_from_form)
hooks.register("after_edit_page", record_change_from_form)


@hooks.register("register_log_actions")
def change_note_log_actions(actions) -> None:
    @actions.register_action(LOG_ACTION)
    class ChangeNoteLog(LogFormatter):
        label = _("Change note")

        def format_message(self, log_entry) -> str:
            data = log_entry.data or {}
            if data.get("kind") == ChangeKind.ORIGINAL:
                return format_html("{}: {}", _("First publication"), data.get("note") or "—")
            return format_html("{}: {}", _("Substantive change"), data.get("note", ""))
