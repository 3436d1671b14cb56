from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from registry import api, views
from rest_framework import routers

router = routers.DefaultRouter()
router.register("conventions", api.ConventionViewSet, basename="api-convention")


def livez(request):
    """The floor, as in Shiraka: a trivial view through the same middleware."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("livez", livez),
    path("healthz", livez),
    path("conventions/", views.ConventionListView.as_view(), name="convention-list"),
    path("conventions/<int:pk>/", views.ConventionDetailView.as_view(), name="convention-detail"),
    path("api/", include(router.urls)),
]
