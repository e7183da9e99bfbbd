from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamplesLibraryConfig(AppConfig):
    name = "examples_library"
    verbose_name = _("Examples library")

    def ready(self) -> None:
        # Imported in ready(): the receivers import models, which Django allows only once apps are loaded.
        from examples_library import signals  # app loading: models only once apps are ready

        signals.connect()
