"""Settings shared by every environment; values that differ between machines come from the environment.

The variables are documented in the README ("Configuración").
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Application definition

INSTALLED_APPS = [
    # Project apps first, so their templates override Wagtail's.
    "accounts",
    "core",
    "home",
    "toolkits",
    "courses",
    "certificates",
    "quizzes",
    "reports",
    "cohorts",
    "practices",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.CocreaUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Security: login throttling, Content-Security-Policy, one-time passwords (TOTP)
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.forms",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.sessions.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

FORM_RENDERER = "core.forms.FormRenderer"

WSGI_APPLICATION = "lms.wsgi.application"

# Database: a SQLite file in the project unless DATABASE_URL says otherwise.

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# A PostgreSQL that does not answer must fail a request fast (a Spanish 503 page, see core.errors), not hold a web
# process until gunicorn kills it: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds, and a statement of a
# web request after DATABASE_STATEMENT_TIMEOUT_WEB. Workers (certificates, exports of reports) and commands may run
# longer statements. lms/wsgi.py marks its processes as web (LMS_PROCESS=web).
WEB_PROCESS = os.environ.get("LMS_PROCESS") == "web"
STATEMENT_TIMEOUT_SECONDS = float(
    os.environ.get("DATABASE_STATEMENT_TIMEOUT_WEB", "5")
    if WEB_PROCESS
    else os.environ.get("DATABASE_STATEMENT_TIMEOUT_OTHERS", "600")
)
# PostgreSQL's planner prices reading a page out of order at four times reading one in turn (random_page_cost),
# as on a spinning disk. This site's tables are small enough to stay in memory, on solid-state storage: priced so,
# a coordinator's report looks up its comuna's officials and then their enrolments by index, instead of reading
# every enrolment of the country (measured at 10,000 enrolments: 3.1 ms → 0.3 ms a query, see tests/reports).
RANDOM_PAGE_COST = float(os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
            "options": (
                f"-c statement_timeout={int(STATEMENT_TIMEOUT_SECONDS * 1000)} -c random_page_cost={RANDOM_PAGE_COST}"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: a local-memory cache unless CACHE_URL names a Redis server (required with several processes,
# because rate limits and cached fragments must be shared). Nothing in the cache is the only copy of anything, so
# an unreachable or slow Redis must cost a page its speed, never the page: django-redis ignores the cache's
# connection errors (a read answers "nothing kept", a write is dropped) and gives up on a Redis that does not
# answer within a quarter of a second, after which a process leaves it alone for a few seconds
# (``core.redis_guard``); ``core.log_filters.OncePerMinute`` keeps the log to one warning per process and minute
# while the outage lasts.

CACHE_URL = os.environ.get("CACHE_URL", "")
CACHE_TIMEOUT_SECONDS = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.25"))


def redis_cache(url):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": CACHE_TIMEOUT_SECONDS,
            "SOCKET_TIMEOUT": CACHE_TIMEOUT_SECONDS,
            "CONNECTION_POOL_CLASS": "core.redis_guard.FailFastConnectionPool",
        },
    }


#: Each process's own copies of what the published site loaded and rendered (``core.published``): page data and
#: the rendered lesson bodies and catalogue listings, kept until the next publication. Values are pickled, so every
#: read is a copy; rendered fragments are strings.
PUBLISHED_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "cocrea-published",
    "TIMEOUT": 24 * 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 3000},
}
CACHES = {
    "default": (
        redis_cache(CACHE_URL)
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cocrea"}
    ),
    "published": PUBLISHED_CACHE,
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "cocrea.cache"

# Sessions live in the database only: a cache in front of them would sign people out (or fail their requests)
# whenever Redis is unreachable, and a sign-out made while Redis could not be written would come back with it.
# Django's database sessions, each read by one plain statement (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"

# People

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "courses:dashboard"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes): five wrong passwords for one account from one client address lock that
# combination for 15 minutes. Never the address alone: a whole municipality may sign in from one address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the email field of both sign-in forms (front end and admin)
AXES_USERNAME_CALLABLE = "accounts.throttling.username"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful sign-in: data the platform does not need
AXES_VERBOSE = False
# How many proxies in front of the site append to X-Forwarded-For (production: the TLS proxy, so 1).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Two-factor authentication (django-otp, TOTP): available to everyone who can reach the admin; required for
# superusers where OTP_REQUIRED_FOR_SUPERUSERS is on (production).
OTP_TOTP_ISSUER = "Cocrea"
OTP_REQUIRED_FOR_SUPERUSERS = False

# Languages: Spanish first (unprefixed addresses), English under /en/.

LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español"), ("en", "English")]
# The project's own strings first; then, for Wagtail's admin, the strings Wagtail's Spanish catalogue lacks and its
# informal (tú) strings in the register of the rest of the site (usted). Both win over the apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "wagtail_es" / "locale"]
TIME_ZONE = "America/Santiago"
USE_I18N = True
USE_TZ = True

# Static files, compressed and with hashed names in production (see production.py), served by WhiteNoise.

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files only permission-checking views may serve (certificates): never under MEDIA_ROOT, which the proxy serves.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Request limits: Wagtail's page editor posts many fields; bodies stay bounded. Longer addresses and query
# strings are refused with 414 by core.middleware.RequestLimitMiddleware (the proxy should refuse them first).

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
REQUEST_MAX_PATH_LENGTH = 2_048
REQUEST_MAX_QUERY_STRING_LENGTH = 8_192

# Headers. The front end allows no inline script or style and no framing; the Wagtail admin gets its own,
# looser policy (see core.middleware.ContentSecurityPolicyMiddleware for why).

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Lesson videos (courses.blocks.VIDEO_HOSTS) play in the providers' own players.
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
# A page's preview, shown by the admin in its side panel: the front end's policy, framed by the site itself.
CONTENT_SECURITY_POLICY_PREVIEW = {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": ["'self'"]}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Email: the console in development; SMTP from the environment in production.

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cocrea <no-responder@cocrea.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker, tasks run in-process so the demo needs no service.
#
# A request hands work to Celery through ``core.background.enqueue_on_commit`` only, and must never wait for the
# broker: connecting and each socket operation give up within half a second, a send is tried once (the sweeps below
# repair what was not queued), and no result backend is touched, since no request reads a result
# (``task_ignore_result``; only the deployment check ``manage.py check_worker`` waits for one, with short timeouts
# and few retries of its own).

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
BROKER_SOCKET_TIMEOUT_SECONDS = 0.5
# A task not acknowledged within this time is handed to another worker, so a killed worker's tasks come back
# after it. It must outlast the longest task (the toolkit's decks: 21 minutes at most) and the longest retry
# delay (certificates: 10 minutes), or a task still running would be handed out twice;
# tests/resilience/test_broker.py checks both against every registered task.
VISIBILITY_TIMEOUT_SECONDS = 22 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": VISIBILITY_TIMEOUT_SECONDS,
    "socket_connect_timeout": BROKER_SOCKET_TIMEOUT_SECONDS,
    "socket_timeout": BROKER_SOCKET_TIMEOUT_SECONDS,
    # Sending: one more try at once, not kombu's default of retrying over seconds with pauses between.
    "max_retries": 1,
    "interval_start": 0,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "visibility_timeout": VISIBILITY_TIMEOUT_SECONDS,
    "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5},
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = BROKER_SOCKET_TIMEOUT_SECONDS
CELERY_REDIS_SOCKET_TIMEOUT = 2
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 6 * 60
CELERY_TIMEZONE = TIME_ZONE
# The sweeps repair what a lost message left undone (broker down when it was sent, a worker gone for good); each
# is a cheap query on indexed columns. They run when beat starts (``lms.celery``) and then every two minutes.
SWEEP_EVERY_SECONDS = 2 * 60
CELERY_BEAT_SCHEDULE = {
    # Toolkit PDFs whose task was lost (e.g. the broker was down when the method was published).
    "toolkit-pdfs": {"task": "toolkits.tasks.refresh_stale_pdfs", "schedule": SWEEP_EVERY_SECONDS},
    # Certificates whose task was lost (broker down when the course was completed, a worker gone for good).
    "certificates-issue-missing": {
        "task": "certificates.tasks.issue_missing_certificates",
        "schedule": SWEEP_EVERY_SECONDS,
    },
    "reports-sweep-exports": {"task": "reports.tasks.sweep_exports", "schedule": 10 * 60},
    # The summaries are kept current by every write; a nightly rebuild makes good whatever bypassed the models.
    "reports-refresh-summaries": {"task": "reports.tasks.refresh_summaries", "schedule": crontab(hour=3, minute=45)},
    # Reminders to the people of open cohorts: decided, recorded once and sent every hour (cohorts.reminders).
    "cohorts-reminders": {"task": "cohorts.tasks.evaluate_reminders", "schedule": crontab(minute=5)},
    # Lists of officials confirmed but not applied, or whose invitations did not all leave (cohorts.imports).
    "cohorts-invitation-lists": {"task": "cohorts.tasks.sweep_invitation_lists", "schedule": SWEEP_EVERY_SECONDS},
    "courses-recompute-progress": {
        "task": "courses.tasks.recompute_all_course_progress",
        "schedule": crontab(hour=3, minute=15),
    },
}
#: Sent by beat as soon as it starts (``lms.celery``), so a restart does not wait a whole interval to repair.
SWEEPS_AT_START = ["toolkits.tasks.refresh_stale_pdfs", "certificates.tasks.issue_missing_certificates"]

# Wagtail

WAGTAIL_SITE_NAME = "Cocrea"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
# The admin speaks the site's languages: a person without a preference gets the request's language (Spanish unless
# the browser asks for English), and the account page offers only these two.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Created by home/migrations/0003: Spanish stemming that ignores accents.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "spanish_unaccent"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# SVG: drawings for lessons' figures (courses.blocks.FigureBlock), shown in <img>, where an SVG runs no script.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "svg", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every document downloads as an attachment (Wagtail adds nosniff and a "default-src 'none'" policy): a PDF or
# text file uploaded by one person never renders inside the site's origin for another.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# No SVG (it can carry script) and no GIF/AVIF/HEIC: photographs and diagrams as JPEG, PNG or WebP.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Pages and documents restricted to signed-in people send visitors to the site's own, Spanish sign-in.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "accounts/login.html"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of every person's email address to a third party (and break the CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's own background jobs (search and reference index) run inline unless a TASKS backend is set.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "cache_outage": {
            "()": "core.log_filters.OncePerMinute",
            "message": "The cache does not answer; pages are served without it",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # An unreachable cache is reported by every request that touches it: once per process and minute is enough.
        "cocrea.cache": {"filters": ["cache_outage"]},
        # Wagtail logs every page action and django-tasks every inline job at INFO: too chatty for a console.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint reports each rendering step at INFO, fontTools each font subset.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Celery logs every task it runs; in-process (the demo, development) that floods the console.
        "celery.app.trace": {"level": "WARNING"},
    },
}


PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "privacidad@cocrea.test")
# What an official downloads from /cuenta/mis-datos/: one function per app that keeps records about people
# (see accounts.personal_data). Add yours here.
PERSONAL_DATA_EXPORTERS = [
    "accounts.personal_data.export_profile",
    "toolkits.personal_data.export_method_uses",
    "courses.personal_data.export_learning",
    "certificates.personal_data.export_certificates",
    "quizzes.personal_data.export_quiz_attempts",
    "reports.personal_data.export_report_requests",
    "cohorts.personal_data.export_reminders",
    "cohorts.personal_data.export_invitations",
    "practices.personal_data.export_practices",
]

# Text messages (cohorts.sms): "cohorts.sms.ConsoleBackend" logs them; a provider adapter goes here.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "cohorts.sms.ConsoleBackend")
# Bounced addresses (cohorts.bounces): the mail provider's webhook signs its body with this shared secret
# (HMAC-SHA256); empty turns the webhook off (``manage.py mark_bounced`` works either way).
BOUNCE_WEBHOOK_SECRET = os.environ.get("BOUNCE_WEBHOOK_SECRET", "")

# Public certificate verification: lookups per client address (see accounts.throttling.client_ip) and window.
CERTIFICATE_VERIFICATION_LIMIT = int(os.environ.get("CERTIFICATE_VERIFICATION_LIMIT", "30"))
CERTIFICATE_VERIFICATION_WINDOW = 10 * 60  # seconds
# The issuer's signing keys for verifiable credentials (``manage.py credential_keys``): a folder outside the
# database and MEDIA_ROOT, readable only by the site's user.
CREDENTIAL_KEYS_DIR = Path(os.environ.get("CREDENTIAL_KEYS_DIR", BASE_DIR / "keys"))
