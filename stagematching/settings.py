"""Settings for Stagematching, driven by environment variables (see README, "Configuration").

Production differs from development only in environment values. With DJANGO_DEBUG off a
missing DJANGO_SECRET_KEY aborts startup.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from stagematching.envvars import env_bool, env_int

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off a secret key is required: "
            "set DJANGO_SECRET_KEY to a random string of at least 50 characters."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

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
    "axes",
    # Our apps, bottom layer first: an app may import the apps listed before it, never after.
    "catalog",
    "accounts",
    "programmes",
    "spreadsheets",
    "companies",
    "students",
    "placements",
    "followup",
    "matching",
    "cockpit",
    "privacy",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every query of school data in the request is scoped to the user's institution.
    "accounts.tenancy.TenancyMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.RoleAccessMiddleware",
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    # A login or a POST stamps User.last_seen_at (at most once an hour); a GET never writes.
    "accounts.middleware.LastSeenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stagematching.urls"

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
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
                "matching.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "stagematching.wsgi.application"
ASGI_APPLICATION = "stagematching.asgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several requests and the in-process tasks share one file: wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: a page's aggregate over 10,000 students is estimated above
    # jit_above_cost and spent 90 ms compiling for a query that runs in 80 ms.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id first (accounts/hashers.py); PBKDF2 stays so a password stored before still logs
# in, and is stored again with Argon2id at that login.
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Validity of password-reset and invitation links (seconds); both stop working once used.
PASSWORD_RESET_TIMEOUT = env_int("DJANGO_PASSWORD_RESET_TIMEOUT", 7 * 24 * 3600)

# SBB recognition checks older than this are flagged for a re-check.
RECOGNITION_MAX_AGE_DAYS = env_int("RECOGNITION_MAX_AGE_DAYS", 365)

# Staff sessions end after this many seconds without a request.
STAFF_SESSION_IDLE_SECONDS = env_int("DJANGO_STAFF_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 14 * 24 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lock out repeated failed logins per (username, IP), so an attacker cannot lock out a school.
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.axes.username_from"
AXES_SENSITIVE_PARAMETERS = ["password", "token", "new_password1", "new_password2"]
# The login access log (axes: who logged in, when, from which address) is kept this many days,
# then the daily housekeeping task removes it (accounts.services.login_log_prune).
LOGIN_LOG_RETENTION_DAYS = env_int("DJANGO_LOGIN_LOG_RETENTION_DAYS", 90, minimum=1)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: with EMAIL_URL set (e.g. smtp+tls://user:pw@host:587) it is sent; without it every
# message is written to a file in EMAIL_FILE_PATH (outbox/, not in git) and the console only
# says that one was written: addresses and links with tokens never reach the logs.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "stagematching.mail.OutboxBackend"
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "outbox"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Stagematching <noreply@stagematching.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Celery. With REDIS_URL (or CELERY_BROKER_URL) a worker and beat take the tasks. Without a
# broker, tasks run in-process (tests, a bare `manage.py runserver`). `make run` starts a
# worker and beat on an embedded broker that needs nothing installed: kombu's filesystem
# transport, CELERY_BROKER_URL=filesystem:// (folders under CELERY_DATA_DIR).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_DATA_DIR = Path(env.str("CELERY_DATA_DIR", default=str(BASE_DIR / ".celery")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    for folder in ("queue", "processed", "results", "control"):
        (CELERY_DATA_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
    _default_backend = f"file://{CELERY_DATA_DIR / 'results'}"
    CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_DATA_DIR / "beat-schedule")
else:
    _default_backend = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_default_backend) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # progress lives on the rows (Run.progress), not in results
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Sends the e-mail that is due (release mail at the release moment, invitations, reminders).
    # Enqueueing asks a worker already; this sweep catches anything that request missed, so
    # mail goes out within a minute of its moment. Visibility itself never waits for it.
    "outbox": {"task": "accounts.tasks.dispatch_outbox_task", "schedule": 20.0},
    # A run whose worker died (RUNNING beyond the task time limit) is put back and run again
    # with the same snapshot and seed; a redelivered task alone would see RUNNING and stop.
    "stale-runs": {"task": "matching.tasks.requeue_stale_runs_task", "schedule": 300.0},
    # After a deploy with a new wording lexicon, re-checks every offer once (idempotent:
    # when all offers carry the current version it is one cheap query).
    "recheck-offer-texts": {
        "task": "companies.tasks.recheck_offer_texts_task",
        "schedule": 600.0,
    },
    # Mails the owner of each late planning step once (cockpit.services.overdue_mail).
    "planning-overdue": {"task": "cockpit.tasks.planning_overdue_task", "schedule": 3600.0},
    # Reminders from the planning's dates to students who have not submitted their form and
    # companies that have not signed or published (cockpit.reminders; one mail per date).
    "planning-reminders": {"task": "cockpit.tasks.planning_reminders_task", "schedule": 3600.0},
    # A worker stamps the time: the health endpoint (/gezond/) reports a worker alive while
    # the stamp is younger than HEALTH_WORKER_MAX_AGE seconds.
    "worker-heartbeat": {"task": "accounts.tasks.worker_heartbeat_task", "schedule": 30.0},
    # Placements: contact-moment warnings to the bpv-docent and end evaluations, each mail
    # once (idempotent through the outbox key), so the hourly run sends nothing twice.
    "followup-daily": {"task": "followup.tasks.followup_daily_task", "schedule": 3600.0},
    # Expired sessions and the login access log older than LOGIN_LOG_RETENTION_DAYS are
    # deleted (idempotent: a second run finds nothing).
    "housekeeping": {"task": "accounts.tasks.housekeeping_task", "schedule": 24 * 3600.0},
    # Retention: what passed its term (per school, privacy.kinds) is erased or pseudonymised,
    # once a day at night; idempotent, logged by count (privacy.services.purge).
    "privacy-purge": {
        "task": "privacy.tasks.privacy_purge_task",
        "schedule": crontab(hour=3, minute=30),
    },
}
HEALTH_WORKER_MAX_AGE = env_int("HEALTH_WORKER_MAX_AGE", 120)

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only
# (no inline script, event handler or style attribute: behaviour lives in static/js/ and is
# configured with data-* attributes), no plugins, no framing, forms post to this site only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Bootstrap draws checkboxes and selects as data: SVG
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Headers the SecurityMiddleware sets in every environment (these are Django's defaults,
# written out so a test and docs/security.md can point at them).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True  # scripts read the token from the form, never from the cookie

# The production configuration over plain HTTP, on a developer's machine only (a benchmark, a
# check of `make prod`): cookies without the Secure flag, no HTTPS redirect and no HSTS. It
# must be asked for by name and is refused when the site answers to any non-local host name.
INSECURE_LOCAL_HTTP = env_bool("DJANGO_INSECURE_LOCAL_HTTP", False)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]", "testserver"})
if INSECURE_LOCAL_HTTP and not set(ALLOWED_HOSTS) <= LOCAL_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_INSECURE_LOCAL_HTTP=1 (cookies without Secure, no HTTPS) is only for a "
        "developer's own machine, but DJANGO_ALLOWED_HOSTS also allows "
        f"{', '.join(sorted(set(ALLOWED_HOSTS) - LOCAL_HOSTS))}. Remove "
        "DJANGO_INSECURE_LOCAL_HTTP, or allow only 127.0.0.1 and localhost."
    )

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = not INSECURE_LOCAL_HTTP and env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = not INSECURE_LOCAL_HTTP
    CSRF_COOKIE_SECURE = not INSECURE_LOCAL_HTTP
    SECURE_HSTS_SECONDS = (
        0 if INSECURE_LOCAL_HTTP else env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    )
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)

# Logs carry no personal data: no names, e-mail addresses, passwords or tokens.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "accounts.logging.RedactTokensFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # axes logs usernames and IP addresses at INFO/WARNING.
        "axes": {"level": "ERROR"},
        "django.request": {"level": "ERROR"},
        # runserver's access log prints request paths, which may hold an activation token.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
