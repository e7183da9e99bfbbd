"""Local development: the embedded defaults (SQLite, database search, local media, console e-mail)."""

from .base import *  # noqa: F403
from .env import env, env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed development key keeps sessions across restarts; production refuses to start without its own.
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105

# Serve static files from the apps directly (no collectstatic needed outside production).
WHITENOISE_AUTOREFRESH = True
