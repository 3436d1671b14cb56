"""The Redis cache the production profile uses (core.redis_cache): Django's,
with one client per pool and an increment in one round trip."""

import pytest

from core.redis_cache import RedisCache

LOCATION = "redis://127.0.0.1:6379/4"


@pytest.fixture
def cache():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(LOCATION, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    cache = RedisCache(LOCATION, {"KEY_PREFIX": "shiraka-test"})
    cache.clear()
    yield cache
    cache.clear()


def test_every_operation_shares_one_client(cache):
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is client


def test_incrementing_a_missing_key_is_refused_and_creates_nothing(cache):
    with pytest.raises(ValueError):
        cache.incr("window")
    assert not cache.has_key("window")


def test_incrementing_keeps_the_count_and_its_expiry(cache):
    assert cache.add("window", 1, 60)
    assert cache.incr("window") == 2
    assert cache.incr("window", 5) == 7
    assert cache.get("window") == 7
    assert 0 < cache._cache.get_client("window").ttl(cache.make_and_validate_key("window")) <= 60


def test_values_read_back_as_they_were_written(cache):
    cache.set("page", {"status": 200, "content": b"<html>", "headers": [("Content-Type", "text/html")]}, 60)
    assert cache.get("page") == {"status": 200, "content": b"<html>", "headers": [("Content-Type", "text/html")]}
