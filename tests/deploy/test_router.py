"""The read-replica router and the middleware that decides, per request,
whether reads may leave the primary. No replica needed: these run on SQLite
too (the router is used directly)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.signals import request_finished
from django.db import close_old_connections, connections
from django.http import HttpResponse
from django.test import RequestFactory

from actors.models import Actor
from conventions.models import Convention
from core.middleware import ReadReplicaMiddleware
from core.routers import PrimaryReplicaRouter, allow_replica_reads, replica_reads_allowed

router = PrimaryReplicaRouter()


@pytest.fixture(autouse=True)
def _primary_afterwards():
    yield
    allow_replica_reads(False)


@pytest.fixture
def outside_transactions(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)


def test_outside_a_request_everything_reads_from_the_primary(outside_transactions):
    """Management commands, the shell, threads: they read what they wrote."""
    assert replica_reads_allowed() is False
    assert router.db_for_read(Convention) == "default"


def test_reads_go_to_the_replica_only_when_allowed(outside_transactions):
    allow_replica_reads(True)
    assert router.db_for_read(Convention) == "replica"
    assert router.db_for_read(Actor) == "replica"


def test_reads_inside_a_transaction_on_the_primary_stay_there(monkeypatch):
    allow_replica_reads(True)
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(Convention) == "default"


def test_writes_always_go_to_the_primary(outside_transactions):
    for allowed in (False, True):
        allow_replica_reads(allowed)
        assert router.db_for_write(Convention) == "default"


def test_only_the_primary_is_migrated():
    from django.apps import apps

    for model in apps.get_models():
        assert router.allow_migrate("default", model._meta.app_label, model._meta.model_name) is True
        assert router.allow_migrate("replica", model._meta.app_label, model._meta.model_name) is False
    assert router.allow_migrate("replica", "django_cache") is False


def test_objects_of_both_aliases_may_be_related():
    read, written = Actor(), Convention()
    read._state.db, written._state.db = "replica", "default"
    assert router.allow_relation(read, written) is True
    elsewhere = Actor()
    elsewhere._state.db = "archive"
    assert router.allow_relation(read, elsewhere) is None


# --- The middleware -----------------------------------------------------------


def serve(request):
    """Runs a request through sessions, authentication and the middleware;
    returns what the view saw and the response."""
    seen = {}

    def view(request):
        seen["replica"] = replica_reads_allowed()
        return HttpResponse("ok")

    chain = SessionMiddleware(AuthenticationMiddleware(ReadReplicaMiddleware(view)))
    response = chain(request)
    return seen["replica"], response, request


def test_an_anonymous_read_may_use_the_replica_and_touches_no_session():
    allowed, response, request = serve(RequestFactory().get("/fr/conventions/"))
    assert allowed is True
    # No session read, no `Vary: Cookie` added to public pages.
    assert request.session.accessed is False
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("method", ["head", "options"])
def test_other_safe_methods_may_use_the_replica(method):
    assert serve(getattr(RequestFactory(), method)("/fr/"))[0] is True


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_request_that_writes_reads_from_the_primary(method):
    assert serve(getattr(RequestFactory(), method)("/api/v1/conventions/"))[0] is False


def test_an_api_token_reads_from_the_primary():
    request = RequestFactory().get("/api/v1/conventions/", HTTP_AUTHORIZATION="Token abc")
    assert serve(request)[0] is False


@pytest.mark.django_db
def test_a_logged_in_user_reads_from_the_primary(client):
    user = get_user_model().objects.create_user("editrice", password="x", is_staff=True)
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert serve(request)[0] is False


@pytest.mark.django_db
def test_a_stale_session_cookie_is_an_anonymous_reader():
    request = RequestFactory().get("/fr/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "expired-or-unknown"
    assert serve(request)[0] is True


def test_the_primary_comes_back_when_the_response_is_closed():
    """Kept for the whole response (a streamed export is iterated after the
    middleware returns), then put back for whatever the thread does next."""
    allowed, response, _ = serve(RequestFactory().get("/fr/"))
    assert allowed is True and replica_reads_allowed() is True
    # As Django's test client does: closing must not close this test's connection.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert replica_reads_allowed() is False


def test_each_request_decides_afresh():
    serve(RequestFactory().get("/fr/"))  # left allowed: never closed
    assert serve(RequestFactory().post("/fr/"))[0] is False
