from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidancePagesConfig(AppConfig):
    name = "guidance_pages"
    verbose_name = _("Guidance")

    def ready(self) -> None:
        from guidance_pages import signals  # app loading: models only once apps are ready

        signals.connect()
