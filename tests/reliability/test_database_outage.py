"""The database down: every page and API call answers 503 with Retry-After
(never 500), /healthz says which of the database and the cache is down, and
the site recovers by itself when the database is back."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.db import OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from rest_framework.authtoken.models import Token

from tests import factories as f

pytestmark = pytest.mark.django_db

REFUSED = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@contextmanager
def database_refusing_connections():
    """Every connection attempt fails, as while the server is down."""
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=REFUSED):
        yield


def client() -> Client:
    # A 500 from a middleware would be re-raised by the test client: let it
    # answer, so the test sees the status a visitor would.
    return Client(raise_request_exception=False)


@pytest.fixture
def register():
    convention = f.ConventionFactory(complete=True, slug="cam-amica")
    token = Token.objects.create(user=User.objects.create_user("integrator"))
    token.user.groups.add(Group.objects.get(name="Editor"))
    return convention, token.key


PAGES = [
    "/fr/",
    "/ar/",
    "/en/conventions/",
    "/fr/conventions/cam-amica/",
    "/fr/actors/",
    "/fr/plans/",
    "/sitemap.xml",
    "/fr/conventions/feed/",
]
API = ["/api/v1/conventions/", "/api/v1/conventions/cam-amica/", "/api/v1/actors/", "/api/v1/objectives/"]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_answers_503_with_retry_after_in_the_sites_look(register, url):
    with database_refusing_connections():
        response = client().get(url)
    assert response.status_code == 503, (url, response.status_code)
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "site-header" in body
    assert "indisponible" in body or "unavailable" in body or "متاح" in body


@pytest.mark.parametrize("url", API)
def test_an_api_read_answers_503_in_json(register, url):
    with database_refusing_connections():
        response = client().get(url)
    assert response.status_code == 503, (url, response.status_code)
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]


def test_an_api_write_with_a_token_answers_503_in_json(register):
    _convention, key = register
    with database_refusing_connections():
        response = client().patch(
            "/api/v1/conventions/cam-amica/",
            {"place": "Rabat"},
            content_type="application/json",
            headers={"authorization": f"Token {key}"},
        )
    assert response.status_code == 503
    assert response.json()["detail"]


def test_a_logged_in_page_answers_503(register):
    visitor = client()
    visitor.force_login(User.objects.create_user("staff", is_staff=True))
    with database_refusing_connections():
        response = visitor.get("/fr/conventions/")
    assert response.status_code == 503


def test_healthz_reports_the_database_and_the_cache_apart(register):
    assert client().get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    with database_refusing_connections():
        response = client().get("/healthz")
    assert response.status_code == 503
    # The cache here is the database's table (REDIS_URL unset): down with it.
    assert response.json() == {"status": "error", "database": "error", "cache": "error"}


def test_healthz_fails_when_only_the_cache_is_down(register):
    from django.core.cache import caches

    with mock.patch.object(type(caches["default"]), "get", side_effect=ConnectionError("redis down")):
        response = client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_healthz_stays_one_trivial_query(register, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # SELECT 1, and the cache's read of its table
        assert client().get("/healthz").status_code == 200


def test_the_site_answers_again_as_soon_as_the_database_is_back(register):
    visitor = client()
    with database_refusing_connections():
        assert visitor.get("/fr/conventions/cam-amica/").status_code == 503
        assert visitor.get("/api/v1/conventions/").status_code == 503
    assert visitor.get("/fr/conventions/cam-amica/").status_code == 200
    assert visitor.get("/api/v1/conventions/").status_code == 200
    assert visitor.get("/healthz").status_code == 200


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_an_unreachable_server_gives_503_then_the_site_recovers_by_itself():
    """Not a mock: every connection points at a server that is not there,
    then back at the real one; nothing is restarted in between."""
    f.ConventionFactory(complete=True, slug="cam-amica")
    saved = {alias: dict(connections[alias].settings_dict) for alias in connections}
    try:
        for alias in connections:
            connection = connections[alias]
            connection.close()
            if connection.vendor == "sqlite":
                connection.settings_dict["NAME"] = "/nonexistent/shiraka/unreachable.sqlite3"
            else:
                connection.settings_dict.update(HOST="127.0.0.1", PORT="9")  # discard: nothing listens
        visitor = client()
        assert visitor.get("/fr/conventions/cam-amica/").status_code == 503
        assert visitor.get("/api/v1/conventions/cam-amica/").status_code == 503
        assert visitor.get("/healthz").status_code == 503
    finally:
        for alias in connections:
            connections[alias].close()
            connections[alias].settings_dict.clear()
            connections[alias].settings_dict.update(saved[alias])
    assert visitor.get("/fr/conventions/cam-amica/").status_code == 200
    assert visitor.get("/api/v1/conventions/cam-amica/").status_code == 200
    assert visitor.get("/healthz").status_code == 200
