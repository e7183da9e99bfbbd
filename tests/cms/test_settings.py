import os
import subprocess
import sys
from pathlib import Path

from django.core import checks
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

import pytest

from cms.settings.env import (
    cache_settings,
    database_settings,
    email_settings,
    env_bool,
    env_float,
    env_int,
    env_list,
    machine_translator,
    required,
    search_backends,
)

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 30 + "-random-production-secret-value-1234"


def run_django(settings: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": settings, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_django("cms.settings.production", "check", ALLOWED_HOSTS="gcm.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_secret_key():
    result = run_django(
        "cms.settings.production",
        "check",
        SECRET_KEY="dev-only-insecure-key",
        ALLOWED_HOSTS="gcm.example.org",
    )
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_passes_the_deploy_check():
    result = run_django(
        "cms.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="gcm.example.org",
        FRONTEND_PROXY_SECRET="a-random-secret-shared-with-the-astro-server",
    )
    assert result.returncode == 0, result.stderr


def test_required_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("SOMETHING_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOMETHING_REQUIRED"):
        required("SOMETHING_REQUIRED")


def test_typed_environment_values(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    monkeypatch.setenv("NUMBER", "12")
    assert env_bool("FLAG") is True
    assert env_bool("UNSET_FLAG", default=True) is True
    assert env_list("HOSTS") == ["a.example", "b.example"]
    assert env_int("NUMBER", 3) == 12
    monkeypatch.setenv("NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("NUMBER", 3)


def test_email_url_parsing():
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = email_settings("smtp+tls://user%40x:p%2Fss@mail.example.org:587?from=gcm@example.org")
    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_USER"] == "user@x"
    assert smtp["EMAIL_HOST_PASSWORD"] == "p/ss"
    assert smtp["EMAIL_USE_TLS"] is True
    assert smtp["DEFAULT_FROM_EMAIL"] == "gcm@example.org"
    with pytest.raises(ImproperlyConfigured, match="unknown scheme"):
        email_settings("pigeon://loft")


def test_email_url_defaults_and_implicit_tls():
    """Our ``smtps://`` is implicit TLS on 465 (django-environ's own ``smtps`` would mean STARTTLS)."""
    implicit = email_settings("smtps://relay.example.org")
    assert implicit["EMAIL_USE_SSL"] is True
    assert implicit["EMAIL_USE_TLS"] is False
    assert implicit["EMAIL_PORT"] == 465
    plain = email_settings("smtp://")
    assert (plain["EMAIL_HOST"], plain["EMAIL_PORT"], plain["EMAIL_HOST_USER"]) == ("localhost", 25, "")
    assert plain["EMAIL_USE_SSL"] is plain["EMAIL_USE_TLS"] is False
    assert "DEFAULT_FROM_EMAIL" not in plain
    assert email_settings("locmem://")["EMAIL_BACKEND"].endswith("locmem.EmailBackend")


def test_malformed_numbers_name_their_variable(monkeypatch):
    monkeypatch.setenv("TIMEOUT", "three")
    with pytest.raises(ImproperlyConfigured, match="TIMEOUT must be a number"):
        env_float("TIMEOUT", 3.0)
    monkeypatch.setenv("TIMEOUT", "2.5")
    assert env_float("TIMEOUT", 3.0) == 2.5
    monkeypatch.setenv("EMPTY_NUMBER", "  ")
    assert env_int("EMPTY_NUMBER", 7) == 7


@pytest.mark.parametrize(
    "variable", ["SEARCH_CACHE_SECONDS", "DISCUSSION_FLAGS_TO_HIDE", "FRONTEND_PURGE_TIMEOUT"]
)
def test_a_malformed_number_stops_start_up_naming_the_variable(variable):
    """Every numeric setting goes through the typed reader: a bare int() would die with a ValueError that
    does not say which of the environment variables is wrong."""
    result = run_django("cms.settings.dev", "check", **{variable: "soon"})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: The environment variable {variable} must be" in result.stderr


def test_a_malformed_database_url_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_settings("pigeon://loft/db")


def test_search_backend_from_search_url():
    assert search_backends("")["default"]["BACKEND"] == "wagtail.search.backends.database"
    plain = search_backends("https://search.example.org:9200")["default"]
    assert plain["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert plain["URLS"] == ["https://search.example.org:9200"]
    opensearch = search_backends("opensearch2+http://localhost:9200")["default"]
    assert opensearch["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert opensearch["URLS"] == ["http://localhost:9200"]


def test_default_settings_are_the_embedded_ones(settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.database"
    assert [code for code, _ in settings.LANGUAGES] == ["en", "fr", "es"]


def test_machine_translation_is_off_by_default(settings):
    assert machine_translator("") is None
    result = run_django("cms.settings.dev", "shell", "-c", _PRINT_TRANSLATOR, MACHINE_TRANSLATOR="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("None")


_PRINT_TRANSLATOR = "from django.conf import settings; print(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR)"


def test_machine_translator_comes_only_from_the_environment():
    assert machine_translator("wagtail_localize.machine_translators.dummy.DummyTranslator") == {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    assert machine_translator("x.DeepLTranslator", '{"AUTH_KEY": "k"}')["OPTIONS"] == {"AUTH_KEY": "k"}
    with pytest.raises(ImproperlyConfigured):
        machine_translator("x.DeepLTranslator", "[1]")
    result = run_django(
        "cms.settings.dev",
        "shell",
        "-c",
        _PRINT_TRANSLATOR,
        MACHINE_TRANSLATOR="wagtail_localize.machine_translators.dummy.DummyTranslator",
    )
    assert result.returncode == 0, result.stderr
    assert "DummyTranslator" in result.stdout


def test_cache_url_parsing():
    assert cache_settings("")["default"]["BACKEND"].endswith("LocMemCache")
    assert cache_settings("locmem://")["default"]["BACKEND"].endswith("LocMemCache")
    database = cache_settings("db://")["default"]
    assert database["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert database["LOCATION"] == "gcm_cache"
    redis = cache_settings("rediss://:secret@cache.internal:6380/2")["default"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "rediss://:secret@cache.internal:6380/2"
    assert redis["OPTIONS"]["socket_timeout"] > 0
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_settings("memcached://cache:11211")
    # redis-py's connection options can ride on the URL, our timeouts stay unless the URL overrides them
    tuned = cache_settings("redis://cache.internal:6379/0?ssl_cert_reqs=none&socket_timeout=5")["default"]
    assert tuned["LOCATION"] == "redis://cache.internal:6379/0"
    assert tuned["OPTIONS"] == {"socket_connect_timeout": 2, "socket_timeout": 5, "ssl_cert_reqs": "none"}
    assert tuned["KEY_PREFIX"] == "gcm"
    assert cache_settings("db://")["default"]["OPTIONS"] == {"MAX_ENTRIES": 50_000}


def test_production_shares_its_cache_between_workers_by_default():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_django(
        "cms.settings.production", "shell", "-c", code, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="gcm.example.org"
    )
    assert result.stdout.split()[-1] == "django.core.cache.backends.db.DatabaseCache", result.stderr


def test_the_redis_backend_loads_its_client():
    """The redis:// path is real: Django's backend imports the client library we ship (no server needed)."""
    backend = RedisCache("redis://127.0.0.1:1/0", cache_settings("redis://127.0.0.1:1/0")["default"])
    assert backend._cache._lib.__name__ == "redis"


def test_deploy_check_warns_when_the_frontend_proxy_secret_is_missing(settings):
    settings.FRONTEND_PROXY_SECRET = ""
    assert "gcm.W001" in [m.id for m in checks.run_checks(include_deployment_checks=True)]
    settings.FRONTEND_PROXY_SECRET = "s3cret"
    assert "gcm.W001" not in [m.id for m in checks.run_checks(include_deployment_checks=True)]
