"""Admin screen where editors create and run discussions (wagtail-modeladmin, translatable through
wagtail-localize)."""

from django.utils.translation import gettext_lazy as _

from wagtail_localize.modeladmin.options import TranslatableModelAdmin

from feedback.models import Discussion


class DiscussionAdmin(TranslatableModelAdmin):
    """Editors create and run discussions: window, audience, moderation mode, pages and questions."""

    model = Discussion
    menu_label = _("Discussions")
    menu_icon = "comment"
    menu_order = 310
    list_display = ["title", "opens_at", "closes_at", "audience", "moderation"]
    search_fields = ["title"]
