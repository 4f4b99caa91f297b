"""Settings, all from the environment (see README "Configuration" and .env.example).

Without any environment the site runs in production mode (DEBUG off) and refuses to
start without SECRET_KEY and ALLOWED_HOSTS. `make run` and the test suite turn DEBUG on:
the embedded default, with SQLite, Celery tasks executed in-process, e-mail to the console.
"""

import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

TESTING = env.bool("WERKPLAATS_TESTING", default=False)
# Off unless asked for: a forgotten variable must never expose tracebacks in production.
DEBUG = env.bool("DEBUG", default=TESTING)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="onveilige-ontwikkelsleutel-alleen-voor-make-run")
    # .localhost: every demo werkplaats of `make run` (zhz.localhost, nijmegen.localhost, ...).
    ALLOWED_HOSTS = env.list(
        "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", ".localhost", "[::1]"]
    )
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
# The national portal: served on these hosts, with its own URLconf. Every werkplaats is
# found by its own host names, kept in the database (beheer: "Werkplaatsen").
PORTAAL_HOSTS = env.list("PORTAAL_HOSTS", default=["localhost", "127.0.0.1"])
PORTAAL_URLCONF = "werkplaats.portaal.urls"
# Upgrading a single-werkplaats database: the host names of its site (default: the
# ALLOWED_HOSTS that name one host).
WERKPLAATS_HOSTS = env.list(
    "WERKPLAATS_HOSTS",
    default=[h for h in ALLOWED_HOSTS if h not in ("*", "[::1]") and not h.startswith(".")],
)

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
    # Reads the content version of the page cache and content cache once per request.
    "werkplaats.kern.paginacache.InhoudVersieMiddleware",
    # The werkplaats of the Host header, active for the rest of the request.
    "werkplaats.kern.middleware.WerkplaatsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "werkplaats.kern.middleware.WerkplaatsSessieMiddleware",
    "werkplaats.kern.middleware.TaalMiddleware",
    # Before CSRF: that middleware reads (and spools) the body of every POST.
    "werkplaats.kern.middleware.VerzoekGrootteMiddleware",
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
    },
    {
        # Plain-text mails: no HTML escaping, so "Sean O'Brien" and "Armoede & schulden"
        # arrive as typed. It reads the same one-file-per-mail templates as the default engine,
        # but only their "onderwerp" and "tekst" partials (template#partial names), so its
        # loaders are wrapped in template-partials' loader by hand: the app wraps only the
        # default engine's. Used only by kern.services.bericht_render.
        "NAME": "tekst",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "autoescape": False,
            "builtins": ["template_partials.templatetags.partials"],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    },
]
FORM_RENDERER = "werkplaats.kern.forms.WerkplaatsFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Prepared statements (issue #13): a query sent a second time on a connection is
    # prepared, and PostgreSQL keeps its plan. Planning cost more than running most of
    # our small queries (1.5 ms against 0.5 ms for the team overview's UNION); a staff
    # page ran 40 % faster. Needs server-side binding (parameters sent apart from the
    # SQL). 0 turns it off, for a pooler in transaction mode that cannot keep statements.
    drempel = env.int("DATABASE_PREPARE_THRESHOLD", default=2)
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": drempel or None,
        **DATABASES["default"].get("OPTIONS", {}),
    }
    test_name = env("TEST_DATABASE_NAME", default="")
    if test_name:
        DATABASES["default"]["TEST"] = {"NAME": test_name}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run: requests, the in-process scheduler and eager tasks write from several
    # threads. IMMEDIATE takes the write lock when a transaction begins, so writers queue
    # (up to `timeout` seconds) instead of failing with "database is locked" when a read
    # lock cannot be upgraded, and a count made inside a transaction stays true until
    # commit (SQLite has no SELECT ... FOR UPDATE). WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
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

