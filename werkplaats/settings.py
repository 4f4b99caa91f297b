"""Settings, all from the environment (see README "Configuration" and .env.example).

Without any environment the site runs in its embedded default: DEBUG on, SQLite,
Celery tasks executed in-process, e-mail to the console. Production mode (DEBUG
off) refuses to start without SECRET_KEY and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DEBUG", default=True)
TESTING = env.bool("WERKPLAATS_TESTING", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="onveilige-ontwikkelsleutel-alleen-voor-make-run")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env(name, default="")]
    if missing:
        raise ImproperlyConfigured(
            "Production mode (DEBUG=False) needs these environment variables: "
            + ", ".join(missing)
            + ". See README.md, section Configuration."
        )
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",
    "django_htmx",
    "template_partials",
    "csp",
    "werkplaats.kern",
    "werkplaats",
    "werkplaats.verantwoording",
    "werkteams",
    "kenniscafes",
    "publicaties",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "werkplaats.kern.middleware.TaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "werkplaats.urls"
WSGI_APPLICATION = "werkplaats.wsgi.application"

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
                "csp.context_processors.nonce",
                "werkplaats.kern.context_processors.werkplaats",
                "werkplaats.kern.context_processors.csrf_marker",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]
FORM_RENDERER = "werkplaats.kern.forms.WerkplaatsFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    test_name = env("TEST_DATABASE_NAME", default="")
    if test_name:
        DATABASES["default"]["TEST"] = {"NAME": test_name}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "werkplaats.kern.cache.WerkplaatsRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="werkplaats"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "kern.Gebruiker"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "werkplaats.kern.views.ratelimited_view"
LOGIN_RATE = env("LOGIN_RATE", default="10/5m")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail: console by default; SMTP when EMAIL_URL is set (smtp://user:pass@host:port).
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Werkplaats <noreply@werkplaats.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20

# Celery. Without REDIS_URL tasks run in-process (make run); with it, a real worker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # every task is idempotent (outbox claims, sweepers)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "berichten-sweep": {"task": "kern.berichten_sweep_task", "schedule": 60.0},
    "opdrachten-sweep": {"task": "kern.opdrachten_sweep_task", "schedule": 60.0},
    "werkteams-herinneringen-sweep": {
        "task": "werkteams.herinneringen_sweep_task",
        "schedule": 300.0,
    },
}

# Security. Production values; the embedded default relaxes only what needs https.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy: no inline scripts or styles; htmx is configured by a
# <meta name="htmx-config"> so it injects no indicator style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'", "https:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

if TESTING:
    # Templates that exist only for the test suite (e.g. a test e-mail for the outbox).
    TEMPLATES[0]["DIRS"].append(BASE_DIR / "tests" / "templates")
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Benchmarks only: exposes /bench/leeg/, a bare view behind the same middleware (bench B1).
BENCH_ENDPOINTS = env.bool("BENCH_ENDPOINTS", default=False)

# Verantwoording: export files (served only through permission-checked views, never /media/).
VERANTWOORDING_EXPORT_MAP = Path(
    env("VERANTWOORDING_EXPORT_MAP", default=str(MEDIA_ROOT / "verantwoording-exports"))
)

# Kenniscafés: registrations and mailing-list sign-ups per IP address (Redis-backed
# cache, shared by all workers); reminders and retention run from beat.
KENNISCAFE_AANMELD_RATE = env("KENNISCAFE_AANMELD_RATE", default="10/10m")
CELERY_BEAT_SCHEDULE["kenniscafes-herinneringen"] = {
    "task": "kenniscafes.herinneringen_sweep_task",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["kenniscafes-bewaartermijn"] = {
    "task": "kenniscafes.aanmeldingen_anonymise_task",
    "schedule": 24 * 3600.0,
}
CELERY_BEAT_SCHEDULE["verantwoording-exports-sweep"] = {
    "task": "verantwoording.exports_sweep_task",
    "schedule": 300.0,
}

# Kennisbank search: words found in at least this many published publications get facet
# counts kept by a trigger (publicaties/migrations/0008); refreshed nightly by beat.
KENNISBANK_FREQUENTE_TERM_MIN = env.int("KENNISBANK_FREQUENTE_TERM_MIN", default=1000)
CELERY_BEAT_SCHEDULE["kennisbank-frequente-termen"] = {
    "task": "publicaties.termfacetten_rebuild_task",
    "schedule": 24 * 3600.0,
}

# Kennisbank upload limits in MB (checked by content type too; see publicaties/bestanden.py).
PUBLICATIES_MAX_BIJLAGE_MB = env.int("PUBLICATIES_MAX_BIJLAGE_MB", default=25)
PUBLICATIES_MAX_AUDIO_MB = env.int("PUBLICATIES_MAX_AUDIO_MB", default=150)
