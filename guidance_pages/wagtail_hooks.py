from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from guidance_pages.admin import GuidanceTaxonomiesGroup
from guidance_pages.history.admin import (
    EditionPolicy,
    EditionViewSet,
    PublishEditionView,
    may_publish_guidance,
)
from guidance_pages.history.editions import PUBLISH_ACTION
from guidance_pages.history.notes import LOG_ACTION, record_change
from guidance_pages.models import ChangeKind, Edition, EditionStatus, GuidanceBasePage
from guidance_pages.models.forms import change_from_post
from guidance_pages.publications.admin import draft_pdf_view, may_read_draft
from guidance_pages.publications.service import languages

modeladmin_register(GuidanceTaxonomiesGroup)
# Before the viewset: Wagtail looks the policy up by model when the viewset registers.
register_permission_policy(Edition, EditionPolicy(Edition))
register_snippet(EditionViewSet)


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


@hooks.register("register_log_actions")
def edition_log_actions(actions) -> None:
    actions.register_action(PUBLISH_ACTION, _("Publish edition"), _("Edition published"))


@hooks.register("register_admin_urls")
def edition_admin_urls() -> list:
    return [
        path("editions/<int:pk>/publish/", PublishEditionView.as_view(), name="edition_publish"),
        path("editions/draft-pdf/<str:language>/", draft_pdf_view, name="edition_draft_pdf"),
    ]


class DraftPdfMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_read_draft(request.user)


@hooks.register("register_admin_menu_item")
def draft_pdf_menu() -> SubmenuMenuItem:
    items = [
        DraftPdfMenuItem(
            str(get_language_info(code)["name_local"]).capitalize(),
            reverse("edition_draft_pdf", args=[code]),
            name=f"draft-pdf-{code}",
            icon_name="doc-full",
            order=index,
        )
        for index, code in enumerate(languages())
    ]
    return DraftPdfSubmenu(
        _("Draft PDF"), Menu(items=items), name="draft-pdf", icon_name="doc-full", order=450
    )


class DraftPdfSubmenu(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return may_read_draft(request.user)


@hooks.register("register_snippet_listing_buttons")
def publish_edition_button(snippet, user, next_url=None) -> list:
    if not isinstance(snippet, Edition) or snippet.status == EditionStatus.PUBLISHED:
        return []
    if not may_publish_guidance(user):
        return []
    return [ListingButton(_("Publish edition"), reverse("edition_publish", args=[snippet.pk]), priority=5)]
