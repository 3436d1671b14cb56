"""Browser tests: a real Chromium, driven by Playwright's sync API, against
Django's live test server holding the demo register (`manage.py load_demo`).

Chromium is Debian's (`apt-get install -y chromium`), never a build downloaded
by `playwright install`. If it cannot start, every browser test fails with a
message saying so: a missing browser must not pass for a green suite.

Screenshots go to `test-artifacts/screenshots/` at the repository root.
"""

import json
import os
import re
import shutil
from collections import defaultdict
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection, connections, transaction

from plans.models import Region

from .helpers import DESKTOP, screenshot

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000


def chromium_path() -> str:
    return os.environ.get("SHIRAKA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the whole browser package. Package scope, not session:
    pytest-django runs these tests one after the other, so Playwright (and its
    event loop, see below) stops with the last of them and never runs under
    another package's tests."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the machine
        pytest.fail(f"Playwright is not installed ({exc}): run `pip install -r requirements-dev.txt`.", pytrace=False)

    # Playwright's sync API keeps an asyncio event loop running in this thread
    # for as long as it is started, and Django reacts to it twice:
    # - it refuses ORM calls from the test thread (load_demo, factories,
    #   pytest-django's flush) with SynchronousOnlyOperation, although they are
    #   plain synchronous calls that never touch the loop: allow them while
    #   Playwright runs, and only then;
    # - `django.db.connections` is an asgiref Local, which under a running
    #   loop hands out a second, empty set of connections. The test database's
    #   serialized state (for serialized_rollback) and, on SQLite, the one
    #   in-memory connection shared with the live server belong to the first
    #   set: put the thread's own connections back in place.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    own_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, own in own_connections.items():
        connections[alias] = own
    try:
        executable = chromium_path()
        try:
            chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        except Error as exc:
            failure = str(exc)
        else:
            failure = None
        if failure:
            pytest.fail(
                f"Chromium could not start from {executable}: the browser tests need Debian's Chromium. "
                f"Install it with `apt-get install -y chromium` (never `playwright install`), or point "
                f"SHIRAKA_CHROMIUM at a Chromium binary.\n{failure}",
                pytrace=False,
            )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture
def page(context, request):
    """A fresh page; when its test fails, what it showed last is kept in
    test-artifacts/screenshots/failures/."""
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED, False) and not page.is_closed():
        name = re.sub(r"[^\w.-]+", "-", request.node.name)
        screenshot(page, f"failures/{name}")


_demo: dict[str, str | None] = {}


def _rows_added_by(command: str) -> str | None:
    """Run `command` and return, serialized, the rows it added to the
    database; None if it also changed or deleted rows that were there."""
    before = {(row["model"], row["pk"]): row for row in json.loads(connection.creation.serialize_db_to_string())}
    call_command(command, verbosity=0, stdout=StringIO())
    after = json.loads(connection.creation.serialize_db_to_string())
    added = [row for row in after if (row["model"], row["pk"]) not in before]
    if len(after) - len(added) != len(before) or any(before.get((r["model"], r["pk"]), r) != r for r in after):
        return None
    return json.dumps(added)


def _insert(rows: str) -> None:
    """Insert serialized rows, a few INSERTs per table. Like Django's own
    deserialization, the rows go in raw, as they were (auto_now timestamps
    included), but not one by one with an UPDATE tried before each INSERT."""
    by_model = defaultdict(list)
    links = defaultdict(list)
    for deserialized in serializers.deserialize("json", rows):
        obj = deserialized.object
        by_model[type(obj)].append(obj)
        for name, targets in (deserialized.m2m_data or {}).items():
            field = obj._meta.get_field(name)
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            links[through] += [through(**{source: obj.pk, target: pk}) for pk in targets]
    with transaction.atomic(), connection.constraint_checks_disabled():
        for model, objects in by_model.items():
            fields = model._meta.local_concrete_fields
            size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
            for start in range(0, len(objects), size):
                model._base_manager._insert(objects[start : start + size], fields=fields, raw=True)
        for through, objects in links.items():
            through._base_manager.bulk_create(objects)
        connection.check_constraints(table_names=[model._meta.db_table for model in [*by_model, *links]])


@pytest.fixture
def demo(transactional_db):
    """The demo register in the live server's database, fresh for each test.

    `load_demo` takes about a second (every row goes through full_clean), too
    slow to repeat for each of some twenty tests. So the first test runs the
    real command and keeps the rows it added, serialized as Django does for
    `serialized_rollback`; each later test, which starts from the migrations'
    rows again (the flush after a test empties the database, the serialized
    rollback puts them back), inserts those rows in about a tenth of the time.
    Every test sees what `load_demo` produces, and nothing that a previous
    test created.
    """
    if not Region.objects.exists():
        pytest.fail("The migrations' rows (the 12 regions…) are missing: the serialized rollback did not restore them.")
    if "rows" not in _demo:
        _demo["rows"] = _rows_added_by("load_demo")
    elif _demo["rows"] is None:  # load_demo rewrites existing rows: no shortcut
        call_command("load_demo", verbosity=0, stdout=StringIO())
    else:
        _insert(_demo["rows"])


@pytest.fixture
def site(live_server, demo):
    """The live server's address, with the demo register loaded."""

    def url(path: str) -> str:
        return live_server.url + path

    return url
