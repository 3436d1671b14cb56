"""The test profile: the development settings with fast hashing and files kept apart."""

import tempfile
from pathlib import Path

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="shiraka-test-media-"))

# Throttling has its own tests (with their own rates); the rest of the suite
# must not trip over it.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"}}  # noqa: F405
