"""A web worker imports the assistant with the API's routes; spaCy (with
numpy and thinc, about 65 MB a worker) is imported only to read an article."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import django
django.setup()
import config.urls
from django.urls import resolve
resolve("/api/v1/extract/")
print("spacy" in sys.modules)
"""


def test_loading_the_site_does_not_import_spacy():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
