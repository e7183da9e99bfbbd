from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChampionsConfig(AppConfig):
    name = "champions"
    verbose_name = _("Champions and pilots")
