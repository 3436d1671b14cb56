"""The database down: 503 with Retry-After, never 500.

While the database refuses connections (a restart, a failover, a full disk),
every page answers 503 with a page in the site's look that needs no database
(templates/503.html) and every API call `{"detail": …}`, both with
`Retry-After`, so load balancers, crawlers and integrators wait and retry.

A database error reaches us two ways: raised by a view (the middleware's
process_exception) or raised by a middleware, e.g. the page cache reading the
register's version, which Django hands to handler500 (config.views.server_error
asks `outage_response` first). Nothing is kept from the failed attempt: Django
closes an unusable connection at the end of the request and connects again
on the next one, so the site recovers by itself when the database is back.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again.
RETRY_AFTER = 30
# What "the database is unreachable" looks like through Django: psycopg and
# sqlite3 errors on connecting (or on a connection that dropped) are wrapped
# as these two.
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, OUTAGE_ERRORS)


def outage_response(request) -> HttpResponse:
    """503 with Retry-After: JSON under /api/, the 503 page elsewhere. Renders
    without a request context (no context processor touches the database)."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": _("Le registre est momentanément indisponible. Réessayez dans quelques instants.")},
            status=503,
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def current_outage_response(request) -> HttpResponse | None:
    """For handler500: the outage answer when the exception being handled is
    the database's, else None."""
    exception = sys.exception()
    if not is_outage(exception):
        return None
    logger.error("Database unavailable: %s", exception, exc_info=exception)
    return outage_response(request)


class DatabaseOutageMiddleware:
    """A view that finds the database unreachable answers 503, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        logger.error("Database unavailable: %s", exception, exc_info=exception)
        return outage_response(request)
