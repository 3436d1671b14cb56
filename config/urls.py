from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from assistant.admin_views import article_view
from conventions.downloads import document_download
from conventions.quality import quality_view
from conventions.views import network_view
from shiraka import urls as site
from shiraka.sitemaps import SITEMAPS

admin.site.site_header = _("Shiraka — administration du registre")
admin.site.site_title = _("Shiraka")
admin.site.index_title = _("Registre des conventions de partenariat")


def livez(request):
    """Liveness: the process answers. Touches neither the database nor the
    cache (a host is not restarted for an outage elsewhere), and is the floor
    the benchmark measures every page against: a trivial view through the
    same middleware."""
    return JsonResponse({"status": "ok"})


def healthz(request):
    """Readiness, for load balancers: one trivial query and one cache read,
    each reported on its own; 503 when either is down, so a balancer stops
    sending requests this host cannot serve."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        checks["database"] = "error"
    try:
        cache.get("shiraka:healthz")
    except Exception:  # the backend's own errors: redis.ConnectionError, a DatabaseError…
        checks["cache"] = "error"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


urlpatterns = [
    path("admin/quality/", quality_view, name="admin-quality"),
    # The article assistant (assistant/admin_views.py), before the admin's own
    # addresses, which would read it as a convention's id.
    path(
        "admin/conventions/convention/depuis-un-article/",
        admin.site.admin_view(article_view),
        name="admin-article",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api")),
    path("healthz", healthz, name="healthz"),
    path("livez", livez, name="livez"),
    # Outside the language prefixes: one address per document, in pages, the API and exports.
    path("documents/<int:pk>/", document_download, name="document-download"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]

urlpatterns += i18n_patterns(
    path("", include(site.home_urls)),
    path("conventions/", include("conventions.urls")),
    path("actors/", include(site.actor_urls)),
    path("plans/", include(site.plan_urls)),
    path("people/", include(site.people_urls)),
    path("network/", network_view, name="network"),
    path("search/", include(site.search_urls)),
    path("methode/", include(site.method_urls)),
    path("suivre/", include("follows.urls")),
)

# No static serving of MEDIA_URL, even in development: documents go through
# document_download, which keeps a draft's file from anyone holding its address.

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
