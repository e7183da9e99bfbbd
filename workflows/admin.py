"""Administrators assign thematic reviewers to objectives here."""

from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.options import ModelAdmin

from workflows.models import ObjectiveReviewer


class ObjectiveReviewerAdmin(ModelAdmin):
    model = ObjectiveReviewer
    menu_label = _("Thematic reviewers")
    menu_icon = "user"
    menu_order = 320
    list_display = ["objective_number", "user"]
    list_filter = ["objective_number"]
    add_to_settings_menu = True
