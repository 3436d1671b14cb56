"""API v1: one router for the register's resources, the schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from actors.api import ActorViewSet, MandateViewSet, PersonViewSet
from conventions import opendata
from conventions.api import ConventionViewSet, FollowUpActionViewSet, ObjectiveViewSet
from conventions.api_sources import DocumentViewSet, SourceViewSet
from plans.api import PlanViewSet, RegionViewSet, SectorViewSet

router = DefaultRouter()
router.register("conventions", ConventionViewSet, basename="convention")
router.register("actors", ActorViewSet, basename="actor")
router.register("persons", PersonViewSet, basename="person")
router.register("mandates", MandateViewSet, basename="mandate")
router.register("plans", PlanViewSet, basename="plan")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("actions", FollowUpActionViewSet, basename="action")
router.register("sources", SourceViewSet, basename="source")
router.register("documents", DocumentViewSet, basename="document")
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


urlpatterns = [
    path("v1/", include((exports + open_data + router.urls, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]
