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
