"""DRF's rate limits, counting in the "throttle" cache: Redis when REDIS_URL
is set, else a table of the database. Shared by every worker and host (in
each process's memory, 4 workers let 344 anonymous requests through in 4 s
against 120 a minute), at the price of a read and a write of that table per
API request when there is no Redis.

`client_address` is the one rule for "who is this client": the rate limits
and the login lockouts (django-axes, AXES_CLIENT_IP_CALLABLE) both count it."""

import functools
import ipaddress

from django.core.cache import caches
from django.http import JsonResponse
from django.utils.translation import gettext
from rest_framework import throttling
from rest_framework.settings import api_settings


class CountedWindow:
    """DRF's rate limits counted in fixed windows: one atomic increment of a
    counter per request. DRF keeps every request's time in a list that it
    reads, trims and writes back whole, so a request costs O(rate): at a
    generous rate (an integrator's 600 a minute, the benchmark's unlimited
    one) the list is thousands of floats pickled twice per request, and
    concurrent requests overwrite each other's entries. A fixed window lets a
    client send up to twice the rate across a window's edge, the usual price
    of a constant-cost counter (django-ratelimit counts the same way)."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        count = _count(self.cache, f"{key}:{window}", self.duration)
        return count <= self.num_requests

    def wait(self):
        return max(1.0, self.window_ends - self.now)


def _count(cache, key: str, duration: int) -> int:
    """The window's counter, incremented; created at 1 by the window's first request."""
    try:
        return cache.incr(key)
    except ValueError:
        # The window's first request, or the key expired between two calls.
        if cache.add(key, 1, duration + 1):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired again in between: count it as the first
            return 1


class AnonRateThrottle(CountedWindow, throttling.AnonRateThrottle):
    cache = caches["throttle"]


class UserRateThrottle(CountedWindow, throttling.UserRateThrottle):
    """Signed-in clients only: anonymous ones have their own limit, and
    counting them twice would cost a second write per request."""

    cache = caches["throttle"]

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


def client_address(request) -> str:
    """The client's address as the rate limits count it: REMOTE_ADDR, unless
    the deployment declares NUM_PROXIES trusted proxies in front of the app;
    then the address the outermost of them appended to X-Forwarded-For. A
    client choosing its own X-Forwarded-For changes nothing with NUM_PROXIES=0,
    and only what precedes the proxies' entries otherwise. Something that is
    not an address there (a proxy count set too high) falls back to REMOTE_ADDR:
    the lockouts store addresses, and a client must not choose a new one."""
    address = throttling.BaseThrottle().get_ident(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return request.META.get("REMOTE_ADDR")
    return address


def refused(request):
    """429 with Retry-After when `request` is past the API's rate limits, else
    None. The limits are a fair-use rule, not only a protection of the server:
    an answer from the cache counts (core.cache), and so does a plain Django
    view of the API (`throttled`), as DRF's views count themselves."""
    for throttle_class in api_settings.DEFAULT_THROTTLE_CLASSES:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            wait = max(1, round(throttle.wait() or 1))
            message = gettext("Trop de requêtes : réessayez dans %(seconds)d secondes.") % {"seconds": wait}
            response = JsonResponse({"detail": message}, status=429)
            response["Retry-After"] = str(wait)
            return response
    return None


def throttled(view):
    """A plain Django view served under /api/ (the open-data files), counted by
    the API's rate limits like every other API answer."""

    @functools.wraps(view)
    def counted(request, *args, **kwargs):
        return refused(request) or view(request, *args, **kwargs)

    return counted
