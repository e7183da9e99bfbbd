from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Moderation workflows")

    def ready(self) -> None:
        # Imported in ready(): the notifiers import models, which Django allows only once apps are loaded.
        from workflows import notifiers  # app loading: models only once apps are ready

        notifiers.connect()
