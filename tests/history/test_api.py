"""API writes are recorded with their token's user, and honour optimistic locking."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date

from conventions.models import Convention
from tests import factories as f
from tests.api.test_write import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return client_for("add_convention", "change_convention")


@pytest.fixture
def draft():
    convention = f.ConventionFactory(draft=True, place="Rabat")
    earlier = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 0))
    Convention.objects.filter(pk=convention.pk).update(updated_at=earlier)
    convention.refresh_from_db()
    return convention


def url(convention):
    return f"/api/v1/conventions/{convention.slug}/"


def test_an_api_change_is_recorded_with_the_token_user(writer, draft):
    assert writer.patch(url(draft), {"place": "Tanger"}, format="json").status_code == 200
    record = draft.history.latest()
    assert record.place == "Tanger"
    assert record.history_user.username.startswith("integrator-")


def test_a_patch_carrying_the_updated_at_it_read_goes_through(writer, draft):
    response = writer.patch(url(draft), {"place": "Tanger", "updated_at": draft.updated_at.isoformat()}, format="json")
    assert response.status_code == 200
    assert Convention.objects.get(pk=draft.pk).place == "Tanger"


def test_a_patch_from_a_stale_read_is_refused_and_changes_nothing(writer, draft):
    stale = (draft.updated_at - datetime.timedelta(minutes=5)).isoformat()
    response = writer.patch(url(draft), {"place": "Tanger", "updated_at": stale}, format="json")
    assert response.status_code == 412
    assert "depuis que vous l'avez lu" in response.json()["detail"]
    assert Convention.objects.get(pk=draft.pk).place == "Rabat"


def test_if_unmodified_since_is_honoured(writer, draft):
    before = http_date(draft.updated_at.timestamp() - 60)
    refused = writer.patch(url(draft), {"place": "Tanger"}, format="json", HTTP_IF_UNMODIFIED_SINCE=before)
    assert refused.status_code == 412
    same = http_date(draft.updated_at.timestamp())
    assert (
        writer.patch(url(draft), {"place": "Tanger"}, format="json", HTTP_IF_UNMODIFIED_SINCE=same).status_code == 200
    )
