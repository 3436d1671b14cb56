"""The production profile fails loudly instead of running with unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_production(env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=clean, capture_output=True, text=True
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "shiraka.ma", "DATABASE_URL": "postgres://u@db/shiraka"}
    del env[missing]
    result = load_production(env)
    assert result.returncode != 0
    assert f"needs {missing}" in result.stderr


def test_production_starts_with_what_it_needs():
    env = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "shiraka.ma", "DATABASE_URL": "postgres://u@db/shiraka"}
    assert load_production(env).returncode == 0


def test_a_malformed_boolean_is_refused():
    env = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "a", "DATABASE_URL": "postgres://u@db/s", "DEBUG": "maybe"}
    result = load_production(env)
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize("redis_url", ["", "redis://127.0.0.1:6379/9"])
def test_rate_limits_and_the_cache_are_shared_by_every_worker(redis_url):
    """Counted in one process's memory, 4 workers let 344 anonymous requests
    through in 4 s against 120 a minute: the production profile keeps the
    rate limits and the register's cache in the database or Redis."""
    env = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "a", "DATABASE_URL": "postgres://u@db/s", "REDIS_URL": redis_url}
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(sorted({cache['BACKEND'] for cache in settings.CACHES.values()}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    backends = result.stdout.strip()
    assert "locmem" not in backends.lower() and ("redis" if redis_url else "db.DatabaseCache") in backends
