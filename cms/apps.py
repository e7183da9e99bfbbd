from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Imported in ready(): these modules import models, which Django allows only once apps are loaded.
        from cms.deployment import checks, database  # noqa: F401  (app loading; checks registers on import)
        from cms.headless import signals  # app loading: models only once apps are ready

        signals.connect()
        post_migrate.connect(database.create_cache_tables, sender=self, dispatch_uid="gcm_cache_tables")
