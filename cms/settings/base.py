"""Settings shared by every environment. Deploy values come from the environment (see ``env.py``)."""

from pathlib import Path
from urllib.parse import urlsplit

from .env import (
    cache_settings,
    database_settings,
    email_settings,
    env,
    env_bool,
    env_float,
    env_int,
    env_list,
    languages,
    machine_translator,
    search_backends,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Where the public (Astro) frontend lives; used for preview and links in e-mails.
FRONTEND_URL = env("FRONTEND_URL", "http://localhost:4321")
WAGTAILADMIN_BASE_URL = env("ADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_SITE_NAME = "GCM Knowledge Platform"

# Demo users (load_demo) are created only where this is on; production forces it off.
DEMO_USERS_ENABLED = True

INSTALLED_APPS = [
    # Project apps first so that their templates and translations win.
    "cms",
    "guidance_pages",
    "examples_library",
    "workflows",
    "feedback",
    "search",
    "champions",
    # Wagtail and its ecosystem.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_headless_preview",
    "wagtail_localize.modeladmin",
    "wagtail_modeladmin",
    "wagtail.api.v2",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    # django-ninja's own copy of Swagger UI for /api/v1/docs (without the app it loads it from a CDN,
    # which the Content-Security-Policy below refuses).
    "ninja",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "mailer",
    "allauth",
    "allauth.account",
    "allauth.headless",
    # Comments on guidance pages (discussions): django-comments-xtd on django-contrib-comments, which need
    # the sites framework (SITE_ID below).
    "django_comments_xtd",
    "django_comments",
    "django.contrib.sites",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: its retry runs the view alone again (cms/deployment/database.py).
    "cms.deployment.database.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_settings(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        sqlite_timeout=env_int("SQLITE_BUSY_TIMEOUT", 20),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts: django-allauth in headless mode (the frontend renders every form). Same-site session + CSRF;
# see ADR 0017 (docs/adr/) for the cross-site (token) option.
ACCOUNT_ADAPTER = "cms.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {"signup": "20/m/ip", "login_failed": "10/m/ip,5/5m/key"}
# Shared with the Astro server (same variable there): with it, the frontend relays each reader's address and
# the per-address limits above count each reader apart (cms/accounts/client_ip.py). Without it every request
# seems to come from the frontend's address. Anyone who can reach Django directly must not know it.
FRONTEND_PROXY_SECRET = env("FRONTEND_PROXY_SECRET", "")
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[GCM] "  # not the sites framework's site name (installed for comments)
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("browser",)
# allauth's own OpenAPI specification of sign-up, sign-in and verification, at /_allauth/openapi.json: the
# domain API's schema links to it rather than restating it.
HEADLESS_SERVE_SPECIFICATION = True
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{FRONTEND_URL}/account/verify-email/{{key}}",
    "account_reset_password": f"{FRONTEND_URL}/account/password/reset",
    "account_reset_password_from_key": f"{FRONTEND_URL}/account/password/reset/{{key}}",
    "account_signup": f"{FRONTEND_URL}/account/signup",
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source; French and Spanish are translations (wagtail-localize). This is the one
# Python list: every module reads settings.LANGUAGES (the frontend's is frontend/src/i18n/locales.ts).
LANGUAGE_CODE = "en"
LANGUAGES = languages(env_list("LANGUAGES", ["en", "fr", "es"]), LANGUAGE_CODE)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Files not yet public (attachments of submissions in moderation): outside MEDIA_ROOT, so that nothing serving
# the media folder reaches them; only the permission-checked document view reads them (cms/files/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private-media")))
STORAGES = {
    "default": {"BACKEND": "cms.files.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: console by default; EMAIL_URL=smtp://... in deployments.
# Every message, Wagtail's workflow mail included, is queued in the database (django-mailer) inside the
# transaction that caused it and delivered by a task after commit, so a mail server that is down, unknown
# or refusing never rolls back or loses the action; deferred messages are retried (cms/background/mail.py).
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "GCM Knowledge Platform <noreply@localhost>")
_email = email_settings(env("EMAIL_URL", "console://"))
MAILER_EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
globals().update(_email)
EMAIL_BACKEND = "cms.background.mail.QueuedEmailBackend"
MAILER_USE_FILE_LOCK = False  # the database row locks of django-mailer are enough for our one worker
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
MAIL_RETRY_MAX_SECONDS = env_int("MAIL_RETRY_MAX_SECONDS", 3600)

# Search: Wagtail's database backend unless SEARCH_URL names Elasticsearch/OpenSearch.
SEARCH_URL = env("SEARCH_URL")
WAGTAILSEARCH_BACKENDS = search_backends(SEARCH_URL)

# Background tasks: django-tasks with its database backend; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CACHES = cache_settings(env("CACHE_URL"))

# Wagtail.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "png", "jpg", "jpeg"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through Wagtail's permission checks, never direct
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAILAPI_BASE_URL = env("API_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars come from the editors' own uploads only: a gravatar URL made every admin page call an outside
# service (leaking who is signed in, broken offline). GRAVATAR_PROVIDER_URL=https://… turns it back on.
WAGTAIL_GRAVATAR_PROVIDER_URL = env("GRAVATAR_PROVIDER_URL") or None
# Off unless the environment names a translator class: sending text to a translation service is a deploy
# decision (ADR 0024), never a default.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
    env("MACHINE_TRANSLATOR"), env("MACHINE_TRANSLATOR_OPTIONS")
)

DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Security headers on every response (django-csp, django-permissions-policy). What this server renders is the
# Wagtail admin, JSON and the API docs: the admin's widgets still print inline scripts (date choosers) and
# inline styles, so both are allowed inline but only from this origin otherwise; nothing is loaded from
# elsewhere. The admin's preview frames the frontend (headless preview), hence frame-src.
_FRONTEND_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(FRONTEND_URL))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", _FRONTEND_ORIGIN],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# No page of this server uses a device or tracking feature; fullscreen stays for the admin's own frames.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action at INFO; the audit log already records them.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint reports each layout step at INFO: noise in a worker's log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
WAGTAILAPI_RICH_TEXT_FORMAT = "html"  # headless clients get display HTML, not database HTML

# django-ninja: every list is paginated, and no client can ask for more than this in one page.
NINJA_PAGINATION_PER_PAGE = 25
NINJA_PAGINATION_MAX_LIMIT = 100

# A workflow's final approval publishes, whoever the approver is (workflows/finish.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflows.finish.publish_approved"

# Search responses are cached under the read model's version counter; this is only the safety-net lifetime.
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 86400)

# Freshness of the public frontend (cms/headless/freshness.py). Publishing, unpublishing, moving or deleting a
# page enqueues a purge task after commit; it goes to every backend of Wagtail's frontend cache machinery. Our
# own backend posts the stale paths, signed with FRONTEND_PURGE_SECRET, to each Astro node's /_purge (the
# same secret is set there). Without a secret nothing is purged and the Astro server caches no HTML: pages
# are then only as fresh as their Cache-Control (max-age=60). A CDN backend (Cloudflare, CloudFront) is one
# more entry of WAGTAILFRONTENDCACHE.
FRONTEND_PURGE_SECRET = env("FRONTEND_PURGE_SECRET", "")
FRONTEND_PURGE_URLS = env_list("FRONTEND_PURGE_URLS", [FRONTEND_URL])
FRONTEND_PURGE_TIMEOUT = env_float("FRONTEND_PURGE_TIMEOUT", 3)
FRONTEND_PURGE_RETRY_SECONDS = env_int("FRONTEND_PURGE_RETRY_SECONDS", 60)
WAGTAILFRONTENDCACHE = (
    {
        f"frontend{index}": {
            "BACKEND": "cms.headless.frontend_cache.FrontendPurgeBackend",
            "LOCATION": location,
            "SECRET": FRONTEND_PURGE_SECRET,
            "TIMEOUT": FRONTEND_PURGE_TIMEOUT,
        }
        for index, location in enumerate(FRONTEND_PURGE_URLS)
    }
    if FRONTEND_PURGE_SECRET
    else {}
)

# Draft preview in the frontend (wagtail-headless-preview): the admin's Preview opens FRONTEND_URL/preview/
# with a signed token, and the frontend reads the draft from /api/v2/page_preview/. Tokens expire.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": f"{FRONTEND_URL.rstrip('/')}/preview/"},
    "REDIRECT_ON_PREVIEW": True,
}
PREVIEW_TOKEN_SECONDS = env_int("PREVIEW_TOKEN_SECONDS", 3600)

# Discussions: comments through django-comments-xtd (model in feedback/models.py). Only
# signed-in, eligible accounts post through our API (feedback/discussions/), so xtd's own e-mail
# confirmation, anonymous posting and avatars are off; three levels of threading (0, 1, 2).
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "feedback.models.DiscussionComment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_DEFAULT_FOLLOWUP = False
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "users",
        "allow_flagging": True,
        "allow_feedback": False,
        "show_feedback": False,
    }
}
COMMENTS_XTD_API_GET_USER_AVATAR = "feedback.discussions.posting.no_avatar"
# django-contrib-comments stores bodies up to its COMMENT_MAX_LENGTH (3000, the default: changing it would
# alter its migration state); our own limit stays within it.
DISCUSSION_COMMENT_MAX_LENGTH = 3000
# How many members' flags hide a comment of a post-moderated discussion until a moderator looks at it.
DISCUSSION_FLAGS_TO_HIDE = env_int("DISCUSSION_FLAGS_TO_HIDE", 3)
# Only flags of accounts this many days old with a verified e-mail (and Champions', moderators') count towards
# hiding; newer accounts' flags bring the comment to the moderators without hiding it.
DISCUSSION_FLAG_TRUST_DAYS = env_int("DISCUSSION_FLAG_TRUST_DAYS", 7)
# Comments one account may flag per hour; more get 429 (moderators are not limited).
DISCUSSION_FLAGS_PER_HOUR = env_int("DISCUSSION_FLAGS_PER_HOUR", 10)
# Comments one account may post per minute; more get 429 (nothing already accepted is lost).
DISCUSSION_POSTS_PER_MINUTE = env_int("DISCUSSION_POSTS_PER_MINUTE", 20)

