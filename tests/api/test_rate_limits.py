"""The API's rate limits: a counter per client and window, whatever the rate."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle as DrfAnonRateThrottle

from core.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def throttle_cache():
    caches["throttle"].clear()
    yield caches["throttle"]
    caches["throttle"].clear()


def _anonymous(address="192.0.2.1"):
    request = RequestFactory().get("/api/v1/sectors/", REMOTE_ADDR=address)
    request.user = AnonymousUser()
    return request


def _throttle_at(monkeypatch, now, rate="3/minute"):
    monkeypatch.setattr(DrfAnonRateThrottle, "THROTTLE_RATES", {"anon": rate})
    throttle = AnonRateThrottle()
    throttle.timer = lambda: now
    return throttle


def test_a_client_past_the_rate_is_refused_until_the_window_ends(monkeypatch, throttle_cache):
    request = _anonymous()
    allowed = [_throttle_at(monkeypatch, 600.0 + second).allow_request(request, None) for second in range(4)]
    assert allowed == [True, True, True, False]
    refused = _throttle_at(monkeypatch, 630.0)
    assert not refused.allow_request(request, None)
    assert refused.wait() == 30.0
    # The next minute counts afresh.
    assert _throttle_at(monkeypatch, 660.0).allow_request(request, None)


def test_each_client_address_has_its_own_count(monkeypatch, throttle_cache):
    first = _anonymous("192.0.2.1")
    second = _anonymous("192.0.2.2")
    for _ in range(3):
        assert _throttle_at(monkeypatch, 600.0).allow_request(first, None)
    assert not _throttle_at(monkeypatch, 600.0).allow_request(first, None)
    assert _throttle_at(monkeypatch, 600.0).allow_request(second, None)


def test_a_request_costs_the_same_at_any_rate(monkeypatch, throttle_cache):
    # DRF keeps every request's time and rewrites the whole list per request:
    # at a generous rate that list grew to thousands of entries. The count is
    # one integer per client and window.
    request = _anonymous()
    for _ in range(500):
        assert _throttle_at(monkeypatch, 600.0, rate="100000/minute").allow_request(request, None)
    throttle = _throttle_at(monkeypatch, 600.0, rate="100000/minute")
    stored = throttle_cache.get(f"{throttle.get_cache_key(request, None)}:10")
    assert stored == 500


def test_the_count_works_the_same_in_redis(monkeypatch):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/4", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    from core.redis_cache import RedisCache

    shared = RedisCache("redis://127.0.0.1:6379/4", {"KEY_PREFIX": "shiraka-test-throttle"})
    shared.clear()
    monkeypatch.setattr(AnonRateThrottle, "cache", shared)
    request = _anonymous()
    allowed = [_throttle_at(monkeypatch, 600.0).allow_request(request, None) for _ in range(4)]
    assert allowed == [True, True, True, False]
    shared.clear()
