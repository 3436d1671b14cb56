"""DRF's rate limits, counting in the "throttle" cache (Redis when REDIS_URL
is set, else each process's memory) rather than in the register's cache,
which may be a database table: a write per anonymous API request there would
cost more than the limit saves."""

from django.core.cache import caches
from rest_framework import throttling


class AnonRateThrottle(throttling.AnonRateThrottle):
    cache = caches["throttle"]


class UserRateThrottle(throttling.UserRateThrottle):
    cache = caches["throttle"]
