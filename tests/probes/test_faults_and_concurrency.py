"""Faults and concurrent edits. Each multi-part write of the API (a convention
with its parties, commitments, objectives, measurements and actions; an
update that replaces them; a publication; a deletion; a measurement; a source
with its links) is run again and again with its Nth write statement failing,
for every N until it completes: after each failure the register must be
exactly as before (no partial write). Two writers who read the same version
of a convention and both save: the second is refused (no lost update)."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import DatabaseError, connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions.models import Convention, Source
from tests import factories as f
from tests.api.test_write import actors, payload  # noqa: F401 - actors is a fixture


def payload_source():
    """The source the API write tests' payload cites."""
    return Source.objects.get(url="https://example.org/automobile-2024")


pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")
REGISTER_TABLES = ("actors_", "plans_", "conventions_")


class FailNthWrite:
    """A database execute wrapper that fails the Nth write statement."""

    def __init__(self, n: int):
        self.n, self.seen = n, 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES) and "core_registerversion" not in sql:
            self.seen += 1
            if self.seen == self.n:
                raise DatabaseError(f"injected fault at write {self.n}")
        return execute(sql, params, many, context)


def snapshot(*, prefixes: tuple[str, ...] = REGISTER_TABLES) -> dict[str, list]:
    """Every row of the tables whose names start with one of `prefixes`."""
    tables = [t for t in connection.introspection.table_names() if t.startswith(prefixes)]
    state = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            state[table] = [tuple(map(str, row)) for row in cursor.fetchall()]
    return state


@pytest.fixture
def publisher():
    user = User.objects.create_user("publisher", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    api = APIClient(raise_request_exception=False)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.fixture
def register(actors):  # noqa: F811 - the API write tests' actors, sector, plan and source
    published = f.ConventionFactory(complete=True, slug="publiee")
    objective = f.ObjectiveFactory(convention=published)
    f.MeasurementFactory(objective=objective, source=published.sources.first())
    return published


def operations(register):
    """(name, request) pairs: each request a multi-part write through the API."""
    published = register
    objective = published.objectives.first()
    source = published.sources.first()
    address = f"/api/v1/conventions/{published.slug}/"
    return [
        (
            "create a convention with its children",
            lambda api: api.post("/api/v1/conventions/", payload(), format="json"),
        ),
        (
            "replace a published convention's children",
            lambda api: api.put(address, payload(sources=[payload_source().pk]), format="json"),
        ),
        (
            "archive a published convention",
            lambda api: api.post(f"{address}publication/", {"publication_state": "archived"}),
        ),
        (
            "add a measurement",
            lambda api: api.post(
                f"/api/v1/objectives/{objective.pk}/measurements/",
                {"value": "12", "measured_on": "2025-01-01", "measured_on_precision": "year", "source": source.pk},
                format="json",
            ),
        ),
        (
            "link a source to conventions",
            lambda api: api.patch(f"/api/v1/sources/{source.pk}/", {"title": "Article relu"}, format="json"),
        ),
        ("delete a published convention", lambda api: api.delete(f"/api/v1/conventions/{published.slug}/")),
    ]


@pytest.mark.parametrize("index", range(6))
def test_a_write_that_fails_part_way_leaves_nothing_behind(publisher, register, probe, index):
    partial = probe("faults: partial writes", "a multi-part write failing at its Nth statement and leaving rows behind")
    name, send = operations(register)[index]
    before = snapshot()
    n = 1
    while True:
        fault = FailNthWrite(n)
        with connection.execute_wrapper(fault):
            response = send(publisher)
        if fault.seen < n:  # completed without reaching the Nth write: every step was tried
            assert response.status_code < 300, (name, response.status_code, response.content[:300])
            break
        partial.check(snapshot() == before, f"{name}: fault at write {n} → {response.status_code}")
        n += 1
    assert n > 2, f"{name} wrote fewer than two statements: not a multi-part write"
    assert partial.failures == []


def test_two_writers_of_the_same_version_never_lose_an_update(publisher, register, probe):
    lost = probe("concurrency: lost updates", "a save on a stale version accepted (another writer's change lost)")
    published = register
    for field, first, second in (
        ("place", "Tanger", "Rabat"),
        ("status", "in_execution", "completed"),
        ("summary_fr", "Premier résumé.", "Second résumé."),
    ):
        read = publisher.get(f"/api/v1/conventions/{published.slug}/").json()["updated_at"]
        one = publisher.patch(
            f"/api/v1/conventions/{published.slug}/", {field: first, "updated_at": read}, format="json"
        )
        two = publisher.patch(
            f"/api/v1/conventions/{published.slug}/", {field: second, "updated_at": read}, format="json"
        )
        stored = Convention.objects.get(pk=published.pk)
        lost.check(
            one.status_code == 200 and two.status_code in (409, 412) and getattr(stored, field) == first,
            f"{field}: {one.status_code}, {two.status_code}, stored {getattr(stored, field)!r}",
        )
    assert lost.failures == []
