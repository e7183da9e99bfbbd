from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import ListingButton
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
from guidance_pages.models import Edition, EditionStatus

modeladmin_register(GuidanceTaxonomiesGroup)
# Before the viewset: Wagtail looks the policy up by model when the viewset registers.
register_permission_policy(Edition, EditionPolicy(Edition))
register_snippet(EditionViewSet)


@hooks.register("register_log_actions")
def edition_log_actions(actions) -> None:
    actions.register_action(PUBLISH_ACTION, _("Publish edition"), _("Edition published"))


@hooks.register("register_admin_urls")
def edition_admin_urls() -> list:
    return [path("editions/<int:pk>/publish/", PublishEditionView.as_view(), name="edition_publish")]


@hooks.register("register_snippet_listing_buttons")
def publish_edition_button(snippet, user, next_url=None) -> list:
    if not isinstance(snippet, Edition) or snippet.status == EditionStatus.PUBLISHED:
        return []
    if not may_publish_guidance(user):
        return []
    return [ListingButton(_("Publish edition"), reverse("edition_publish", args=[snippet.pk]), priority=5)]
