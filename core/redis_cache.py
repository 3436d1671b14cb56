"""Django's Redis cache, with one Redis client per connection pool.

Django makes a new `redis.Redis` for every cache operation; redis-py builds
its table of response callbacks (about 170 entries) in each new client, so
a page served from the cache spent more time making that client than asking
Redis. A client is safe to share between threads (each command takes a
connection from the pool), and the pool reconnects in a forked worker, so
one per pool is kept."""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        if (client := clients.get(index)) is None:
            client = clients[index] = self._client(connection_pool=self._get_connection_pool(index))
        return client

    def incr(self, key, delta):
        # Django asks whether the key exists, then increments: two round
        # trips. One script does both, atomically (the API's rate limits
        # count with this on every request); a missing key is still a
        # ValueError, as Django's cache API promises.
        client = self.get_client(key, write=True)
        script = self.__dict__.get("_incr_existing")
        if script is None:
            script = self.__dict__["_incr_existing"] = client.register_script(_INCR_EXISTING)
        value = script(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
