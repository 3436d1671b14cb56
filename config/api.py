"""API v1: one router for the register's resources, the schema and its docs."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from actors.api import ActorViewSet, PersonViewSet
from conventions import opendata
from conventions.api import ConventionViewSet, FollowUpActionViewSet, ObjectiveViewSet
from plans.api import PlanViewSet, RegionViewSet, SectorViewSet

router = DefaultRouter()
router.register("conventions", ConventionViewSet, basename="convention")
router.register("actors", ActorViewSet, basename="actor")
router.register("persons", PersonViewSet, basename="person")
router.register("plans", PlanViewSet, basename="plan")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("actions", FollowUpActionViewSet, basename="action")
router.register("sectors", SectorViewSet, basename="sector")
router.register("regions", RegionViewSet, basename="region")

open_data = [
    path("datapackage.json", opendata.datapackage, name="datapackage"),
    path("datapackage/<slug:name>.csv", opendata.datapackage_resource, name="datapackage-resource"),
    path("popolo.json", opendata.popolo, name="popolo"),
]

# The bulk exports also answer without the router's trailing slash, as documented.
exports = [
    path("conventions/export.json", ConventionViewSet.as_view({"get": "export_json"}), name="export-json"),
    path("conventions/export.csv", ConventionViewSet.as_view({"get": "export_csv"}), name="export-csv"),
]


def not_found(request, path=""):
    """Under /api/, even an address the router does not know gets a JSON 404."""
    return JsonResponse({"detail": _("Adresse inconnue.")}, status=404)


urlpatterns = [
    path("v1/", include((exports + open_data + router.urls, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"^(?P<path>.*)$", not_found),
]
