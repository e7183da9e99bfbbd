from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidancePagesConfig(AppConfig):
    name = "guidance_pages"
    verbose_name = _("Guidance")

    def ready(self) -> None:
        # Imported in ready(): the receivers import models, which Django allows only once apps are loaded.
        from guidance_pages import signals

        signals.connect()
