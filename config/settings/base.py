"""Settings shared by every profile, read from the environment.

Defaults make `make run` work on a fresh machine with SQLite; the production
profile refuses to start without the variables that must not have defaults.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    # Nested inlines on the convention's admin page (commitments in parties, measurements in objectives).
    "nested_admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Failed logins counted per account and address, in the database (shared by every worker and host).
    "axes",
    "core",
    "actors",
    "plans",
    "conventions",
    # Reminders and follows: who is told what, by e-mail and feeds (above the register, below the site).
    "follows",
    # The article assistant: a press article read into draft conventions (above conventions, below shiraka).
    "assistant",
    "shiraka",
]

# The apps whose models are the register: a write to any of them starts a new
# register version (core/cache.py), and the backup carries them all
# (shiraka/register.py).
REGISTER_APPS = ("actors", "plans", "conventions")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    # The database unreachable: 503 with Retry-After, never 500 (core/outage.py).
    "core.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every response and 304 for a matching If-None-Match (API sync, feeds).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous reads may go to the read replica; writers and staff read the primary (core/routers.py).
    "core.middleware.ReadReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Records who made each change in the history tables (after authentication).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a login refused by django-axes into the lockout answer (core/lockout.py).
    "axes.middleware.AxesMiddleware",
    # A page's 410 Gone for what was public and was withdrawn (core/gone.py).
    "core.gone.GoneMiddleware",
    # Last, so every middleware above still adds its headers to a cached answer.
    "core.cache.PublicCacheMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "django.template.context_processors.csp",
                "core.cache.fragments",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite file by default; DATABASE_URL (postgres://…) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# A read replica of the primary (PostgreSQL streaming replication): anonymous
# reads go there, writes and everything a writer reads stay on the primary
# (core/routers.py, core.middleware.ReadReplicaMiddleware).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
POSTGRESQL_ENGINES = {"django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis"}
for _database in DATABASES.values():
    _options = _database.setdefault("OPTIONS", {})
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        # Writers lock the database when their transaction begins, not when they
        # first write: two saves at once then queue (up to `timeout` seconds)
        # instead of one failing with "database is locked" (core/locking.py).
        _options.update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    elif _database["ENGINE"] in POSTGRESQL_ENGINES:
        # No JIT compilation: our queries are short, and PostgreSQL's default
        # (jit=on) spent 366 of the 534 ms of related_conventions compiling.
        # Sent as a startup parameter, so it holds for every connection we open.
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DATABASE_ROUTERS = ["core.routers.PrimaryReplicaRouter"] if "replica" in DATABASES else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out account and address before any
# password is checked (it authenticates nobody itself).
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

# French first: the default language of the interface and of the data.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("Français")),
    ("ar", _("Arabe")),
    ("en", _("Anglais")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

# django-modeltranslation: French is required, the others fall back to it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
MODELTRANSLATION_AUTO_POPULATE = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded documents on S3-compatible storage (django-storages) when a bucket is
# named, so that every app host sees the same files. The keys are read by
# django-storages from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the
# environment, never copied into settings. docs/deploy.md.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            # Plain (unsigned) addresses: public pages and exports are cached,
            # and a signed address would expire inside a cached page.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            # Two uploads of "convention.pdf" must not overwrite each other
            # (django-storages overwrites by default; the file system never does).
            "file_overwrite": False,
        },
    }

# Signed documents are PDFs; anything bigger than this is refused by the form.
DOCUMENT_MAX_UPLOAD_MB = env_int("DOCUMENT_MAX_UPLOAD_MB", 25)
# Spreadsheets imported into the register (admin page and import_conventions).
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 10)
# What an imported sheet may hold, whatever it declares (core/spreadsheets/reading.py):
# a file over any cap is refused before it costs time or memory.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 100)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 10_000)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 200_000)
# An .xlsx is a zip: the size of its parts once unzipped.
IMPORT_MAX_UNZIPPED_MB = env_int("IMPORT_MAX_UNZIPPED_MB", 100)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# The register's cache (core/cache.py) must be shared by every worker and
# host: Redis when REDIS_URL is set, else a table of the database. The API's
# rate limits count there too: counted in each process's memory, 4 workers
# let 344 anonymous requests through in 4 s against 120 a minute.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": REDIS_URL},
        "throttle": {"BACKEND": "core.redis_cache.RedisCache", "LOCATION": REDIS_URL},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "shiraka_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
        },
        "throttle": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "shiraka_cache",
            "KEY_PREFIX": "throttle",
            "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
        },
    }
REGISTER_CACHE_ALIAS = "default"
# Anonymous pages and API reads served from that cache, keyed by the register's
# version (0 turns it off, e.g. to measure the pages themselves).
PUBLIC_CACHE = env_bool("PUBLIC_CACHE", True)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    # JSON with a nesting limit (a body nested 100 000 levels is a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "core.schema.ShirakaAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["core.throttling.AnonRateThrottle", "core.throttling.UserRateThrottle"],
    # Proxies in front of the app (a load balancer: 1): the rate limits then
    # count the client's address, not the balancer's, and a client cannot
    # choose its own by sending X-Forwarded-For (docs/deploy.md).
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
    },
}

# Brute force (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account from one address, on the admin login or POST /api/v1/token/, that
# pair is refused for AXES_COOLOFF_MINUTES (429, core/lockout.py), even with
# the right password; each new try during the lockout restarts it. Counted in
# the database, so every worker and host sees the same count. The address is
# the one the API's rate limits count (core.throttling.client_address, the
# NUM_PROXIES rule): X-Forwarded-For is ignored unless proxies are declared, so
# a client cannot reset its count by rotating it. `manage.py axes_reset_username
# NAME` lifts a lockout (docs/deploy.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
# Lockouts are read and lifted with the management commands, not in the admin.
AXES_ENABLE_ADMIN = False
# No banner on every manage.py command; failures and lockouts are still logged.
AXES_VERBOSE = False

SPECTACULAR_SETTINGS = {
    "TITLE": "Shiraka API",
    "DESCRIPTION": "Register of the partnership conventions of Morocco's industrial policy. "
    "Anonymous reads see published data only.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["core.schema.drop_slashed_exports"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.schema_opendata.add_open_data",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "core.dates.DatePrecision",
        "KnownDatePrecisionEnum": "conventions.api_write.MEASURED_PRECISIONS",
        "ActorKindEnum": "actors.models.Actor.Kind",
        "ActorNameKindEnum": "actors.models.ActorName.Kind",
        "PlanKindEnum": "plans.models.Plan.Kind",
        "PlanComponentKindEnum": "plans.models.PlanComponent.Kind",
        "ConventionKindEnum": "conventions.models.Convention.Kind",
        "SourceKindEnum": "conventions.models.Source.Kind",
        "DocumentKindEnum": "conventions.models.Document.Kind",
    },
}

# E-mail: the follow-up digest to actors and staff, and the follows of a
# search, an actor or a plan (follows/). Django 6.1's MAILERS (the EMAIL_*
# settings are deprecated): SMTP by default, its server from the environment;
# development prints to the console. Links in a message are made from
# SITE_URL: a command has no request to read the host from.


def mailer(backend: str) -> dict:
    """The default mailer: `backend`, with the SMTP server's options from the
    environment when it is the SMTP backend (others take none)."""
    if backend != "django.core.mail.backends.smtp.EmailBackend":
        return {"BACKEND": backend}
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            # A mail server that does not answer must not hold a command (or a page) forever.
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        },
    }


MAILERS = {"default": mailer(os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"))}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Shiraka <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# Subscriptions without an account (follows/): how long a confirmation link
# holds, how many subscribe forms one client address may send an hour, and
# how many follows one e-mail address may hold.
FOLLOW_CONFIRM_DAYS = env_int("FOLLOW_CONFIRM_DAYS", 7)
FOLLOW_SUBSCRIBE_RATE = os.environ.get("FOLLOW_SUBSCRIBE_RATE", "10/hour")
FOLLOW_MAX_PER_ADDRESS = env_int("FOLLOW_MAX_PER_ADDRESS", 20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
