"""API v1: one router for the register's resources, the schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from actors.api import ActorViewSet, MandateViewSet, PersonViewSet
from assistant.api import ExtractView
from conventions import opendata
from conventions.api import ConventionViewSet, FollowUpActionViewSet, ObjectiveViewSet
from conventions.api_sources import DocumentViewSet, SourceViewSet
from core.tokens import TokenView
from plans.api import PlanViewSet, RegionViewSet, SectorViewSet
from shiraka.api import PlanRollupView

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

# Where a plan stands: counted over the conventions that serve it (shiraka/api.py).
rollups = [path("plans/<slug:slug>/rollup/", PlanRollupView.as_view(), name="plan-rollup")]

# A press article read into proposed conventions, nothing saved (assistant/api.py).
extract = [path("extract/", ExtractView.as_view(), name="extract")]

# A writer's token for its username and password (locked out after repeated failures).
tokens = [path("token/", TokenView.as_view(), name="token")]


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI with no inline code: its start-up script is served as a file
    (the same address with ?script), which the site's Content-Security-Policy
    (script-src 'self' and nonces, no inline styles) lets run."""

    template_name = "api/swagger_ui.html"


urlpatterns = [
    path("v1/", include((exports + open_data + tokens + rollups + extract + router.urls, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="schema"), name="api-docs"),
]
