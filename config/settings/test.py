"""The test profile: the development settings with fast hashing and files kept apart."""

import atexit
import copy
import shutil
import tempfile
from pathlib import Path

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="shiraka-test-media-"))
# Uploaded files stay in that directory, whatever bucket the environment names.
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405

# Throttling has its own tests (with their own rates); the rest of the suite
# must not trip over it.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"}}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file, not in memory: the concurrency tests
    # (tests/services/test_concurrency.py) write from several threads, and the
    # shared-cache in-memory database Django would use locks whole tables with
    # "database table is locked", an error the busy timeout does not wait out,
    # where a file database queues its writers as production does. One
    # directory per test process, so parallel runs never share a database;
    # nothing synced to disk, it is thrown away at the end.
    _TEST_DB_DIR = tempfile.mkdtemp(prefix="shiraka-test-db-")
    atexit.register(shutil.rmtree, _TEST_DB_DIR, ignore_errors=True)
    DATABASES["default"]["TEST"] = {"NAME": str(Path(_TEST_DB_DIR) / "test.sqlite3")}  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA synchronous = OFF;"  # noqa: F405

# The register's cache in each test process's memory, emptied before every
# test (tests/conftest.py): tests roll their writes back, so the version a
# test starts at repeats from one test to the next. The shared backends
# (database table, Redis) have tests of their own (tests/test_register_cache.py).
CACHES = {  # noqa: F405
    **CACHES,  # noqa: F405
    "register": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "register"},
    # The rate limits likewise (production counts them in the database or
    # Redis, tests/test_settings.py), so tests that touch no database can
    # still start from empty counts.
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
}
REGISTER_CACHE_ALIAS = "register"

if "replica" in DATABASES or DATABASES["default"]["ENGINE"] in POSTGRESQL_ENGINES:  # noqa: F405
    # Two database aliases, as in production with a read replica, so that the
    # suite runs through the router (core/routers.py): "replica" mirrors the
    # test database (the primary's settings, no test database of its own),
    # whatever server DATABASE_REPLICA_URL names. Tests that let anonymous
    # requests read outside a transaction (transaction=True, live_server) must
    # allow it: `databases=["default", "replica"]` or "__all__".
    DATABASES["replica"] = {**copy.deepcopy(DATABASES["default"]), "TEST": {"MIRROR": "default"}}  # noqa: F405
    DATABASE_ROUTERS = ["core.routers.PrimaryReplicaRouter"]
