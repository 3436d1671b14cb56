from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api import API_REASON, if_unmodified_since
from core.schema import DETAIL_ERROR

from . import exports, progress, services
from .api_write import ConventionWriteSerializer, MeasurementCreateSerializer, PublicationSerializer
from .filters import ConventionFilterSet, FollowUpActionFilterSet
from .models import CITED, Convention, FollowUpAction, Measurement, Objective, reads_every_state
from .publication import CHANGE_PERMISSION, WithdrawnIsGone
from .serializers import (
    ConventionDetailSerializer,
    ConventionListSerializer,
    FollowUpActionSerializer,
    MeasurementSerializer,
    ObjectiveSerializer,
)

IF_UNMODIFIED_SINCE = OpenApiParameter(
    "If-Unmodified-Since",
    str,
    OpenApiParameter.HEADER,
    description="The Last-Modified date you read: a convention changed since is refused with 412.",
)


# A citation shows its document only if the reader may see that document's
# convention (serializers.CitationMixin): both come with the cited row.
MEASUREMENTS = Prefetch(
    "measurements", queryset=Measurement.objects.select_related(*CITED).order_by("measured_on", "id")
)


STALE = OpenApiResponse(DETAIL_ERROR, description="The convention changed since the `updated_at` you sent.")
AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="Read the objectives' progress as of this date (YYYY-MM-DD, years 1900-2100; today by default): "
    "only the measurements standing on or before it count, and the status is judged against the pace of that "
    "date. Anything else is refused with 400.",
)


def as_of_parameter(request):
    """The `as_of` query parameter as a date (None: today), or 400 with
    {"as_of": [message]} for anything that is not a date."""
    try:
        return progress.parse_as_of(request.query_params.get("as_of"))
    except ValueError as error:
        raise ValidationError({"as_of": [str(error)]}) from error


STATE_PARAMETER = OpenApiParameter(
    "publication_state",
    str,
    enum=[*Convention.PublicationState.values, "all"],
    description="Writers with the view permission only: list drafts, conventions in review or archived ones "
    "(`all` for every state). Anonymous clients always see the published register.",
)


