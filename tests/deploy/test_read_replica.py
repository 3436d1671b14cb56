"""With a read replica (DATABASES["replica"]; in the test profile on
PostgreSQL it mirrors the test database): which alias each request reads
from. The data is committed (transaction=True) so that both aliases see it,
as a real replica would a moment after the primary."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.models import Actor
from conventions.models import Convention
from core.routers import allow_replica_reads
from tests import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
    pytest.mark.skipif(
        "replica" not in connections, reason="no read replica configured (PostgreSQL, or set DATABASE_REPLICA_URL)"
    ),
]


class Queries:
    """The queries run on the primary and on the replica inside the block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections["replica"])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    def on_primary(self):
        return [q["sql"] for q in self.primary.captured_queries]

    def on_replica(self):
        return [q["sql"] for q in self.replica.captured_queries]


@pytest.fixture
def convention():
    return f.ConventionFactory(slug="convention-publiee", complete=True)


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("publieuse", "p@example.ma", "x")


def test_the_test_profile_mirrors_the_primary():
    replica = connections["replica"].settings_dict
    assert replica["TEST"]["MIRROR"] == "default"
    assert replica["NAME"] == connections["default"].settings_dict["NAME"]


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/conventions/",
        "/fr/conventions/convention-publiee/",
        "/api/v1/conventions/",
        "/api/v1/conventions/convention-publiee/",
    ],
)
def test_an_anonymous_read_runs_every_query_on_the_replica(client, convention, path):
    """The page's data and the register version its cache is keyed by."""
    for attempt in ("first", "again, from the page cache"):
        with Queries() as queries:
            assert client.get(path).status_code == 200, attempt
        assert queries.on_primary() == [], attempt
        assert queries.on_replica(), attempt  # at least the register version


def test_the_streamed_export_reads_from_the_replica_while_it_streams(client, convention):
    with Queries() as queries:
        response = client.get("/api/v1/conventions/export.csv")
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and b"convention-publiee" in body
    assert queries.on_primary() == []
    assert queries.on_replica()


def test_an_anonymous_post_reads_from_the_primary(client, superuser):
    with Queries() as queries:
        response = client.post("/admin/login/", {"username": "publieuse", "password": "wrong"})
    assert response.status_code == 200  # the form again, with its error
    assert any("auth_user" in sql for sql in queries.on_primary())
    assert queries.on_replica() == []


def test_a_logged_in_staff_member_reads_from_the_primary(client, superuser, convention):
    client.force_login(superuser)
    for path in ("/admin/", "/admin/conventions/convention/", "/fr/conventions/convention-publiee/"):
        with Queries() as queries:
            assert client.get(path).status_code == 200, path
        assert queries.on_primary(), path
        assert queries.on_replica() == [], path


def test_an_api_token_reads_its_own_writes_from_the_primary(superuser, convention):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=superuser).key}")
    with Queries() as queries:
        changed = api.patch("/api/v1/conventions/convention-publiee/", {"place": "Tanger"}, format="json")
        read = api.get("/api/v1/conventions/convention-publiee/")
    assert changed.status_code == 200, changed.content
    assert read.status_code == 200 and read.json()["place"] == "Tanger"
    assert queries.on_replica() == []


def test_reads_inside_a_transaction_stay_on_the_primary(convention):
    allow_replica_reads(True)
    try:
        with Queries() as outside:
            assert Convention.objects.filter(slug="convention-publiee").exists()
        assert outside.on_replica() and not outside.on_primary()
        with Queries() as inside, transaction.atomic():
            Convention.objects.filter(pk=convention.pk).update(place="Kénitra")
            assert Convention.objects.get(pk=convention.pk).place == "Kénitra"
        assert inside.on_replica() == []
    finally:
        allow_replica_reads(False)


def test_an_object_read_from_the_replica_can_be_linked_and_saved_on_the_primary(convention):
    allow_replica_reads(True)
    try:
        actor = Actor.objects.get(pk=f.ActorFactory().pk)
        assert actor._state.db == "replica"
        party = f.PartyFactory.build(convention=convention, actor=actor)
        party.save()
        assert party._state.db == "default"
    finally:
        allow_replica_reads(False)


def test_the_replica_is_never_migrated():
    from django.apps import apps

    assert all(not router.allow_migrate_model("replica", model) for model in apps.get_models())
    assert all(router.allow_migrate_model("default", model) for model in apps.get_models())
