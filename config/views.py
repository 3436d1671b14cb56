"""Error pages: the site's look for readers, JSON for API clients."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from core.outage import current_outage_response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("Adresse inconnue.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    # The database unreachable from a middleware (the page cache, the
    # session): 503 with Retry-After, like a view's (core/outage.py).
    if (outage := current_outage_response(request)) is not None:
        return outage
    if _is_api(request):
        return JsonResponse({"detail": _("Erreur du serveur. Elle a été enregistrée.")}, status=500)
    return defaults.server_error(request)