# Sessions are read from the cache and written through to the database: a cache round
# trip per request instead of a query (profiled for #13), and a Redis restart logs nobody
# out. A deactivated user is still refused on the next request (GebruikerBackend.get_user).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "kern.Gebruiker"
# ModelBackend with the user kept per content version in the process (kern/auth.py).
AUTHENTICATION_BACKENDS = ["werkplaats.kern.auth.GebruikerBackend"]
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
# Every limit keyed on "ip" asks this one helper for the real client address.
RATELIMIT_IP_META_KEY = "werkplaats.kern.clientip.client_ip"
# Failed logins per user name, and per client address (a classroom shares one address).
LOGIN_RATE = env("LOGIN_RATE", default="10/5m")
LOGIN_IP_RATE = env("LOGIN_IP_RATE", default="30/5m")

# Reverse proxies whose X-Forwarded-For is believed (IP addresses or networks, e.g.
# "172.16.0.0/12"). Empty: REMOTE_ADDR is the client, a forwarded header is ignored.
TRUSTED_PROXIES = [p.strip() for p in env.list("TRUSTED_PROXIES", default=[]) if p.strip()]
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _fout:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 10.0.0.0/8)."
        ) from _fout

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
CSRF_FAILURE_VIEW = "werkplaats.kern.views.csrf_mislukt_view"
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
    # Personal-link tokens are blanked in request log lines (gunicorn: gunicorn.conf.py).
    "filters": {"tokens": {"()": "werkplaats.kern.logboek.PersoonlijkeTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.server": {
            "handlers": ["console"],
            "filters": ["tokens"],
            "level": "INFO",
            "propagate": False,
        },
        # "Not Found: <path>" warnings of a wrong or erased personal link.
        "django.request": {"filters": ["tokens"]},
    },
}

if TESTING:
    # Templates that exist only for the test suite (e.g. a test e-mail for the outbox).
    for _engine in TEMPLATES:
        _engine["DIRS"].append(BASE_DIR / "tests" / "templates")
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Benchmarks only: exposes /bench/leeg/, a bare view behind the same middleware (bench B1).
BENCH_ENDPOINTS = env.bool("BENCH_ENDPOINTS", default=False)

# Verantwoording: export files (served only through permission-checked views, never /media/).
VERANTWOORDING_EXPORT_MAP = Path(
    env("VERANTWOORDING_EXPORT_MAP", default=str(MEDIA_ROOT / "verantwoording-exports"))
)

# Kenniscafés: valid registrations per client address (Redis-backed cache, shared by all
# workers). Sized for a class of thirty behind one school address, not for a script.
KENNISCAFE_AANMELD_RATE = env("KENNISCAFE_AANMELD_RATE", default="40/h")  # per café
KENNISCAFE_AANMELD_IP_RATE = env("KENNISCAFE_AANMELD_IP_RATE", default="100/h")  # all cafés
KENNISCAFE_ABONNEE_RATE = env("KENNISCAFE_ABONNEE_RATE", default="40/h")  # mailing list
KENNISCAFE_ONGELDIG_RATE = env("KENNISCAFE_ONGELDIG_RATE", default="100/10m")  # invalid posts
# Reminders and retention run from beat.
CELERY_BEAT_SCHEDULE["kenniscafes-herinneringen"] = {
    "task": "kenniscafes.herinneringen_sweep_task",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["kenniscafes-bewaartermijn"] = {
    "task": "kern.bewaartermijn_apply_task",
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

# Request bodies: a request announcing more than this is refused (413) before its body is
# read. The default fits a 10 MB evidence file of a werkteam; the kennisbank forms carry
# one audio file and a few attachments.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # form fields without the files
REQUEST_MAX_MB = env.int("REQUEST_MAX_MB", default=20)
REQUEST_MAX_MB_PER_URL = {
    naam: env.int(
        "KENNISBANK_REQUEST_MAX_MB",
        default=PUBLICATIES_MAX_AUDIO_MB + 4 * PUBLICATIES_MAX_BIJLAGE_MB,
    )
    for naam in ("publicaties:publicatie_create", "publicaties:publicatie_update")
}
