"""Admin screens for the guidance taxonomies (wagtail-modeladmin, translatable through wagtail-localize)."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail_localize.modeladmin.options import TranslatableModelAdmin
from wagtail_localize.modeladmin.views import (
    TranslatableCreateView,
    TranslatableDeleteView,
    TranslatableEditView,
)
from wagtail_modeladmin.options import ModelAdminGroup

from cms import freshness
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


def _pages_of(discussion: Discussion) -> list[Page]:
    if discussion.pk is None:
        return []
    return [link.page for link in discussion.discussion_pages.select_related("page")]


# The frontend caches the pages a discussion is about and the discussion pages: an edit in the admin (window,
# questions, pages added or removed) purges them like a moderated comment does, else readers saw the old
# window or questions until the cache expired. The pages it was about before the edit go stale too.
class DiscussionCreateView(TranslatableCreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        freshness.discussion_changed(_pages_of(self.instance))
        return response


class DiscussionEditView(TranslatableEditView):
    def form_valid(self, form):
        before = _pages_of(self.instance)
        response = super().form_valid(form)
        freshness.discussion_changed([*before, *_pages_of(self.instance)])
        return response


class DiscussionDeleteView(TranslatableDeleteView):
    def delete_instance(self):
        before = _pages_of(self.instance)
        super().delete_instance()
        freshness.discussion_changed(before)


class DiscussionAdmin(TranslatableModelAdmin):
    """Editors create and run discussions: window, audience, moderation mode, pages and questions."""

    model = Discussion
    create_view_class = DiscussionCreateView
    edit_view_class = DiscussionEditView
    delete_view_class = DiscussionDeleteView
    menu_label = _("Discussions")
    menu_icon = "comment"
    menu_order = 310
    list_display = ["title", "opens_at", "closes_at", "audience", "moderation"]
    search_fields = ["title"]
