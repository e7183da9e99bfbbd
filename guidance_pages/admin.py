"""Admin screens for the guidance taxonomies (wagtail-modeladmin, translatable through wagtail-localize)."""

from django.utils.translation import gettext_lazy as _

from wagtail_localize.modeladmin.options import TranslatableModelAdmin
from wagtail_modeladmin.options import ModelAdminGroup

from guidance_pages.models import Discussion, GuidingPrinciple, Objective


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


class DiscussionAdmin(TranslatableModelAdmin):
    """Editors create and run discussions: window, audience, moderation mode, pages and questions."""

    model = Discussion
    menu_label = _("Discussions")
    menu_icon = "comment"
    menu_order = 310
    list_display = ["title", "opens_at", "closes_at", "audience", "moderation"]
    search_fields = ["title"]
