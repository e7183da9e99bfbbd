"""``migrate`` leaves every configured database cache ready: production's ``db://`` cache answered 500 until
``createcachetable`` was run by hand with the production settings."""

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

import pytest

TABLES = ("gcm_cache_after_migrate", "gcm_second_cache_after_migrate")


@pytest.mark.django_db
def test_migrate_creates_the_table_of_every_database_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLES[0]},
        "other": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLES[1]},
        "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert not set(TABLES) & set(connection.introspection.table_names())

    call_command("migrate", verbosity=0, interactive=False)

    assert set(TABLES) <= set(connection.introspection.table_names())
    for alias in ("default", "other"):
        caches[alias].set("ready", alias)
        assert caches[alias].get("ready") == alias


@pytest.mark.django_db
def test_migrate_keeps_an_existing_cache_table_and_its_entries(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLES[0]},
    }
    call_command("createcachetable", verbosity=0)
    caches["default"].set("kept", "yes", 600)

    call_command("migrate", verbosity=0, interactive=False)

    assert caches["default"].get("kept") == "yes"
