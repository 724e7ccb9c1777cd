"""Settings shared by every environment. Values come from the environment (django-environ)."""

from pathlib import Path

import environ

from .environment import BASE_DIR, env

# Login lockout, rate limits, API tokens, Content-Security-Policy and the other headers.
from .security import *  # noqa: F403
from .security import BASEMAP_URL

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "leaflet",
    "axes",
    "django_ratelimit",
    "csp",
    "collaborations",
    "atlas_api",
    "atlas_web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "regioatlas.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "regioatlas.middleware.DataVersionOncePerRequestMiddleware",
    "regioatlas.middleware.DutchByDefaultMiddleware",  # before the ETags are made (issue 16)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "atlas_api.middleware.ApiHeadersMiddleware",
    "atlas_api.conditional.ConditionalGetMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # anonymous API reads: the compressed response per ETag, from the cache (issue 15)
    "atlas_api.response_cache.CompressedResponseCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "regioatlas.middleware.PermissionsPolicyMiddleware",
    # Last: turns a lockout found by the authentication backend into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regioatlas.urls"
WSGI_APPLICATION = "regioatlas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default="postgis://regioatlas:regioatlas@127.0.0.1:5432/regioatlas"
    )
}
DATABASES["default"]["ENGINE"] = "django.contrib.gis.db.backends.postgis"
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
# Persistent connections are checked before reuse in each request (and before each Celery
# task): after a PostgreSQL restart the next request reconnects instead of failing on a dead
# connection (docs/operations.md).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# JIT compilation costs more than it saves on this workload's short analytical queries.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# A database that does not answer fails a request after this many seconds, not after the
# operating system's TCP timeout.
DATABASES["default"]["OPTIONS"].setdefault(
    "connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=5)
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Read replica (optional; docs/operations.md "Past one machine") ------------------------
# DATABASE_REPLICA_URL adds the alias "replica" (a streaming replica of the primary): safe web
# requests read from it (regioatlas.db_router), everything else uses the primary. A client is
# pinned to the primary for REGIOATLAS_PRIMARY_PIN_SECONDS after its own write; a replica that
# does not accept a connection within DATABASE_REPLICA_CONNECT_TIMEOUT seconds is skipped for
# REGIOATLAS_REPLICA_COOL_OFF_SECONDS (reads go to the primary meanwhile).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
REGIOATLAS_PRIMARY_PIN_SECONDS = env.int("REGIOATLAS_PRIMARY_PIN_SECONDS", default=10)
REGIOATLAS_REPLICA_COOL_OFF_SECONDS = env.float("REGIOATLAS_REPLICA_COOL_OFF_SECONDS", default=10.0)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **DATABASES["default"],
        **environ.Env.db_url_config(DATABASE_REPLICA_URL),
        "ENGINE": "regioatlas.db_replica",
        "OPTIONS": {
            **DATABASES["default"]["OPTIONS"],
            "connect_timeout": env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=2),
        },
        # Tests have no replica: the alias reads the test database.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["regioatlas.db_router.PrimaryReplicaRouter"]

