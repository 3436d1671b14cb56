"""Probes: tests that try many inputs or paths and count what failed, so the
reliability report (`make reliability`, docs/reliability.md) can say how much
was tried, not only that the test passed. Each probe records its counts with
the `probe` fixture, then asserts that nothing failed.

The counts of a run go to test-artifacts/reliability.json, with the probe
files skipped and why (one process: the report is made from `pytest -n 0`);
under xdist each worker would hold a part of them, so nothing is written
there."""

import contextlib
import json
import os
import shutil
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

RESULTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reliability.json"
_counts: dict[str, dict] = {}
_skipped: dict[str, str] = {}


class Probe:
    """One test's share of a probe: its failures, and the run's counts."""

    def __init__(self, name: str, what: str):
        self.record = _counts.setdefault(name, {"what": what, "tried": 0, "failed": 0, "examples": []})
        self.failures: list[str] = []

    def check(self, ok: bool, example: str) -> bool:
        self.record["tried"] += 1
        if not ok:
            self.record["failed"] += 1
            self.failures.append(example)
            if len(self.record["examples"]) < 10:
                self.record["examples"].append(example)
        return ok


@pytest.fixture
def probe():
    return Probe


def server_url(database: str) -> str | None:
    """The URL of `database` on the run's PostgreSQL server, or None on SQLite."""
    from django.conf import settings

    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        return None
    user = quote(default["USER"] or "", safe="") + (
        f":{quote(default['PASSWORD'], safe='')}" if default["PASSWORD"] else ""
    )
    return f"postgres://{user}@{default['HOST'] or '127.0.0.1'}:{default['PORT'] or 5432}/{database}"


def server_admin():
    """An autocommit connection to the run's PostgreSQL server (its
    `postgres` database), for creating and dropping the probes' own."""
    import psycopg

    return psycopg.connect(server_url("postgres").replace("postgres://", "postgresql://", 1), autocommit=True)


@pytest.fixture(scope="session")
def new_database(tmp_path_factory):
    """A factory of new, migrated databases of the run's kind, apart from the
    test database: `with new_database() as url:`. Migrations run once, into
    a template each new database is copied from (PostgreSQL: CREATE
    DATABASE … TEMPLATE; SQLite: a copy of the file); each is dropped after."""
    from tests.backup.test_across_databases import manage

    folder = tmp_path_factory.mktemp("databases")
    template = f"shiraka_probe_template_{uuid.uuid4().hex[:8]}"
    if server_url(template) is None:
        manage(f"sqlite:///{folder / 'template.sqlite3'}", folder / "media", "migrate", "--no-input", "-v", "0")
    else:
        with server_admin() as admin:
            admin.execute(f'CREATE DATABASE "{template}"')
        manage(server_url(template), folder / "media", "migrate", "--no-input", "-v", "0")

    @contextlib.contextmanager
    def new():
        name = f"shiraka_probe_{uuid.uuid4().hex[:10]}"
        if server_url(name) is None:
            shutil.copy(folder / "template.sqlite3", folder / f"{name}.sqlite3")
            yield f"sqlite:///{folder / name}.sqlite3"
            return
        with server_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        try:
            yield server_url(name)
        finally:
            with server_admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    yield new
    if server_url(template) is not None:
        with server_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


def pytest_runtest_logreport(report):
    if report.skipped and isinstance(report.longrepr, tuple):
        _skipped.setdefault(report.nodeid.split("::")[0], report.longrepr[2].removeprefix("Skipped: "))


def pytest_sessionfinish(session, exitstatus):
    if _counts and not os.environ.get("PYTEST_XDIST_WORKER"):
        RESULTS.parent.mkdir(exist_ok=True)
        results = {"probes": _counts, "skipped": _skipped}
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
