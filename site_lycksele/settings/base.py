"""Settings shared by every environment, read from environment variables.

Per-app settings are prefixed (NETWORK_..., PRESS_..., ACTIVITIES_...) and read
through each app's ``conf.py`` with defaults, so this file only wires.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from site_lycksele.observability import init_sentry, logging_config

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "home",
    "network",
    "activities",
    "press",
    "search",
    "applications",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "anymail",
    "corsheaders",
    "csp",
    "axes",
    "site_lycksele",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's "10 minutes ago" comes from humanize's naturaltime; installed, its Swedish is loaded.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "site_lycksele.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (which serves its own pre-compressed static files) and above the
    # page cache, so pages are compressed whether rendered or served from the cache.
    # Django's GZipMiddleware (random padding against BREACH, weakened ETags), for text types.
    "site_lycksele.middleware.TextGZipMiddleware",
    # Cache-Control for the edge (site_lycksele.edge), page cache hits included.
    "site_lycksele.edge.EdgeCacheControlMiddleware",
    "site_lycksele.middleware.PageCacheMiddleware",
    # A page rendered (not served from the cache) reads the view restrictions once.
    "home.visibility.ViewRestrictionsMiddleware",
    # The Site and the page an address routes to, kept per content version (home.routing).
    "home.routing.RouteCacheMiddleware",
    "site_lycksele.middleware.PreviewFramingCSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.association: the host's association, or the one chosen in the admin.
    "home.associations.AssociationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "site_lycksele.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "site_lycksele.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_menu",
            ],
        },
    },
]

WSGI_APPLICATION = "site_lycksele.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# SQLite has one writer at a time. Django's default (deferred) transactions take the write lock
# only at their first write, and a transaction that has read cannot wait for it: it fails at once
# with "database is locked" (an autosave and a publish at the same moment). IMMEDIATE takes the
# lock at BEGIN, so the second writer waits (up to `timeout` seconds); WAL lets readers go on
# while someone writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "site_lycksele.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "lycksele"),
            # An unreachable Redis must cost little: the backend then serves without it for a while.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

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

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Serve the images under MEDIA_ROOT from Django, as nginx does in production (the test servers).
SERVE_MEDIA_IMAGES = False


# Uploads (images, documents): the MEDIA_ROOT folder, or with AWS_STORAGE_BUCKET_NAME an
# S3-compatible bucket (django-storages), which several web hosts can share. The bucket stays
# private: image URLs are signed (AWS_QUERYSTRING_AUTH) unless a public AWS_S3_CUSTOM_DOMAIN
# serves them, and documents never leave it but through Wagtail's permission-checking view.
def media_storage():
    """The default storage: S3 when AWS_STORAGE_BUCKET_NAME is set, else the MEDIA_ROOT folder."""
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            # Longer than PAGE_CACHE_TIMEOUT: a cached page never holds an expired image URL.
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
            "default_acl": None,
            "file_overwrite": False,
        },
    }


MEDIA_STORAGE = media_storage()
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Documents are always streamed by Wagtail's serve view, which checks the collection's view
# restriction; "redirect" (Wagtail's default for remote storages) would hand out the storage URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: anymail's backend for the configured provider; without one, emails are
# written as files under var/mail/ so nothing leaves the machine.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Samordningsförbundet Lycksele <info@samordningsforbundet-lycksele.se>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ANYMAIL_ESP = os.environ.get("ANYMAIL_ESP", "").strip().lower()
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and key not in {"ANYMAIL_ESP", "ANYMAIL_WEBHOOK_SECRET"}
}
if os.environ.get("ANYMAIL_WEBHOOK_SECRET"):
    ANYMAIL["WEBHOOK_SECRET"] = os.environ["ANYMAIL_WEBHOOK_SECRET"]
if ANYMAIL_ESP:
    EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))

# Celery: without a broker, tasks run in-process so `make run` needs nothing else.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_RESULT_BACKEND = os.environ.get(
    "CELERY_RESULT_BACKEND", CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else ""
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One worker process running two tasks in threads. The work is mostly waiting on PostgreSQL and
# the provider, so two threads send a 50,000-recipient mailing as fast as two forked processes
# did, in half the memory (bench/fanout.py, PSS: about 140 MB against 290 MB). Change the pool
# here or in the environment: a configured pool wins over `celery worker --pool prefork`.
CELERY_WORKER_POOL = os.environ.get("CELERY_WORKER_POOL", "threads")
CELERY_WORKER_CONCURRENCY = int(os.environ.get("CELERY_WORKER_CONCURRENCY", "2"))
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A short connect timeout: publishing must not hang on an unreachable broker (network.tasks.enqueue).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "site_lycksele.tasks.heartbeat_task",
        "schedule": 60.0,
    },
    "publish-scheduled": {
        "task": "home.tasks.publish_scheduled_task",
        "schedule": crontab(minute="*"),
    },
    "network-purge-unconfirmed": {
        "task": "network.gdpr.purge_unconfirmed_task",
        "schedule": crontab(hour=3, minute=17),
    },
    # Often, so that a killed worker's deliveries are retried within NETWORK_LEASE + 20 s.
    "network-sweep": {
        "task": "network.tasks.sweep_mailings_task",
        "schedule": 20.0,
    },
}
if "activities" in INSTALLED_APPS:
    # The task itself sends only from the month's first weekday on (always one of days 1-3).
    CELERY_BEAT_SCHEDULE["activities-monthly-report"] = {
        "task": "activities.tasks.send_monthly_report_task",
        "schedule": crontab(hour=7, minute=0, day_of_month="1-3"),
    }
if "applications" in INSTALLED_APPS:
    CELERY_BEAT_SCHEDULE["applications-erase-closed"] = {
        "task": "applications.tasks.erase_closed_applications_task",
        "schedule": crontab(hour=3, minute=41),
    }
    # Receipts and decision notices that could not be queued (broker away) or sent (email server
    # away) are queued again.
    CELERY_BEAT_SCHEDULE["applications-applicant-emails"] = {
        "task": "applications.tasks.sweep_applicant_emails_task",
        "schedule": 300.0,
    }

# /healthz answers 503 when no Celery worker has been seen for this many seconds (beat sends a
# heartbeat every 60 s, and every task a worker runs counts too).
HEALTH_WORKER_SILENCE_LIMIT = int(os.environ.get("HEALTH_WORKER_SILENCE_LIMIT", "300"))

# Wagtail
WAGTAIL_SITE_NAME = "Samordningsförbundet Lycksele"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Nothing leaves the site unasked: no avatar requests to gravatar.com when an editor opens the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "site_lycksele.search_backend",
        "SEARCH_CONFIG": "swedish",
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = 50
# Rich text leaves the API as display HTML (links resolved; made absolute by site_lycksele/api.py).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(api/v2|embed)/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Logs: standard output, each line with time, level, logger and request id; LOG_FORMAT=json
# writes JSON lines. Celery workers log through the same configuration.
LOGGING = logging_config(os.environ.get("LOG_FORMAT", "text").strip().lower(), os.environ.get("LOG_LEVEL", "INFO"))
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Errors go to Sentry when SENTRY_DSN is set; without it nothing is sent anywhere.
if os.environ.get("SENTRY_DSN"):
    init_sentry(
        os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", ""),
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Security headers on every response; production adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4) for the public site. The Wagtail admin
# runs inline scripts and styles of its own, so it is excluded; its pages still
# get X-Frame-Options and the other headers above.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": env_list(
            "CSP_FRAME_SRC", "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com"
        ),
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# django-axes: lock out repeated failed logins per user name and client address
# (AXES_FAILURE_LIMIT), per user name from any address and per address for any user
# name, each with its own limit (site_lycksele.throttling.LockoutHandler).
# Behind reverse proxies, TRUSTED_PROXY_COUNT says how many of them append to
# X-Forwarded-For; the client address is read from the entry the outermost proxy
# wrote, and only on connections from TRUSTED_PROXY_NETWORKS (default: loopback and
# private ranges), so a client cannot spoof it by sending the header itself, through
# the proxy or past it. Every limit of the site reads the address the same way
# (network.ratelimit.client_ip).
AXES_HANDLER = "site_lycksele.throttling.LockoutHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "10"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
# An attempt refused by a lockout guesses nothing: it neither counts nor extends the lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_COOLOFF_MESSAGE = _("För många misslyckade inloggningar. Försök igen om en stund.")
AXES_PERMALOCK_MESSAGE = _("För många misslyckade inloggningar. Kontakta en administratör.")
AXES_CLIENT_IP_CALLABLE = "network.ratelimit.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXY_NETWORKS = env_list("TRUSTED_PROXY_NETWORKS")
NETWORK_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
NETWORK_TRUSTED_PROXY_NETWORKS = TRUSTED_PROXY_NETWORKS
# Password reset requests (site_lycksele.throttling.PasswordResetView) per client address and per account.
PASSWORD_RESET_ADDRESS_LIMIT = 5
PASSWORD_RESET_ACCOUNT_LIMIT = 3
PASSWORD_RESET_WINDOW = 3600  # seconds

# Full-page cache for anonymous visitors (site_lycksele.cache), purged on every
# publish, unpublish and delete. Query strings other than these bypass it.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
# The public listings' pagination and filter parameters (home, press, activities, search).
PAGE_CACHE_QUERY_PARAMS = ["page", "sida", "tagg", "ar", "status", "typ", "year", "channel", "responsible"]
PAGE_CACHE_EXCLUDE_PREFIXES = [
    "/admin/",
    "/api/",
    "/documents/",
    "/healthz",
    "/media/",
    "/natverket/",
    "/static/",
]

# The edge cache (Varnish, deploy/varnish/) keeps what carries s-maxage: public pages for
# anonymous visitors (site_lycksele.edge). Browsers revalidate (max-age 0 by default).
# With FRONTEND_CACHE_URL (Varnish's address, e.g. http://varnish:80) every publication purges
# what it made stale there, and `manage.py purge_page_cache` (each deploy) purges everything.
EDGE_CACHE_TTL = int(os.environ.get("EDGE_CACHE_TTL", "600"))
EDGE_BROWSER_MAX_AGE = int(os.environ.get("EDGE_BROWSER_MAX_AGE", "0"))
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {"varnish": {"BACKEND": "site_lycksele.edge.VarnishBackend", "LOCATION": FRONTEND_CACHE_URL, "TIMEOUT": 2}}
    if FRONTEND_CACHE_URL
    else {}
)
