"""Settings for the «Наставничество» project: one file, fed by environment variables."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# A development key is fine while DEBUG is on; production must provide its own.
SECRET_KEY = env("SECRET_KEY") or (
    "dev-insecure-key-only-for-local-development-do-not-use-in-production" if DEBUG else ""
)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG=0")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "csp",
    "django_filters",
    # The job queue lives in PostgreSQL (its tables come with its migrations); workers run
    # `manage.py procrastinate worker` and talk to the database through psycopg 3.
    "procrastinate.contrib.django",
    "mentoring",
    "people",
    "notifications",
    "jobs",
    "accounts",
    "roadmap",
    "pairs",
    "reports",
    "reports.orders",
    "reports.events",
    "reports.surveys",
    "reports.monitoring",
    "reports.publication",
    "reports.evidence",
    "reports.exportlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outermost of what touches the database, so that an outage anywhere below becomes a 503 page.
    "mentoring.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "mentoring.middleware.CurrentOrganizationMiddleware",
    "mentoring.middleware.AuditContextMiddleware",
    # Axes must be last: it turns a lockout signal into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentoring.urls"
WSGI_APPLICATION = "mentoring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentoring.context_processors.navigation",
                "notifications.context_processors.unread",
            ],
        },
    },
]


def _database_url() -> str:
    """DATABASE_URL wins; otherwise the project-local cluster started by `make`."""
    url = env("DATABASE_URL")
    if url:
        return url
    local = BASE_DIR / "var" / "database_url"
    if local.exists():
        return local.read_text().strip()
    return "postgres://postgres@localhost:5432/mentoring"


DATABASES = {"default": dj_database_url.parse(_database_url(), conn_max_age=60, conn_health_checks=True)}
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DISABLE_SERVER_SIDE_CURSORS", False)
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# The history's admin page without facet counts: pghistory 3.9 breaks on Django 5's «?_facets».
PGHISTORY_ADMIN_CLASS = "mentoring.admin.EventsAdminWithoutFacets"

# Failed logins: five attempts per username and address, then a pause.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Password reset: at most this many mails per hour to one e-mail address and from one client address.
PASSWORD_RESET_LIMIT_PER_EMAIL = int(env("PASSWORD_RESET_LIMIT_PER_EMAIL", "3"))
PASSWORD_RESET_LIMIT_PER_CLIENT = int(env("PASSWORD_RESET_LIMIT_PER_CLIENT", "10"))


def _cache(url: str) -> dict:
    """The cache shared by every application server: PostgreSQL's table `django_cache` (made by
    `migrate`) unless CACHE_URL names Redis (`redis://host:6379/0`, `rediss://…`; the `redis`
    package must then be installed). `locmem://` keeps it in the process: one server only."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ValueError(f"CACHE_URL: redis://, rediss://, unix:// or locmem:// expected, not {url!r}")


CACHES = {"default": _cache(env("CACHE_URL"))}

# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
# from anyone else the header is ignored, so it cannot be forged to dodge or cause a lockout.
# An entry that is not an address or a network stops the start-up (ValueError) rather than trusting.
TRUSTED_PROXIES = [str(ipaddress.ip_network(p, strict=False)) for p in env_list("TRUSTED_PROXIES")]
AXES_CLIENT_IP_CALLABLE = "mentoring.lib.client_ip.client_ip"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["mentoring.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))


def _s3_options(bucket: str) -> dict:
    """Options of django-storages' S3Storage for an S3-compatible store (Yandex Object Storage,
    VK Cloud, MinIO, AWS). Objects stay private: every download passes the application's checks."""
    endpoint = env("S3_ENDPOINT_URL") or None
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env("S3_REGION") or None,
        # Empty keys leave boto3 its own chain (AWS_* variables, an instance role).
        "access_key": env("S3_ACCESS_KEY_ID") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
        "location": env("S3_PREFIX").strip("/"),
        # Most S3-compatible stores expect path-style addresses; AWS itself prefers virtual hosts.
        "addressing_style": env("S3_ADDRESSING_STYLE", "path" if endpoint else "auto"),
        "signature_version": "s3v4",
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": FILE_URL_EXPIRE,
        # As on disk: a second file of the same name gets a new name instead of replacing the first.
        "file_overwrite": False,
        # A download is read from the store into a temporary file that moves to disk above 5 MB.
        "max_memory_size": 5 * 1024 * 1024,
    }


# How a stored file reaches the user after the access check: "stream" — through the application;
# "redirect" — a signed link to the S3 store valid for FILE_URL_EXPIRE seconds (local disk streams).
FILE_DOWNLOADS = env("FILE_DOWNLOADS", "stream")
if FILE_DOWNLOADS not in ("stream", "redirect"):
    raise ValueError(f"FILE_DOWNLOADS: stream or redirect expected, not {FILE_DOWNLOADS!r}")
FILE_URL_EXPIRE = int(env("FILE_URL_EXPIRE", "60"))
S3_BUCKET = env("S3_BUCKET")
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options(S3_BUCKET)}
        if S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FONTS_DIR = BASE_DIR / "static" / "fonts"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: letters as files (staging).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH") or None
# The address printed on access slips and put into invitation links sent from the command line.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Наставничество <noreply@localhost>")

# Background jobs: tasks are found in each app's `tasks.py`; results are kept for JOB_RESULT_DAYS.
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
JOB_RESULT_DAYS = int(env("JOB_RESULT_DAYS", "7"))
# A worker that has not sent a heartbeat for this long is taken for dead and its jobs are retried.
JOB_STALLED_SECONDS = int(env("JOB_STALLED_SECONDS", "60"))
# An import of more rows than this is written by a job; a smaller one within the request.
IMPORT_JOB_THRESHOLD = int(env("IMPORT_JOB_THRESHOLD", "1000"))
# A pairs order with more pairs than this in its appendix is made as .docx by a job.
ORDER_DOCX_JOB_PAIRS = int(env("ORDER_DOCX_JOB_PAIRS", "100"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Sessions in PostgreSQL, so that any application server continues a session another one started.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

# Production hardening: on unless DEBUG, each overridable for a proxy that already does it.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL_HEADER", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts anywhere: every script is a file under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
