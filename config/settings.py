"""The one settings module. Every value that differs between deployments is read from the
environment (see .env.example and README's configuration section). Defaults are safe for
production; `make run` sets DEBUG=true for local development.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_secret("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG:
    # Refuse to start a production process that would sign sessions with a guessable key
    # or answer for any host name.
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
elif not SECRET_KEY:
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105 (DEBUG only)

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "govuk_frontend_django",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
    "core",
    "organisations",
    "accounts",
    "declaration",
    "newsletter",
    "events",
    "fund",
    "projects",
    "tender",
    "guides",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a kept answer gets the CORS headers of the request in hand.
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.NotModifiedMiddleware",
    # Public pages, kept whole by the app servers in the "pages" cache (see
    # CACHE_MIDDLEWARE_ALIAS): outside everything that shapes a response, so a kept page
    # carries all its headers, and a page served from the cache skips all that work.
    "django.middleware.cache.UpdateCacheMiddleware",
    "django.middleware.cache.FetchFromCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside the API's middleware, whose cache headers win, and outside the session and CSRF
    # middleware, so it sees the cookies they set.
    "core.middleware.PublicPageCacheMiddleware",
    "api.middleware.OpenDataMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.service",
            ],
        },
    },
    {
        # Emails are plain text: nothing in them is HTML, so nothing is escaped ("Adur & Worthing"
        # must not arrive as "Adur &amp; Worthing"). core.email renders with this engine.
        "NAME": "email",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False},
    },
]
FORM_RENDERER = "core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rate-limit counts and the public pages, shared by every app server behind a
# load balancer. The database cache needs no other service; Redis (CACHE_URL=redis://…)
# answers without touching the database, which is what a national spike needs (see
# bench/RESULTS.md).
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// address, or unset for the database")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_entries",
            # Rate-limit counts are entries too: past this many the cache deletes a third of
            # them at random, so it must stay far above the number of clients in an hour.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:account"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in links: how long one stays valid, and how often one may be asked for.
SIGN_IN_LINK_MAX_AGE_MINUTES = env_int("SIGN_IN_LINK_MAX_AGE_MINUTES", 30)
SIGN_IN_RATE_PER_EMAIL = env_str("SIGN_IN_RATE_PER_EMAIL", "5/h")
SIGN_IN_RATE_PER_IP = env_str("SIGN_IN_RATE_PER_IP", "30/h")
STAFF_CODE_RATE = env_str("STAFF_CODE_RATE", "10/15m")
RATELIMIT_VIEW = "core.views.rate_limited"
# The database cache has no atomic increment, so under a burst a handful of extra attempts
# may pass before the limit bites; the limits are set with that in mind.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", "") or None

# The newsletter: how many subscribers one sending step writes to the outbox, subscribe
# limits, when a send that has stopped progressing is restarted, and how long an unconfirmed
# subscription is kept.
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_RATE_PER_IP = env_str("NEWSLETTER_RATE_PER_IP", "30/h")
NEWSLETTER_RATE_PER_EMAIL = env_str("NEWSLETTER_RATE_PER_EMAIL", "5/h")
NEWSLETTER_STALLED_AFTER_MINUTES = env_int("NEWSLETTER_STALLED_AFTER_MINUTES", 2)
NEWSLETTER_UNCONFIRMED_DAYS = env_int("NEWSLETTER_UNCONFIRMED_DAYS", 30)

# How long the senior approver's link to sign the declaration works.
DECLARATION_APPROVER_LINK_DAYS = env_int("DECLARATION_APPROVER_LINK_DAYS", 14)
# How often one lead may press "Submit" on their declaration.
DECLARATION_SUBMIT_RATE = env_str("DECLARATION_SUBMIT_RATE", "10/h")

# How often one member may press "Submit" on a new event.
EVENT_SUBMIT_RATE = env_str("EVENT_SUBMIT_RATE", "10/h")
# Booking places at the programme's events: how long a freed place offered to the next person
# on the waiting list stays theirs to accept, and how often one address may post a booking.
EVENT_PLACE_OFFER_HOURS = env_int("EVENT_PLACE_OFFER_HOURS", 48)
EVENT_BOOKING_RATE_PER_IP = env_str("EVENT_BOOKING_RATE_PER_IP", "20/h")

# The Local Digital Fund's grants as 360Giving data name their funder by org-id: GB-GOR is
# the government organisation register, in which the ministry is D4.
FUND_FUNDER_ORG_ID = env_str("FUND_FUNDER_ORG_ID", "GB-GOR-D4")
FUND_FUNDER_NAME = env_str("FUND_FUNDER_NAME", "Ministry of Housing, Communities and Local Government")
# How many questions about the fund's rounds one person may send.
FUND_QUESTION_RATE = env_str("FUND_QUESTION_RATE", "10/h")

# Funded projects: how often one team member may post an update or an output, and the
# largest file an output may carry.
PROJECT_POST_RATE = env_str("PROJECT_POST_RATE", "20/h")

# The Tender: how many questions on needs one supplier's person may send.
TENDER_QUESTION_RATE = env_str("TENDER_QUESTION_RATE", "10/h")

# Community guides: how many saves (edits, reverts, image uploads) one person may make, and
# the largest image they may upload.
GUIDE_EDIT_RATE = env_str("GUIDE_EDIT_RATE", "30/h")
GUIDE_IMAGE_MAX_MB = env_int("GUIDE_IMAGE_MAX_MB", 5)

# The API and open data downloads: requests a client address may make, and how long a shared
# cache may keep an answer. Any website may read them from a browser (CORS), never write.
API_RATE = env_str("API_RATE", "300/m")
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 300)
# How long a shared cache may keep a page as an anonymous visitor sees it (see
# core.middleware). Nothing purges that cache: this is how long a publication takes to show.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60)
# The app servers keep those pages too, whole, for as long: requests that miss nginx's cache
# (several nginx servers, or none) still render a public page once a minute, not once a visit.
# Django's cache middleware keeps only what core.middleware marked public.
CACHES["pages"] = CACHES["default"]
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
CACHE_MIDDLEWARE_SECONDS = PUBLIC_PAGE_CACHE_SECONDS
CORS_URLS_REGEX = r"^/(api|data)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
OUTPUT_MAX_UPLOAD_MB = env_int("OUTPUT_MAX_UPLOAD_MB", 20)
# Form fields are small; files stream to a temporary file past 2.5 MB instead of memory, and
# one form carries one file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 1

OTP_TOTP_ISSUER = "Local Digital"
# Authenticator keys are secrets: not even programme admins see them in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Background work runs from the database queue (`manage.py run_worker`), so the service
# needs no extra server. Tests run tasks immediately instead.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }.get(TASKS_BACKEND, TASKS_BACKEND),
    }
}

# A message still being sent after this many seconds was in the hands of a worker that died.
OUTBOX_STUCK_AFTER_SECONDS = env_int("OUTBOX_STUCK_AFTER_SECONDS", 600)

# Email. One channel per deployment: GOV.UK Notify in production, the console for `make run`,
# memory in tests, SMTP where a deployment has its own relay.
EMAIL_CHANNEL = env_str("EMAIL_CHANNEL", "console" if DEBUG else "notify")
EMAIL_BACKEND = {
    "notify": "core.notify.NotifyEmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}.get(EMAIL_CHANNEL)
if EMAIL_BACKEND is None:
    raise ImproperlyConfigured("EMAIL_CHANNEL must be one of notify, smtp, console, locmem")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Local Digital <noreply@localdigital.example>")
NOTIFY_API_KEY = env_secret("NOTIFY_API_KEY")
NOTIFY_TEMPLATE_ID = env_str("NOTIFY_TEMPLATE_ID")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
if EMAIL_CHANNEL == "notify" and not (NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID):
    raise ImproperlyConfigured("EMAIL_CHANNEL=notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# HTTPS and security headers. HTTPS is on unless DEBUG; behind a load balancer that ends TLS,
# set SECURE_PROXY_SSL_HEADER so Django knows the original scheme.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthcheck$"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Flash messages ride in the session, so the service sets no cookie beyond the two on /cookies.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# The one inline script (in templates/base.html) is allowed by its hash, not a nonce: a nonce
# would make every response differ, and a shared cache would hand the same one to everyone.
# Editing that script means recomputing the hash (core/tests/test_content_security_policy.py
# says so when it no longer matches).
BASE_TEMPLATE_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, BASE_TEMPLATE_SCRIPT_HASH],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

SERVICE_NAME = "Local Digital"
SERVICE_PHASE = "beta"
FEEDBACK_EMAIL = env_str("FEEDBACK_EMAIL", "feedback@localdigital.example")
