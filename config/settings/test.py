"""The test profile: the development settings with fast hashing and files kept apart."""

import tempfile
from pathlib import Path

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="shiraka-test-media-"))
