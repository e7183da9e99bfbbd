"""Reading deploy values from environment variables.

Every deploy value comes from the environment with a safe development default; production settings
use ``required`` so that a missing value stops start-up instead of running on a dev default.
"""

import json
import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

import dj_database_url


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"The environment variable {name} must be a whole number.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def database_settings(url: str, conn_max_age: int = 0, sqlite_timeout: int = 20) -> dict[str, object]:
    """The ``default`` database from ``DATABASE_URL``, set up for a web server and a task worker together.

    SQLite serialises writers; its defaults suit one process. A web server beside ``db_worker`` needs:
    WAL, so that readers never block the writer nor the writer the readers; a busy timeout, so that a writer
    waits for the lock instead of failing at once; and ``BEGIN IMMEDIATE`` transactions, because a deferred
    transaction that read first and then writes cannot wait for the lock (SQLite answers "database is
    locked" at once, whatever the timeout, to avoid a deadlock). ``synchronous=NORMAL`` is SQLite's
    recommendation with WAL: a commit survives a crash of the process, only a power loss can undo the last
    ones, and each commit holds the lock for a write rather than an fsync.
    Health checks let a persistent connection that died between requests (a database restart) be
    replaced before the request uses it.
    """
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": sqlite_timeout,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            **config.get("OPTIONS", {}),
        }
    return config


def email_settings(url: str) -> dict[str, object]:
    """Turn an ``EMAIL_URL`` into Django e-mail settings.

    Schemes: ``console://``, ``locmem://``, ``smtp://user:pass@host:port`` (``smtp+tls://`` for STARTTLS,
    ``smtps://`` for implicit TLS); ``?from=`` sets the sender. A dozen lines do not justify a dependency.
    """
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme {parts.scheme!r}.")
    result: dict[str, object] = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        result.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=parts.scheme == "smtp+tls",
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_TIMEOUT=10,
        )
    if "from" in query:
        result["DEFAULT_FROM_EMAIL"] = query["from"][0]
    return result


def cache_settings(url: str) -> dict[str, dict[str, object]]:
    """Django's ``CACHES`` from ``CACHE_URL``.

    Empty or ``locmem://``: memory of each process (one process, as ``make run`` and the tests). With several
    workers the post throttle, the flag counters, allauth's rate limits and cached answers must be shared:
    ``db://`` (Django's database cache, table ``gcm_cache``, created by ``migrate``: cms.database) needs no
    other service; ``redis://host:6379/0`` or ``rediss://`` uses Django's Redis backend.
    """
    scheme = urlsplit(url).scheme if url else "locmem"
    if scheme == "locmem":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gcm"}}
    if scheme == "db":
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "gcm_cache",
                # Django's default of 300 entries would evict cached search answers as fast as they are made
                "OPTIONS": {"MAX_ENTRIES": 50_000},
            }
        }
    if scheme in {"redis", "rediss"}:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "gcm",
                # a cache that does not answer must not hang requests: socket timeouts in seconds
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
    raise ImproperlyConfigured(
        f"CACHE_URL has an unknown scheme {scheme!r}: use locmem://, db:// or redis://."
    )


def search_backends(url: str) -> dict[str, dict[str, object]]:
    """Wagtail search backends: the database backend unless ``SEARCH_URL`` names a remote engine.

    ``SEARCH_URL`` is ``elasticsearch9+https://host:9200`` style; a plain ``http(s)://`` URL means
    Elasticsearch 9. ``SEARCH_INDEX`` sets the index prefix.
    """
    if not url:
        return {"default": {"BACKEND": "wagtail.search.backends.database"}}
    scheme, _, rest = url.partition("+")
    engines = {"elasticsearch8", "elasticsearch9", "opensearch2", "opensearch3"}
    if scheme in engines:
        engine, address = scheme, rest
    else:
        engine, address = "elasticsearch9", url
    return {
        # The database backend stays indexed beside the remote engine: search falls back to it when the
        # engine is down (search/api.py) instead of failing.
        "database": {"BACKEND": "wagtail.search.backends.database"},
        "default": {
            "BACKEND": f"wagtail.search.backends.{engine}",
            "URLS": [address],
            "INDEX_PREFIX": env("SEARCH_INDEX", "gcm_"),
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        },
    }


def machine_translator(class_path: str, options_json: str = "") -> dict[str, object] | None:
    """wagtail-localize's ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` from ``MACHINE_TRANSLATOR`` (a class path)
    and ``MACHINE_TRANSLATOR_OPTIONS`` (JSON, e.g. an API key). Empty means off: no text leaves the server."""
    if not class_path.strip():
        return None
    try:
        options = json.loads(options_json) if options_json.strip() else {}
    except ValueError as exc:
        raise ImproperlyConfigured("MACHINE_TRANSLATOR_OPTIONS must be a JSON object.") from exc
    if not isinstance(options, dict):
        raise ImproperlyConfigured("MACHINE_TRANSLATOR_OPTIONS must be a JSON object.")
    return {"CLASS": class_path.strip(), "OPTIONS": options}
