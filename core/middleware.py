from django.conf import settings
from django.core.signals import request_finished
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

from core.routers import allow_replica_reads


class RejectNulBytesMiddleware:
    """A NUL character in the address or a query parameter is refused with 400:
    PostgreSQL cannot store or compare text containing one, and no slug,
    search or filter value legitimately holds it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            message = _("L'adresse contient un caractère nul, refusé.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def may_read_from_replica(request) -> bool:
    """Only an anonymous visitor reading (safe method, no credentials) may be
    served from the replica. Everything about the user is decided from what the
    request carries before any query: without a session cookie nobody is logged
    in (and the session is not even touched, so public pages get no `Vary:
    Cookie`); with one, the session and the user are read from the primary."""
    if request.method not in SAFE_METHODS:
        return False
    if "HTTP_AUTHORIZATION" in request.META:  # API token (or any credentials): read your writes
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
        return False
    return True


class ReadReplicaMiddleware:
    """Decides, once per request, whether its reads may go to the read replica
    (core/routers.py). A request that writes, or that comes from a logged-in
    user or an API token, reads from the primary from start to end, so it sees
    what it (or its user, a moment ago) wrote. Harmless without a replica: the
    router is then not installed. Placed right after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allow_replica_reads(False)  # the session and user, if any, come from the primary
        allow_replica_reads(may_read_from_replica(request))
        # Left set until the response is closed: a streamed export is iterated
        # after this returns. request_finished puts the primary back.
        return self.get_response(request)


def _back_to_primary(**kwargs):
    allow_replica_reads(False)


request_finished.connect(_back_to_primary, dispatch_uid="shiraka.read_replica.back_to_primary")
