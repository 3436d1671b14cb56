"""What the deployment variables switch, read from the settings each profile
builds (in a fresh interpreter, as a host would start; nothing is contacted)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OWN = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "DEBUG",
    "CONN_MAX_AGE",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_REGION_NAME",
    "AWS_LOCATION",
    "AWS_QUERYSTRING_AUTH",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
}
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "shiraka.ma", "DATABASE_URL": "postgres://shiraka@db1/shiraka"}
PRINT = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages as _storages
default_storage = _storages["default"]
print(json.dumps({
    "DATABASES": settings.DATABASES,
    "DATABASE_ROUTERS": settings.DATABASE_ROUTERS,
    "STORAGES": settings.STORAGES,
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "url": default_storage.url("documents/2026/01/convention.pdf"),
}, default=str))
"""


def settings_of(profile, **env):
    clean = {key: value for key, value in os.environ.items() if key not in OWN}
    clean.update(env, DJANGO_SETTINGS_MODULE=f"config.settings.{profile}")
    result = subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_database_and_no_router_without_a_replica():
    built = settings_of("production", **PRODUCTION)
    assert list(built["DATABASES"]) == ["default"]
    assert built["DATABASE_ROUTERS"] == []


def test_the_replica_has_the_primarys_connection_settings_and_the_router():
    built = settings_of("production", **PRODUCTION, DATABASE_REPLICA_URL="postgres://shiraka@db2/shiraka")
    primary, replica = built["DATABASES"]["default"], built["DATABASES"]["replica"]
    assert (primary["HOST"], replica["HOST"]) == ("db1", "db2")
    assert primary["CONN_MAX_AGE"] == replica["CONN_MAX_AGE"] == 60
    assert primary["CONN_HEALTH_CHECKS"] and replica["CONN_HEALTH_CHECKS"]
    assert primary["OPTIONS"]["options"] == replica["OPTIONS"]["options"] == "-c jit=off"
    assert built["DATABASE_ROUTERS"] == ["core.routers.PrimaryReplicaRouter"]


def test_jit_off_joins_options_given_in_the_address():
    built = settings_of(
        "production",
        **{**PRODUCTION, "DATABASE_URL": PRODUCTION["DATABASE_URL"] + "?options=-c%20statement_timeout%3D5000"},
    )
    assert built["DATABASES"]["default"]["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"


def test_sqlite_gets_no_postgresql_options():
    built = settings_of("development")
    options = built["DATABASES"]["default"]["OPTIONS"]
    assert "options" not in options
    assert options["transaction_mode"] == "IMMEDIATE"


def test_the_test_profile_on_postgresql_has_a_mirrored_replica():
    built = settings_of("test", DATABASE_URL="postgres://postgres@127.0.0.1:5432/helperb_settings")
    replica = built["DATABASES"]["replica"]
    assert replica["TEST"]["MIRROR"] == "default"
    assert replica["HOST"] == built["DATABASES"]["default"]["HOST"]
    assert built["DATABASES"]["default"]["TEST"] != replica["TEST"]  # not one shared dict (pytest-xdist renames)
    assert built["DATABASE_ROUTERS"] == ["core.routers.PrimaryReplicaRouter"]


def test_the_test_profile_mirrors_the_primary_whatever_replica_is_named():
    built = settings_of("test", DATABASE_REPLICA_URL="postgres://shiraka@db2/shiraka")
    assert built["DATABASES"]["replica"]["ENGINE"] == built["DATABASES"]["default"]["ENGINE"]
    assert built["DATABASES"]["replica"]["TEST"]["MIRROR"] == "default"


def test_the_test_profile_on_sqlite_has_one_database():
    built = settings_of("test")
    assert list(built["DATABASES"]) == ["default"]
    assert built["DATABASE_ROUTERS"] == []


def test_media_on_the_file_system_without_a_bucket():
    built = settings_of("production", **PRODUCTION)
    assert built["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


S3 = {
    "AWS_STORAGE_BUCKET_NAME": "shiraka-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.test",
    "AWS_S3_REGION_NAME": "eu-west-3",
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "secret-example",
}


def test_media_on_s3_compatible_storage_when_a_bucket_is_named():
    built = settings_of("production", **PRODUCTION, **S3)
    options = built["STORAGES"]["default"]["OPTIONS"]
    assert built["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert built["storage"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "shiraka-media"
    assert options["endpoint_url"] == "https://s3.example.test"
    assert options["file_overwrite"] is False
    assert options["querystring_auth"] is False
    # The keys stay in the environment, where django-storages reads them.
    assert "AKIDEXAMPLE" not in json.dumps(built["STORAGES"])
    # Addresses are built without contacting anything: plain, so cached pages keep working.
    assert built["url"].startswith("https://s3.example.test/shiraka-media/documents/2026/01/convention.pdf")
    assert "Signature" not in built["url"]


def test_media_behind_a_custom_domain():
    built = settings_of("production", **PRODUCTION, **S3, AWS_S3_CUSTOM_DOMAIN="media.shiraka.ma", AWS_LOCATION="prod")
    assert built["url"] == "https://media.shiraka.ma/prod/documents/2026/01/convention.pdf"


def test_tests_never_write_to_a_bucket():
    built = settings_of("test", **S3)
    assert built["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_make_serve_refuses_to_start_without(missing):
    env = {key: value for key, value in os.environ.items() if key not in OWN}
    env.update({"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://shiraka@db1/shiraka"})
    del env[missing]
    result = subprocess.run(["make", "-s", "serve"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"set {missing}" in result.stderr


def test_make_run_still_serves_with_the_development_server_and_serve_with_gunicorn():
    env = {key: value for key, value in os.environ.items() if key not in OWN}
    run = subprocess.run(["make", "-n", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert "manage.py runserver 127.0.0.1:8000" in run.stdout and "gunicorn" not in run.stdout
    serve = subprocess.run(
        ["make", "-n", "serve", "PORT=8123"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "collectstatic" in serve.stdout and "migrate --no-input" in serve.stdout
    assert "gunicorn config.wsgi --bind 127.0.0.1:8123" in serve.stdout and "runserver" not in serve.stdout
