"""Admin screens for the library's taxonomies (wagtail-modeladmin, translatable through wagtail-localize)."""

from django.utils.translation import gettext_lazy as _

from wagtail_localize.modeladmin.options import TranslatableModelAdmin
from wagtail_modeladmin.options import ModelAdminGroup

from examples_library.models import ActorType, Country, Region


class CountryAdmin(TranslatableModelAdmin):
    model = Country
    menu_icon = "site"
    list_display = ["name", "iso2", "iso3", "region", "subregion"]
    list_filter = ["region"]
    search_fields = ["name", "iso2", "iso3"]
    list_select_related = ["region", "subregion"]


class RegionAdmin(TranslatableModelAdmin):
    model = Region
    menu_icon = "globe"
    list_display = ["name", "key", "parent"]
    list_select_related = ["parent"]


class ActorTypeAdmin(TranslatableModelAdmin):
    model = ActorType
    menu_icon = "group"
    list_display = ["name", "key"]


class LibraryTaxonomiesGroup(ModelAdminGroup):
    menu_label = _("Library taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 310
    items = (CountryAdmin, RegionAdmin, ActorTypeAdmin)
