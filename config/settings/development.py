"""The default profile: a developer's machine, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list, mailer

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
# Messages (the follow-up digest, follows) are printed, not sent, unless EMAIL_BACKEND says otherwise.
MAILERS = {"default": mailer(os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"))}
