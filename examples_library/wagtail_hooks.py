from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import modeladmin_register

from examples_library.admin import LibraryTaxonomiesGroup
from examples_library.transfer.admin_views import ImportRunView, ImportView
from examples_library.transfer.importing import may_import

modeladmin_register(LibraryTaxonomiesGroup)


@hooks.register("register_admin_urls")
def import_admin_urls() -> list:
    return [
        path("examples/import/", ImportView.as_view(), name="examples_import"),
        path("examples/import/<int:pk>/", ImportRunView.as_view(), name="examples_import_run"),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_import(request.user)


@hooks.register("register_admin_menu_item")
def import_menu_item() -> MenuItem:
    return EditorsMenuItem(_("Import examples"), reverse("examples_import"), icon_name="upload", order=320)
