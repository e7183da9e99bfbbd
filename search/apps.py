from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "gcm_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Imported in ready(): the receivers import models, which Django allows only once apps are loaded.
        from search import signals  # app loading: models only once apps are ready

        signals.connect()
