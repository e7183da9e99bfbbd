from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from guidance_pages.admin import GuidanceTaxonomiesGroup
from guidance_pages.history.editions import PUBLISH_ACTION

modeladmin_register(GuidanceTaxonomiesGroup)


@hooks.register("register_log_actions")
def edition_log_actions(actions) -> None:
    actions.register_action(PUBLISH_ACTION, _("Publish edition"), _("Edition published"))
