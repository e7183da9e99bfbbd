"""The Edition admin: a translatable snippet (wagtail-localize translates its name and introduction) with a
"Publish edition" action. Editions are the guidance's, so the people who may publish guidance pages manage
them; the policy asks Wagtail's page permissions rather than a model permission of its own, so no group
needs a grant for it."""

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_screens import TitledScreen
from guidance_pages.history.editions import EditionRefused, publish_edition
from guidance_pages.models import Edition, EditionStatus


def may_publish_guidance(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and PagePermissionPolicy().user_has_permission(user, "publish")


class EditionPolicy(ModelPermissionPolicy):
    """Every action for those who may publish pages; a published edition is never deleted (readers' links
    and the pages it fixed point at its number)."""

    def user_has_permission(self, user: AbstractBaseUser, action: str) -> bool:
        return may_publish_guidance(user)

    def user_has_any_permission(self, user: AbstractBaseUser, actions: Iterable[str]) -> bool:
        return may_publish_guidance(user)

    def user_has_permission_for_instance(
        self, user: AbstractBaseUser, action: str, instance: Edition
    ) -> bool:
        if action == "delete" and instance.status == EditionStatus.PUBLISHED:
            return False
        return may_publish_guidance(user)

    def users_with_any_permission(self, actions: Iterable[str]):
        return PagePermissionPolicy().users_with_permission("publish")


class EditionDeleteView(SnippetDeleteView):
    """Wagtail's delete view asks the policy about the model only; a published edition is refused here."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not EditionPolicy(Edition).user_has_permission_for_instance(request.user, "delete", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "history"
    menu_label = gettext_lazy("Editions")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["number", "name", "date", "status", "published_at"]
    delete_view_class = EditionDeleteView
    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("date"), FieldPanel("introduction")]


class PublishEditionView(TitledScreen, TemplateView):
    """GET: what publishing will do, and a button; POST: publish. A refusal is a message on the listing."""

    template_name = "guidance_pages/admin/edition_publish.html"
    page_title = gettext_lazy("Publish edition")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_publish_guidance(request.user):
            raise PermissionDenied
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.edition)

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "edition": self.edition,
            "listing_url": self.listing_url(),
        }

    def listing_url(self) -> str:
        return reverse("wagtailsnippets_guidance_pages_edition:list")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            count = publish_edition(self.edition, request.user)
        except EditionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Edition %(edition)s published: it fixes %(count)s pages in every language.")
                % {"edition": self.edition, "count": count},
            )
        return redirect(self.listing_url())
