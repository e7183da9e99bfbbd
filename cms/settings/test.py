"""Tests: fast hashing, tasks run immediately, mail kept in an outbox. DATABASE_URL picks the database."""

from .base import *  # noqa: F403
from .env import env

SECRET_KEY = "test-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # behind the queue, as in production
ACCOUNT_RATE_LIMITS = False
# Per-account throttles count in the cache by user id, and ids come back after each test's rollback: the
# suite's many submissions and flags would add up. The throttle tests set low limits and clear the cache.
SUBMISSIONS_PER_HOUR = 10_000
DISCUSSION_FLAGS_PER_HOUR = 10_000
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", str(BASE_DIR / "var" / "test-media")))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(env("TEST_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "test-private-media")))  # noqa: F405
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None  # the suite never sends text to a translation service

# Serve static files from the apps directly (no collectstatic needed outside production).
WHITENOISE_AUTOREFRESH = True
