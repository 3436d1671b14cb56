"""How often one client may send the subscribe form: each sending can mail
a confirmation to any address, so it is counted per client address (the one
rule for who a client is: core.throttling.client_address), in the shared
"throttle" cache, at settings.FOLLOW_SUBSCRIBE_RATE."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from core.throttling import CountedWindow, client_address


class SubscribeRateThrottle(CountedWindow, SimpleRateThrottle):
    cache = caches["throttle"]
    scope = "follow-subscribe"

    def get_rate(self):
        return settings.FOLLOW_SUBSCRIBE_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


def subscribe_refused(request) -> int | None:
    """Seconds to wait when `request` is past the rate, else None (and counted)."""
    throttle = SubscribeRateThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, round(throttle.wait() or 1))
