from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.files.documents import serve_private
from cms.headless.rich_text import FrontendPageLinkHandler
from cms.i18n.translation_permissions import (
    GuardedSubmitModelAdminTranslationView,
    GuardedSubmitPageTranslationView,
    GuardedSubmitSnippetTranslationView,
    GuardedUpdateTranslationsView,
)
from cms.i18n.translation_report import OutdatedTranslationsReportView
from cms.models import AccountProfile


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own, so ours wins
def frontend_page_links(features) -> None:
    features.register_link_type(FrontendPageLinkHandler)


@hooks.register("register_admin_urls")
def translation_report_urls() -> list:
    return [
        path(
            "reports/outdated-translations/",
            OutdatedTranslationsReportView.as_view(),
            name="outdated_translations_report",
        ),
        path(
            "reports/outdated-translations/results/",
            OutdatedTranslationsReportView.as_view(results_only=True),
            name="outdated_translations_report_results",
        ),
    ]


class PageEditorsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def outdated_translations_menu_item() -> MenuItem:
    return PageEditorsMenuItem(
        _("Outdated translations"),
        reverse("outdated_translations_report"),
        name="outdated-translations",
        icon_name="resubmit",
        order=9100,
    )


@hooks.register("register_admin_urls", order=-100)  # before wagtail-localize's own URLs, so these match first
def guarded_translation_urls() -> list:
    """wagtail-localize's submit and sync views with page permission checks
    (cms/i18n/translation_permissions.py), on the same paths, so every link and button wagtail-localize
    renders goes through them."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            GuardedSubmitPageTranslationView.as_view(),
            name="guarded_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            GuardedUpdateTranslationsView.as_view(),
            name="guarded_update_translations",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            GuardedSubmitSnippetTranslationView.as_view(),
            name="guarded_submit_snippet_translation",
        ),
        path(
            "localize/modeladmin/submit/<slug:app_label>/<slug:model_name>/<str:pk>/",
            GuardedSubmitModelAdminTranslationView.as_view(),
            name="guarded_submit_modeladmin_translation",
        ),
    ]


class AccountProfileViewSet(SnippetViewSet):
    """Administrators set a Champion's country here (the Champion cannot change it); the default snippet
    permissions keep everyone else out."""

    model = AccountProfile
    icon = "user"
    menu_label = _("Account profiles")
    list_display = ["display_name", "user", "country"]
    search_fields = ["display_name", "user__email", "user__username"]
    panels = [FieldPanel("user"), FieldPanel("display_name"), FieldPanel("country")]


register_snippet(AccountProfileViewSet)


# Before Wagtail's own restriction check (order 0): a document that needs permission is served here, with
# private caching, to whoever may read it, its uploader included; anyone else falls through to that check.
@hooks.register("before_serve_document", order=-10)
def serve_private_document(document, request):
    return serve_private(document, request)