# Examples one account may submit per hour; more get 429 (replays of a submission with its idempotency key
# do not count).
SUBMISSIONS_PER_HOUR = env_int("SUBMISSIONS_PER_HOUR", 10)

# The licence the open-data downloads of the examples state (issue 16).
OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = env("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

# How long to wait before handing a down search engine the entries it missed, again.
SEARCH_OUTBOX_RETRY_SECONDS = env_int("SEARCH_OUTBOX_RETRY_SECONDS", 60)
SEARCH_OUTBOX_RETRY_MAX_SECONDS = env_int("SEARCH_OUTBOX_RETRY_MAX_SECONDS", 3600)
# Edition PDFs (guidance_pages.publications): a failed render is tried again after this delay, doubling (at
# most an hour), until this many attempts are spent.
EDITION_PDF_RETRY_SECONDS = env_int("EDITION_PDF_RETRY_SECONDS", 300)
EDITION_PDF_MAX_ATTEMPTS = env_int("EDITION_PDF_MAX_ATTEMPTS", 5)
# After a search engine failure, how long searches and indexing skip it (search/breaker.py).
SEARCH_BREAKER_SECONDS = env_int("SEARCH_BREAKER_SECONDS", 30)

# --- E (issue 18): the public page detail of API v2, cached as bytes (cms/headless/page_cache.py). A
# safety-net lifetime in seconds: generation tokens renewed by publishing are what invalidates. 0 = off.
PAGE_DETAIL_CACHE_SECONDS = env_int("PAGE_DETAIL_CACHE_SECONDS", 86400)

# --- C (issue 15): Champions and pilots ---
# Whether a Champion country's public page shows how much public feedback its people gave (off until the
# Champions agree to it).
CHAMPIONS_SHOW_FEEDBACK = env_bool("CHAMPIONS_SHOW_FEEDBACK", False)
