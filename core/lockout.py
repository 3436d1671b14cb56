"""What a locked-out login gets (django-axes' AXES_LOCKOUT_CALLABLE): 429
with Retry-After and a message in the request's language, as JSON on the API
(POST /api/v1/token/), as a page in the admin's look everywhere else.

The lockout itself is django-axes' (settings: AXES_*): failures are counted
per account and client address in the database, so that every worker and
host shares them."""

from django.conf import settings
from django.contrib import admin
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def cooloff_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    minutes = cooloff_minutes()
    return ngettext(
        "Trop de tentatives de connexion échouées pour ce compte depuis cette adresse : "
        "la connexion est bloquée. Réessayez dans %(minutes)d minute.",
        "Trop de tentatives de connexion échouées pour ce compte depuis cette adresse : "
        "la connexion est bloquée. Réessayez dans %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=status)
    else:
        context = {**admin.site.each_context(request), "title": _("Connexion bloquée"), "message": lockout_message()}
        response = TemplateResponse(request, "admin/lockout.html", context, status=status)
        response.render()
    # Each try during the lockout restarts it: this is the soonest a try can succeed.
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
