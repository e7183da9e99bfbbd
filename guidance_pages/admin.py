"""Admin screens for the guidance taxonomies (wagtail-modeladmin, translatable through wagtail-localize)."""

from django.utils.translation import gettext_lazy as _

from wagtail_localize.modeladmin.options import TranslatableModelAdmin
from wagtail_modeladmin.options import ModelAdminGroup

from guidance_pages.models import GuidingPrinciple, Objective


class ObjectiveAdmin(TranslatableModelAdmin):
    model = Objective
    menu_icon = "list-ol"
    list_display = ["number", "short_label", "title"]
    search_fields = ["title", "short_label"]
    ordering = ["number"]


class GuidingPrincipleAdmin(TranslatableModelAdmin):
    model = GuidingPrinciple
    menu_icon = "pick"
    list_display = ["name", "key", "paragraph"]
    ordering = ["sort_order"]


class GuidanceTaxonomiesGroup(ModelAdminGroup):
    menu_label = _("Guidance taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ObjectiveAdmin, GuidingPrincipleAdmin)
