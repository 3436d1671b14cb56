from django.db.models import Prefetch
from rest_framework import viewsets
from rest_framework.decorators import action

from . import exports
from .filters import ConventionFilterSet
from .models import Convention, FollowUpAction, Measurement, Objective, Party
from .serializers import (
    ConventionDetailSerializer,
    ConventionListSerializer,
    FollowUpActionSerializer,
    ObjectiveSerializer,
)

MEASUREMENTS = Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))


class ConventionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published conventions. Filters are the public pages' own."""

    lookup_field = "slug"
    filterset_class = ConventionFilterSet

    def get_queryset(self):
        queryset = Convention.objects.published()
        if self.action == "retrieve":
            return queryset.prefetch_related(
                Prefetch(
                    "parties",
                    queryset=Party.objects.select_related("actor", "representative").prefetch_related("commitments"),
                ),
                Prefetch("objectives", queryset=Objective.objects.prefetch_related(MEASUREMENTS)),
                "actions__responsible",
                "sources",
                "documents",
                "sectors",
                "regions",
                "plans",
                "components__plan",
            )
        return queryset.prefetch_related("parties__actor", "sectors", "plans")

    def get_serializer_class(self):
        return ConventionDetailSerializer if self.action == "retrieve" else ConventionListSerializer

    @action(detail=False, url_path="export.json", pagination_class=None, filterset_class=ConventionFilterSet)
    def export_json(self, request):
        """The whole published register (or the filtered selection), streamed, without paging."""
        return exports.json_response(self.filter_queryset(Convention.objects.published()), request)

    @action(detail=False, url_path="export.csv", pagination_class=None)
    def export_csv(self, request):
        """The same as export.json, as CSV (formula-like cells neutralised)."""
        return exports.csv_response(self.filter_queryset(Convention.objects.published()), request)


class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Objectives of published conventions, plans and plan components, with their measurements."""

    serializer_class = ObjectiveSerializer
    filterset_fields = {"convention__slug": ["exact"], "plan__slug": ["exact"], "component__slug": ["exact"]}

    def get_queryset(self):
        return (
            Objective.objects.public()
            .select_related("convention", "plan", "component")
            .prefetch_related(MEASUREMENTS)
            .order_by("pk")
        )


class FollowUpActionViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up actions of published conventions."""

    serializer_class = FollowUpActionSerializer
    filterset_fields = {"convention__slug": ["exact"], "responsible__slug": ["exact"], "state": ["exact"]}

    def get_queryset(self):
        return FollowUpAction.objects.public().select_related("convention", "responsible").order_by("due_on", "pk")
