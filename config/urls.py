from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from conventions.quality import quality_view
from conventions.views import network_view
from core.sitemaps import SITEMAPS

admin.site.site_header = _("Shiraka — administration du registre")
admin.site.site_title = _("Shiraka")
admin.site.index_title = _("Registre des conventions de partenariat")


def healthz(request):
    """Liveness for load balancers, and the floor the benchmark measures against."""
    return JsonResponse({"status": "ok"})


def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


urlpatterns = [
    path("admin/quality/", quality_view, name="admin-quality"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("config.api")),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("conventions/", include("conventions.urls")),
    path("actors/", include("actors.urls")),
    path("plans/", include("plans.urls")),
    path("network/", network_view, name="network"),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
