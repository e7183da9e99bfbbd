"""Reading deploy values from environment variables.

Every deploy value comes from the environment with a safe development default; production settings
use ``required`` so that a missing value stops start-up instead of running on a dev default.
"""

import json
import os
from urllib.parse import urlsplit

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

import dj_database_url
import environ

# django-environ does the casting and the URL parsing. Its reads are wrapped rather than called directly
# because a bad value must stop start-up with a message naming the variable (the library lets a bare
# ValueError through), and because an empty variable means "use the default" here, as it always has.
_ENV = environ.Env()


def env(name: str, default: str = "") -> str:
    # Plain reads stay on os.environ: django-environ would treat a value starting with "$" (a password, a
    # secret key) as a reference to another variable.
    return os.environ.get(name, default)


def _typed(name: str, cast: type, default: object, expected: str) -> object:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return _ENV.parse_value(value, cast)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be {expected}, not {value!r}."
        ) from exc


def env_bool(name: str, default: bool = False) -> bool:
    """True for 1, true, yes, on, y, ok or a non-zero number (django-environ's words); anything else False."""
    return bool(_typed(name, bool, default, "true or false"))


def env_int(name: str, default: int) -> int:
    return int(_typed(name, int, default, "a whole number"))  # type: ignore[call-overload]


def env_float(name: str, default: float) -> float:
    return float(_typed(name, float, default, "a number"))  # type: ignore[arg-type]


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in _ENV.parse_value(value, list) if item.strip()]


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
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL django understands: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": sqlite_timeout,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            **config.get("OPTIONS", {}),
        }
    return config


# Our documented scheme names, mapped onto django-environ's (whose own ``smtps`` means STARTTLS, not the
# implicit TLS that port 465 and our ``smtps://`` mean).
_EMAIL_SCHEMES = {
    "console": "consolemail",
    "locmem": "memorymail",
    "smtp": "smtp",
    "smtp+tls": "smtp+tls",
    "smtps": "smtp+ssl",
}


def email_settings(url: str) -> dict[str, object]:
    """Turn an ``EMAIL_URL`` into Django e-mail settings (parsed by django-environ).

    Schemes: ``console://``, ``locmem://``, ``smtp://user:pass@host:port`` (``smtp+tls://`` for STARTTLS,
    ``smtps://`` for implicit TLS); ``?from=`` sets the sender.
    """
    scheme = urlsplit(url).scheme
    if scheme not in _EMAIL_SCHEMES:
        raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme {scheme!r}.")
    config = environ.Env.email_url_config(_EMAIL_SCHEMES[scheme] + url[len(scheme) :])
    result: dict[str, object] = {"EMAIL_BACKEND": config["EMAIL_BACKEND"]}
    if scheme.startswith("smtp"):
        result.update(
            EMAIL_HOST=config["EMAIL_HOST"] or "localhost",
            EMAIL_PORT=config["EMAIL_PORT"] or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=config["EMAIL_HOST_USER"] or "",
            EMAIL_HOST_PASSWORD=config["EMAIL_HOST_PASSWORD"] or "",
            EMAIL_USE_TLS=config.get("EMAIL_USE_TLS", False),
            EMAIL_USE_SSL=config.get("EMAIL_USE_SSL", False),
            EMAIL_TIMEOUT=10,
        )
    sender = config.get("OPTIONS", {}).get("FROM")
    if sender:
        result["DEFAULT_FROM_EMAIL"] = str(sender)
    return result


# Our scheme names, mapped onto django-environ's.
_CACHE_SCHEMES = {"locmem": "locmemcache", "db": "dbcache", "redis": "redis", "rediss": "rediss"}


def cache_settings(url: str) -> dict[str, dict[str, object]]:
    """Django's ``CACHES`` from ``CACHE_URL`` (parsed by django-environ).

    Empty or ``locmem://``: memory of each process (one process, as ``make run`` and the tests). With several
    workers the post throttle, the flag counters, allauth's rate limits and cached answers must be shared:
    ``db://`` (Django's database cache, table ``gcm_cache``, created by ``migrate``: cms.deployment.database)
    needs no other service; ``redis://host:6379/0`` or ``rediss://`` uses Django's Redis backend.
    """
    url = url or "locmem://"
    scheme = urlsplit(url).scheme
    if scheme not in _CACHE_SCHEMES:
        raise ImproperlyConfigured(
            f"CACHE_URL has an unknown scheme {scheme!r}: use locmem://, db:// or redis://."
        )
    environ_url = _CACHE_SCHEMES[scheme] + url[len(scheme) :]
    if scheme == "locmem":
        config = environ.Env.cache_url_config(environ_url)
        config["LOCATION"] = config["LOCATION"] or "gcm"
    elif scheme == "db":
        config = environ.Env.cache_url_config(environ_url)
        # always the table that migrate creates (cms.deployment.database), whatever the URL names
        config["LOCATION"] = "gcm_cache"
        # Django's default of 300 entries would evict cached search answers as fast as they are made
        config["OPTIONS"] = {"MAX_ENTRIES": 50_000, **config.get("OPTIONS", {})}
    else:
        # Django's own Redis backend: django-environ would pick django-redis, which we do not ship
        config = environ.Env.cache_url_config(
            environ_url, backend="django.core.cache.backends.redis.RedisCache"
        )
        config.setdefault("KEY_PREFIX", "gcm")
        # a cache that does not answer must not hang requests: socket timeouts in seconds
        config["OPTIONS"] = {"socket_connect_timeout": 2, "socket_timeout": 2, **config.get("OPTIONS", {})}
    return {"default": config}


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


def languages(codes: list[str], source: str) -> list[tuple[str, object]]:
    """Django's ``LANGUAGES`` from the language codes of the ``LANGUAGES`` variable (``en,fr,es``): each named
    by Django's own table (``LANG_INFO``) and translated by our catalogs, so adding a language is one edit of
    the variable (plus its translations) instead of a list in every module that needs one."""
    unknown = [code for code in codes if code not in LANG_INFO or "name" not in LANG_INFO[code]]
    if unknown:
        raise ImproperlyConfigured(f"LANGUAGES: {', '.join(unknown)} is not a language code Django knows.")
    if source not in codes:
        raise ImproperlyConfigured(f"LANGUAGES must include {source}, the source language.")
    return [(code, gettext_lazy(LANG_INFO[code]["name"])) for code in codes]