# Password rules (docs/security.md): at least 12 characters, not like the account's own
# attributes, not all digits, and not one of the 20,000 most common passwords of Django's list
# (CommonPasswordValidator: offline, taken from published breach corpora).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("REGIOATLAS_PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries are served straight from node_modules (npm ci; never copied into the
# repository): static/atlas/leaflet.js imports them as ../vendor/... (docs/adr/0004).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", BASE_DIR / "node_modules/leaflet/dist"),
    ("vendor/leaflet.vectorgrid", BASE_DIR / "node_modules/leaflet.vectorgrid/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))
MEDIA_URL = "/media/"

# --- Spatial policy -----------------------------------------------------------------------
# Storage SRID of every geometry column, and the SRID of GeoJSON/Leaflet output.
REGIOATLAS_SRID = 4326
API_SRID = 4326
RD_SRID = 28992

# --- Data ---------------------------------------------------------------------------------
_default_data_dir = BASE_DIR.parent / "shared" / "data"
REGIOATLAS_DATA_DIR = Path(env("REGIOATLAS_DATA_DIR", default=str(_default_data_dir)))
# Where downloaded public sources are cached when REGIOATLAS_DATA_DIR is absent.
REGIOATLAS_CACHE_DIR = Path(env("REGIOATLAS_CACHE_DIR", default=str(BASE_DIR / "var" / "cache")))

# --- Celery -------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="redis://127.0.0.1:6379/1")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# A task is acknowledged after it ran, so a message of a worker that died is delivered again;
# each worker takes one message at a time (a long BRE run holds back nothing else).
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sending a task never hangs a request: short connection timeouts, and one quick retry (which
# reconnects a pooled connection that a Redis restart broke). A task that cannot be sent
# stays in the outbox (collaborations.core.services.outbox) and is sent by the sweep.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
    # Redis gives an unacknowledged message (its worker died) to another worker after this
    # long. The outbox sweep usually resends sooner (REGIOATLAS_OUTBOX_LEASE_SECONDS); a
    # duplicate delivery is harmless (collaborations.core.services.outbox.job_run).
    "visibility_timeout": env.int("REGIOATLAS_BROKER_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
REGIOATLAS_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

# --- Leaflet ------------------------------------------------------------------------------
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (52.2, 5.3),
    "DEFAULT_ZOOM": 7,
    "MIN_ZOOM": 6,
    "MAX_ZOOM": 18,
    "TILES": [
        (
            "BRT Achtergrondkaart",
            BASEMAP_URL,
            {"attribution": "Kaartgegevens &copy; Kadaster", "maxZoom": 19},
        )
    ],
    "ATTRIBUTION_PREFIX": "CBS / PDOK, RvIG, Open State Foundation",
    "RESET_VIEW": False,
}

# --- REST framework and the API ------------------------------------------------------------
API_VERSION = "1.0.0"
API_PATH_PREFIX = "/api/"
API_BASE_URL = env("REGIOATLAS_API_BASE_URL", default="https://regioatlas.nl/api/v1")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "atlas_api.schema.ApiAutoSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "atlas_api.negotiation.FormatFirstNegotiation",
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_RENDERER_CLASSES": ["atlas_api.renderers.ApiJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "atlas_api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "atlas_api.throttling.SignedInRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("REGIOATLAS_THROTTLE_ANON", default="300/min"),
        "user": env("REGIOATLAS_THROTTLE_USER", default="1200/min"),
        "bre-analyses": env("REGIOATLAS_THROTTLE_BRE", default="30/hour"),
    },
    # 503 + Retry-After while the database cannot be reached; everything else as problem
    # details by atlas_api.exceptions.problem_exception_handler.
    "EXCEPTION_HANDLER": "atlas_api.unavailable.exception_handler",
    "URL_FORMAT_OVERRIDE": "formaat",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regioatlas API",
    "DESCRIPTION": (
        "Regionale samenwerking in Nederland als open data: gemeenten, provincies, "
        "samenwerkingsverbanden, thema's, indelingen en het netwerk van gedeelde "
        "samenwerkingsverbanden. Volgt de API Design Rules (NL)."
    ),
    "VERSION": API_VERSION,
    "CONTACT": {
        "name": "Regioatlas",
        "url": "https://regioatlas.nl/contact",
        "email": "regioatlas@minbzk.nl",
    },
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVERS": [{"url": API_BASE_URL, "description": "Regioatlas API v1"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "atlas_api.openapi.adr_postprocess",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}


def cache_config(url_variable: str, default: str) -> dict:
    """The cache named by an environment variable. A Redis cache (django-redis) fails open:
    short timeouts, and an error is a miss (reads) or a no-op (writes) instead of a 500 —
    logged and counted by regioatlas.resilience (DJANGO_REDIS_LOGGER below), never silent."""
    config = env.cache(url_variable, default=default)
    if config["BACKEND"] == "django_redis.cache.RedisCache":
        config.setdefault("OPTIONS", {}).update(
            {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env.float("REGIOATLAS_CACHE_CONNECT_TIMEOUT", 0.5),
                "SOCKET_TIMEOUT": env.float("REGIOATLAS_CACHE_TIMEOUT", 0.5),
            }
        )
    return config


CACHES = {"default": cache_config("CACHE_URL", "rediscache://127.0.0.1:6379/2")}
# Anonymous API reads as compressed responses per ETag from the cache (atlas_api/response_cache.py)
REGIOATLAS_RESPONSE_CACHE = env.bool("REGIOATLAS_RESPONSE_CACHE", default=True)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "regioatlas.cache"

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # Counts every cache error that django-redis ignored; logs one line per 10 s.
        "cache_fail_open": {"()": "regioatlas.resilience.FailOpenLogFilter", "part": "cache"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "regioatlas.cache": {"filters": ["cache_fail_open"]},
        # one JSON line per security event (collaborations/core/audit.py)
        "regioatlas.audit": {"level": "INFO"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# gis.W001: Debian bookworm's GDAL is 3.6 (a fixed choice of the project); it cannot block
# file/network access from spatial references. Regioatlas never passes user-supplied spatial
# reference definitions to GDAL: SRIDs are integers from a fixed allow-list (4326, 28992, 3857).
SILENCED_SYSTEM_CHECKS = ["gis.W001"]
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="regioatlas")
# --- Background jobs: the outbox (collaborations.core.services.outbox, docs/operations.md) ---------
# Every job is a row written in the transaction of the change that needs it; the sweep sends
# the rows the broker did not take (Redis was down), again after a lost message, and writes
# the worker heartbeat that /health/ready reports.
REGIOATLAS_OUTBOX_SWEEP_SECONDS = env.float("REGIOATLAS_OUTBOX_SWEEP_SECONDS", default=30.0)
REGIOATLAS_OUTBOX_RESEND_SECONDS = env.float("REGIOATLAS_OUTBOX_RESEND_SECONDS", default=300.0)
REGIOATLAS_OUTBOX_KEEP_DAYS = env.int("REGIOATLAS_OUTBOX_KEEP_DAYS", default=7)
# A running job's claim, renewed by its worker every third of this; a job whose claim ran out
# lost its worker (killed, host gone) and is run again by another worker.
REGIOATLAS_OUTBOX_LEASE_SECONDS = env.float("REGIOATLAS_OUTBOX_LEASE_SECONDS", default=60.0)
# A heartbeat older than this reports the worker as stale.
REGIOATLAS_WORKER_STALE_SECONDS = env.float(
    "REGIOATLAS_WORKER_STALE_SECONDS", default=3 * REGIOATLAS_OUTBOX_SWEEP_SECONDS + 10
)
CELERY_BEAT_SCHEDULE = {
    "reap-stale-clustering-runs": {
        "task": "collaborations.clustering_runs_reap_stale",
        "schedule": 600.0,
    },
    "outbox-sweep": {
        "task": "collaborations.outbox_sweep",
        "schedule": REGIOATLAS_OUTBOX_SWEEP_SECONDS,
        # A sweep that waited longer than one interval is replaced by the next one.
        "options": {"expires": REGIOATLAS_OUTBOX_SWEEP_SECONDS},
    },
}

# --- Registration (issue 6): accounts, roles, review, bulk import ---------------------------
# Permission rules live in collaborations/permissions.py; RoleBackend answers the admin's
# permission questions from them.
AUTHENTICATION_BACKENDS = [
    # First: refuses every login attempt while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Checks the password; answers no permission question (RoleBackend does).
    "collaborations.permissions.PasswordBackend",
    "collaborations.permissions.RoleBackend",
]
LOGIN_URL = "registration:login"
LOGIN_REDIRECT_URL = "registration:dashboard"
LOGOUT_REDIRECT_URL = "/"
# Password reset mails go through EMAIL_BACKEND (console in local.py, SMTP in production.py).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# Bulk import: limits of an upload, and the size above which it runs as a Celery job.
REGIOATLAS_IMPORT_MAX_BYTES = env.int("REGIOATLAS_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
REGIOATLAS_IMPORT_MAX_ROWS = env.int("REGIOATLAS_IMPORT_MAX_ROWS", default=5000)
REGIOATLAS_IMPORT_INLINE_MAX_BYTES = env.int(
    "REGIOATLAS_IMPORT_INLINE_MAX_BYTES", default=100 * 1024
)
# Request bodies: JSON and forms up to DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB), multipart
# uploads up to this (an import file plus its form); larger gets 413 (regioatlas.limits).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
REGIOATLAS_UPLOAD_MAX_BYTES = env.int(
    "REGIOATLAS_UPLOAD_MAX_BYTES", default=REGIOATLAS_IMPORT_MAX_BYTES + 1024 * 1024
)
# Names of the enums of the write API in the OpenAPI document (several fields are "soort").
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "LidSoortEnum": ["gemeente", "provincie", "organisatie"],
        "ImportSoortEnum": ["samenwerkingsverbanden", "indeling"],
        "SoortIndelingEnum": ["samenwerking", "rijksindeling", "statistisch"],
        "LandEnum": ["nl", "be"],
    }
)

if DATABASE_REPLICA_URL:
    # Before anything that reads the database (sessions, conditional GET, authentication).
    MIDDLEWARE.insert(1, "regioatlas.db_router.ReadReplicaMiddleware")
