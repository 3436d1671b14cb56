"""Schemathesis drives every operation of the live schema, anonymously and
with a token, and must find no 5xx and no response that breaks the schema."""

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories as f

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
# The coverage phase enumerates hundreds of boundary bodies for the nested
# convention writes (minutes per run); generated examples cover the promise.
schema.config.phases.update(phases=["examples", "fuzzing"])

# What we promise integrators: no 5xx, and every response (errors included)
# as documented. Stricter checks (rejecting every schema-violating request)
# would flag DRF's lenient defaults such as a non-numeric page_size.
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """A raw WSGI call fires request_started/finished, whose handler closes the
    database connection, and with it the test's transaction (PostgreSQL).
    Django's test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def register(db):
    convention = f.ConventionFactory(slug="publiee")
    f.FollowUpActionFactory(convention=convention)
    f.MeasurementFactory(objective=f.ObjectiveFactory(convention=convention))
    f.PartyFactory(convention=convention)


@pytest.fixture
def token(db):
    user = User.objects.create_superuser("fuzzer", "fuzzer@example.org", "x")
    return Token.objects.create(user=user).key


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_anonymous_clients_get_no_server_error(case, register):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_token_clients_get_no_server_error(case, register, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