@extend_schema_view(
    list=extend_schema(parameters=[STATE_PARAMETER]),
    retrieve=extend_schema(
        parameters=[AS_OF],
        responses={
            200: ConventionDetailSerializer,
            410: OpenApiResponse(DETAIL_ERROR, description="Published once, then withdrawn from the public register."),
        },
    ),
    create=extend_schema(request=ConventionWriteSerializer, responses={201: ConventionDetailSerializer}),
    update=extend_schema(
        request=ConventionWriteSerializer,
        responses={200: ConventionDetailSerializer, 412: STALE},
        parameters=[IF_UNMODIFIED_SINCE],
    ),
    partial_update=extend_schema(
        request=ConventionWriteSerializer,
        responses={200: ConventionDetailSerializer, 412: STALE},
        parameters=[IF_UNMODIFIED_SINCE],
    ),
)
class ConventionViewSet(WithdrawnIsGone, viewsets.ModelViewSet):
    """Published conventions to read; with a token and the model permissions,
    conventions to create (as drafts), replace, amend or delete, and drafts
    to read back."""

    lookup_field = "slug"
    filterset_class = ConventionFilterSet

    def get_queryset(self):
        queryset = Convention.objects.visible_to(self.request.user)
        if self.action == "list":
            state = self.request.query_params.get("publication_state", Convention.PublicationState.PUBLISHED)
            if state not in {*Convention.PublicationState.values, "all"}:
                raise ValidationError(
                    {"publication_state": [_("État de publication inconnu : « %(state)s ».") % {"state": state[:20]}]}
                )
            if not reads_every_state(self.request.user):
                state = Convention.PublicationState.PUBLISHED  # the published register, whatever is asked
            if state != "all":
                queryset = queryset.filter(publication_state=state)
        if self.action == "retrieve":
            return queryset.with_detail_data()
        if self.action == "list":
            return queryset  # read as values by `list`
        # Writes: whole rows (a save of a row loaded with only() would write
        # only the loaded columns).
        return queryset.prefetch_related("parties__actor", "sectors", "plans")

    def list(self, request, *args, **kwargs):
        """A page of conventions read as values (exports.ConventionRows): its
        own columns in the page's query, then parties with their actors,
        sectors and plans in one query each; written as the list serializer
        writes a convention (ConventionListSerializer.represent_rows)."""
        queryset = self.filter_queryset(self.get_queryset())
        reader = exports.ConventionRows(request, relations=("sectors", "plans"))
        # The annotations stay selected: the order may use one (a search's rank).
        page = self.paginate_queryset(
            queryset.rewrite(False).values_list(*reader.columns, *queryset.query.annotation_select)
        )
        rows = reader.rows([values[0] for values in page], {values[0]: values for values in page}, raw=True)
        return self.get_paginated_response(ConventionListSerializer.represent_rows(rows))

    def filter_queryset(self, queryset):
        # One convention is found by its address: the list's filters (a
        # FilterSet built and validated for nothing) do not narrow it.
        return queryset if self.action == "retrieve" else super().filter_queryset(queryset)

    def retrieve(self, request, *args, **kwargs):
        self.as_of = as_of_parameter(request)  # before the reading: a bad date is a 400, whatever the slug
        convention = self.get_object()
        return self._detail_response(convention, status.HTTP_200_OK, fresh=False)

    def get_serializer_context(self):
        # The detail's objectives read progress as of ?as_of= (retrieve only; today otherwise).
        return {**super().get_serializer_context(), "as_of": getattr(self, "as_of", None)}

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return ConventionWriteSerializer
        return ConventionDetailSerializer if self.action == "retrieve" else ConventionListSerializer

    def _detail_response(self, convention, status_code, *, fresh=True):
        if fresh:
            convention = Convention.objects.with_detail_data().get(pk=convention.pk)
        response = Response(
            ConventionDetailSerializer(convention, context=self.get_serializer_context()).data, status=status_code
        )
        # With the ETag, lets a client ask "changed since?" (304 otherwise).
        response["Last-Modified"] = http_date(convention.updated_at.timestamp())
        if status_code == status.HTTP_201_CREATED:
            response["Location"] = self.request.build_absolute_uri(
                reverse("v1:convention-detail", kwargs={"slug": convention.slug})
            )
        if not convention.is_published:
            response["Cache-Control"] = "private, no-store"
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields, relations, children, _version = serializer.split()
        convention = services.convention_create(
            user=request.user, fields=fields, relations=relations, children=children, reason=API_REASON
        )
        return self._detail_response(convention, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        convention = self.get_object()
        serializer = self.get_serializer(convention, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        fields, relations, children, version = serializer.split()
        convention = services.convention_update(
            convention=convention,
            user=request.user,
            fields=fields,
            relations=relations,
            children=children,
            replace_children=not partial,
            read_version=version,
            not_before=if_unmodified_since(request),
            reason=API_REASON,
        )
        return self._detail_response(convention, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        services.convention_delete(convention=instance, user=self.request.user, reason=API_REASON)

    @extend_schema(request=PublicationSerializer, responses={200: ConventionDetailSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def publication(self, request, slug=None):
        """Move a convention between draft, review, published and archived.
        Draft and review need the change permission; published and archived,
        or leaving them, need the publish permission. Publishing an incomplete
        convention is refused with what is missing."""
        # Only a writer who may move conventions at all (the change permission)
        # learns here that an unpublished one exists: anyone else gets 404 for
        # a draft, as for a slug that names nothing.
        may_move = request.user.has_perm(CHANGE_PERMISSION)
        candidates = Convention.objects.visible_to(request.user) if may_move else Convention.objects.published()
        convention = get_object_or_404(candidates, slug=slug)
        if not may_move:
            # Refused before the body is read: what it holds is none of its business.
            raise PermissionDenied
        serializer = PublicationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        convention = services.transition(
            convention=convention,
            state=serializer.validated_data["publication_state"],
            user=request.user,
            reason=API_REASON,
        )
        return self._detail_response(convention, status.HTTP_200_OK)

    @extend_schema(responses={(200, "application/json"): {"type": "array", "items": {"type": "object"}}})
    @action(detail=False, url_path="export.json", pagination_class=None)
    def export_json(self, request, format=None):  # format: the router's suffix (export.json.json)
        """The whole published register (or the filtered selection), streamed, without paging."""
        return exports.json_response(self.filter_queryset(Convention.objects.published()), request)

    @extend_schema(responses={(200, "text/csv"): {"type": "string"}})
    @action(detail=False, url_path="export.csv", pagination_class=None)
    def export_csv(self, request, format=None):
        """The same as export.json, as CSV (formula-like cells neutralised)."""
        return exports.csv_response(self.filter_queryset(Convention.objects.published()), request)


@extend_schema_view(list=extend_schema(parameters=[AS_OF]), retrieve=extend_schema(parameters=[AS_OF]))
class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Objectives of published conventions, plans and plan components, with
    their measurements and their progress (as of ?as_of=, today by default);
    with a token, objectives of drafts too, and one more measurement at a
    time."""

    serializer_class = ObjectiveSerializer
    filterset_fields = {"convention__slug": ["exact"], "plan__slug": ["exact"], "component__slug": ["exact"]}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Read before any row: a bad date is a 400, never a 500 nor a silent "today".
        self.as_of = as_of_parameter(request) if self.action in {"list", "retrieve"} else None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": getattr(self, "as_of", None)}

    def get_queryset(self):
        return (
            Objective.objects.visible_to(self.request.user)
            .select_related("convention", "plan", "component__plan", *CITED)
            .prefetch_related(MEASUREMENTS)
            .order_by("pk")
        )

    @extend_schema(
        request=MeasurementCreateSerializer,
        responses={201: MeasurementSerializer},
        description="Add one measurement (value, date and precision, its source) to an objective. Needs the "
        "add_measurement permission; on a published convention's objective, the publish permission too.",
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def measurements(self, request, pk=None):
        objective = self.get_object()
        if not request.user.has_perm("conventions.add_measurement"):
            raise PermissionDenied  # before the body is read, as for every other write
        serializer = MeasurementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        measurement = services.measurement_add(
            objective=objective, user=request.user, fields=serializer.validated_data, reason=API_REASON
        )
        response = Response(MeasurementSerializer(measurement, context=self.get_serializer_context()).data, status=201)
        response["Location"] = request.build_absolute_uri(reverse("v1:objective-detail", kwargs={"pk": objective.pk}))
        return response


class FollowUpActionViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up actions of published conventions (of drafts too, with a token)."""

    serializer_class = FollowUpActionSerializer
    filterset_class = FollowUpActionFilterSet

    def get_queryset(self):
        return (
            FollowUpAction.objects.visible_to(self.request.user)
            .select_related("convention", "responsible", *CITED)
            .order_by("due_on", "pk")
        )
