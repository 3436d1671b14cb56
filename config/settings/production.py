"""Production: every value that must not have a default is required."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The production profile needs {name} in the environment.")
    return value


SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
required("DATABASE_URL")
# E-mails leave with the deployment's own sender and links: named in the
# environment, else made from its first host, never "localhost".
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or f"Shiraka <no-reply@{ALLOWED_HOSTS[0]}>"
SERVER_EMAIL = os.environ.get("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
SITE_URL = (os.environ.get("SITE_URL") or f"https://{ALLOWED_HOSTS[0]}").rstrip("/")
DEBUG = env_bool("DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

# Reconnecting on every request cost 3-4x of throughput on PostgreSQL here
# (the primary and, when there is one, the read replica).
for _database in DATABASES.values():  # noqa: F405
    _database["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)

# Static files are served by the application itself (no separate web server needed).
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Behind a proxy that ends TLS and *sets* X-Forwarded-Proto (replacing what
# a client sent), SECURE_PROXY_SSL_HEADER=1 makes Django believe it. Off by
# default: without such a proxy any client could claim https (docs/deploy.md).
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's health check speaks plain HTTP to each host: answer it
# instead of redirecting it to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: browsers keep to https for a year. Subdomains and the preload list
# are on unless the deployment turns them off (docs/deploy.md); turning one off
# is a decision, so `check --deploy` stops warning about it.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
