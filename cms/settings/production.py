"""Production: every deploy value must come from the environment; nothing insecure by default."""

from .base import *  # noqa: F403
from .env import cache_settings, env, env_bool, env_int, required

DEBUG = False
SECRET_KEY = required("SECRET_KEY")
if SECRET_KEY.startswith(("dev-only", "django-insecure")) or len(SECRET_KEY) < 50:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be a random value of at least 50 characters.")
ALLOWED_HOSTS = required("ALLOWED_HOSTS").split(",")
# Several gunicorn workers must share the post throttle, flag counters and rate limits: the database cache
# needs no other service (`make migrate` creates its table); CACHE_URL=redis://… when there is a Redis.
CACHES = cache_settings(env("CACHE_URL", "db://"))
DEMO_USERS_ENABLED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's admin previews pages in a same-origin iframe, so DENY would break the editors' preview.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
if not SECURE_HSTS_PRELOAD:
    # Preloading is a decision about the whole domain, taken by whoever runs it; off unless they opt in.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LOGGING["root"]["level"] = env("LOG_LEVEL", "WARNING")  # noqa: F405
