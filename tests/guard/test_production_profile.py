"""The production profile's transport settings, read in a fresh interpreter
as a host would start it (nothing is contacted): HSTS for a year, the proxy's
X-Forwarded-Proto believed only when the deployment says so, and Django's
deployment checklist passing with the environment docs/deploy.md documents."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The variables the settings read: a test starts from none of them.
SETTINGS_VARIABLES = ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "CONN_MAX_AGE", "REDIS_URL", "NUM_PROXIES")
SETTINGS_PREFIXES = ("DATABASE_", "SECURE_", "AWS_", "AXES_", "CSRF_", "DJANGO_")
# The required variables of docs/deploy.md, as a host sets them.
REQUIRED = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "shiraka.ma",
    "DATABASE_URL": "postgres://shiraka:motdepasse@db-primary:5432/shiraka",
}
# docs/deploy.md's `make serve` example: the fleet behind a load balancer.
FLEET = {
    **REQUIRED,
    "DATABASE_REPLICA_URL": "postgres://shiraka:motdepasse@db-replica:5432/shiraka",
    "REDIS_URL": "redis://cache:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "shiraka-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.test",
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "secret-example",
    "NUM_PROXIES": "1",
    "SECURE_PROXY_SSL_HEADER": "1",
}
PRINT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({name: getattr(settings, name, None) for name in (
    "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SILENCED_SYSTEM_CHECKS", "AXES_FAILURE_LIMIT", "AUTHENTICATION_BACKENDS",
)}, default=str))
"""


def environment(**variables):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in SETTINGS_VARIABLES and not key.startswith(SETTINGS_PREFIXES)
    }
    return {**clean, **variables, "DJANGO_SETTINGS_MODULE": "config.settings.production"}


def production_settings(**variables):
    result = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=environment(**variables), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hsts_lasts_a_year_with_subdomains_and_preload_by_default():
    built = production_settings(**REQUIRED)
    assert built["SECURE_HSTS_SECONDS"] == 31536000
    assert built["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert built["SECURE_HSTS_PRELOAD"] is True
    assert built["SILENCED_SYSTEM_CHECKS"] == []


def test_subdomains_and_preload_are_the_deployments_choice():
    built = production_settings(**REQUIRED, SECURE_HSTS_INCLUDE_SUBDOMAINS="0", SECURE_HSTS_PRELOAD="0")
    assert built["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert built["SECURE_HSTS_PRELOAD"] is False
    # A documented choice, not an oversight: the checklist no longer warns about it.
    assert sorted(built["SILENCED_SYSTEM_CHECKS"]) == ["security.W005", "security.W021"]


def test_x_forwarded_proto_is_believed_only_when_the_deployment_says_so():
    assert production_settings(**REQUIRED)["SECURE_PROXY_SSL_HEADER"] is None
    assert production_settings(**REQUIRED, SECURE_PROXY_SSL_HEADER="0")["SECURE_PROXY_SSL_HEADER"] is None
    trusted = production_settings(**REQUIRED, SECURE_PROXY_SSL_HEADER="1")["SECURE_PROXY_SSL_HEADER"]
    assert trusted == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_guards_logins_against_password_guessing():
    built = production_settings(**REQUIRED)
    assert built["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    assert built["AXES_FAILURE_LIMIT"] == 5


@pytest.mark.parametrize("variables", [REQUIRED, FLEET], ids=["one host", "a fleet behind a load balancer"])
def test_the_deployment_checklist_passes_with_the_documented_environment(variables):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
