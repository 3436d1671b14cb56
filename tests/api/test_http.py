"""What HTTP clients of the API rely on: conditional requests and throttling."""

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_list_carries_an_etag_and_answers_304_when_unchanged():
    f.ConventionFactory(slug="publiee")
    api = APIClient()
    first = api.get("/api/v1/conventions/")
    assert first.has_header("ETag")
    again = api.get("/api/v1/conventions/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_changed_list_answers_200_again():
    convention = f.ConventionFactory(slug="publiee")
    api = APIClient()
    etag = api.get("/api/v1/conventions/")["ETag"]
    convention.place = "Tanger"
    convention.save()
    assert api.get("/api/v1/conventions/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_too_many_anonymous_requests_get_429_with_retry_after(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    caches["throttle"].clear()
    api = APIClient()
    statuses = [api.get("/api/v1/sectors/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    # The second answer came from the register's cache: it counted all the same.
    refused = api.get("/api/v1/sectors/")
    assert int(refused["Retry-After"]) > 0
    assert "detail" in refused.json()
    caches["throttle"].clear()


def test_a_convention_answers_with_its_last_modification():
    convention = f.ConventionFactory(slug="publiee")
    response = APIClient().get("/api/v1/conventions/publiee/")
    assert response["Last-Modified"]
    unchanged = APIClient().get("/api/v1/conventions/publiee/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert unchanged.status_code == 304
    assert convention.updated_at


@pytest.mark.parametrize(
    "address",
    ["/api/v1/datapackage.json", "/api/v1/datapackage/conventions.csv", "/api/v1/popolo.json"],
)
def test_the_open_data_files_count_against_the_rate_limit_like_the_rest_of_the_api(monkeypatch, address):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    caches["throttle"].clear()
    f.ConventionFactory(slug="publiee")
    api = APIClient()
    statuses = [api.get(address).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert int(api.get(address)["Retry-After"]) > 0
    caches["throttle"].clear()


@pytest.mark.parametrize(
    "address",
    ["/api/v1/conventions/export.csv", "/api/v1/conventions/export.json", "/api/v1/datapackage/conventions.csv"],
)
def test_a_streamed_file_carries_an_etag_and_answers_304_until_the_register_changes(address):
    convention = f.ConventionFactory(slug="publiee")
    api = APIClient()
    first = api.get(address)
    assert first.streaming and first.has_header("ETag")
    b"".join(first.streaming_content)
    unchanged = api.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304
    convention.place = "Tanger"
    convention.save()
    changed = api.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    b"".join(changed.streaming_content)
