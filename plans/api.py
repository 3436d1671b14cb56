from django.db.models import Prefetch
from rest_framework import viewsets

from .models import Plan, PlanComponent, Region, Sector
from .serializers import PlanSerializer, RegionSerializer, SectorSerializer


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer
    lookup_field = "slug"

    def get_queryset(self):
        components = PlanComponent.objects.select_related("parent", "region")
        return (
            Plan.objects.select_related("owner", "parent", "predecessor")
            .prefetch_related("sectors", Prefetch("components", queryset=components))
            .order_by("-start_year", "name", "pk")
        )


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SectorSerializer
    lookup_field = "slug"
    queryset = Sector.objects.select_related("parent").order_by("name", "pk")


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    lookup_field = "slug"
    queryset = Region.objects.order_by("code")
