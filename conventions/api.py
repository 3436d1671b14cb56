from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.response import Response

from config.schema import DETAIL_ERROR

from . import exports
from .api_write import ConventionWriteSerializer, PublicationSerializer
from .filters import ConventionFilterSet
from .models import Convention, FollowUpAction, Measurement, Objective, Party
from .serializers import (
    ConventionDetailSerializer,
    ConventionListSerializer,
    FollowUpActionSerializer,
    ObjectiveSerializer,
)

PUBLIC_STATES = (Convention.PublicationState.PUBLISHED, Convention.PublicationState.ARCHIVED)


class Stale(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"


def check_not_stale(request, convention) -> None:
    """Optimistic locking for PUT and PATCH, as in the admin form: a client
    that says which version it read (the `updated_at` it was given, or the
    Last-Modified date in If-Unmodified-Since) is refused with 412 when the
    convention has changed since. A client that says nothing is not checked."""
    current = convention.updated_at
    read = request.data.get("updated_at") if hasattr(request.data, "get") else None
    stale = False
    if read:
        parsed = parse_datetime(str(read))
        if parsed is None:
            raise ValidationError({"updated_at": [_("Date et heure illisibles.")]})
        stale = parsed != current
    since = parse_http_date_safe(request.headers.get("If-Unmodified-Since", ""))
    if since is not None and int(current.timestamp()) > since:
        stale = True
    if stale:
        raise Stale(
            _(
                "Cette convention a été modifiée le %(when)s, depuis que vous l'avez lue ; "
                "relisez-la, puis refaites vos changements."
            )
            % {"when": current.isoformat()}
        )


MEASUREMENTS = Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "id"))


@extend_schema_view(
    retrieve=extend_schema(
        responses={
            200: ConventionDetailSerializer,
            410: OpenApiResponse(DETAIL_ERROR, description="Published once, then withdrawn from the public register."),
        }
    ),
    create=extend_schema(request=ConventionWriteSerializer, responses={201: ConventionDetailSerializer}),
    update=extend_schema(request=ConventionWriteSerializer, responses={200: ConventionDetailSerializer}),
    partial_update=extend_schema(request=ConventionWriteSerializer, responses={200: ConventionDetailSerializer}),
)
class ConventionViewSet(viewsets.ModelViewSet):
    """Published conventions to read; with a token and the model permissions,
    conventions to create (as drafts), replace, amend or delete."""

    lookup_field = "slug"
    filterset_class = ConventionFilterSet

    def get_queryset(self):
        if self.request.method not in SAFE_METHODS:
            # The permission-checked path: DjangoModelPermissions has vetted the user.
            return Convention.objects.all()
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

    def retrieve(self, request, *args, **kwargs):
        try:
            convention = self.get_object()
        except Http404:
            if Convention.objects.withdrawn().filter(slug=kwargs.get(self.lookup_field, "")).exists():
                return Response(
                    {"detail": _("Cette convention a été retirée du registre public.")}, status=status.HTTP_410_GONE
                )
            raise
        response = Response(self.get_serializer(convention).data)
        # With the ETag, lets a client ask "changed since?" (304 otherwise).
        response["Last-Modified"] = http_date(convention.updated_at.timestamp())
        return response

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return ConventionWriteSerializer
        return ConventionDetailSerializer if self.action == "retrieve" else ConventionListSerializer

    def _written(self, serializer, status_code):
        return self._detail_response(serializer.save(), status_code)

    def _detail_response(self, convention, status_code):
        fresh = Convention.objects.prefetch_related(
            "parties__actor",
            "parties__representative",
            "parties__commitments",
            "objectives__measurements",
            "actions__responsible",
            "sources",
            "documents",
            "sectors",
            "regions",
            "plans",
            "components__plan",
        ).get(pk=convention.pk)
        data = ConventionDetailSerializer(fresh, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._written(serializer, status.HTTP_201_CREATED)

    def _check_may_change(self, convention):
        if convention.publication_state in PUBLIC_STATES and not Convention.can_publish(self.request.user):
            raise PermissionDenied(_("Une convention publiée ou archivée n'est modifiée que par un publieur."))

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        convention = self.get_object()
        self._check_may_change(convention)
        check_not_stale(request, convention)
        serializer = self.get_serializer(convention, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return self._written(serializer, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        self._check_may_change(instance)
        instance.delete()

    @extend_schema(request=PublicationSerializer, responses={200: ConventionDetailSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def publication(self, request, slug=None):
        """Move a convention between draft, review, published and archived.
        Draft and review need the change permission; published and archived,
        or leaving them, need the publish permission. Publishing an incomplete
        convention is refused with what is missing."""
        convention = get_object_or_404(Convention.objects.all(), slug=slug)
        serializer = PublicationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        state = serializer.validated_data["publication_state"]
        if not request.user.has_perm("conventions.change_convention"):
            raise PermissionDenied()
        touches_public = state in PUBLIC_STATES or convention.publication_state in PUBLIC_STATES
        if touches_public and not Convention.can_publish(request.user):
            raise PermissionDenied(_("Publier, archiver ou dépublier demande la permission de publier."))
        if state == Convention.PublicationState.PUBLISHED:
            problems = convention.publication_problems()
            if problems:
                raise ValidationError({"publication_state": [str(problem) for problem in problems]})
        convention.set_publication_state(state, user=request.user)
        convention.save(update_fields=["publication_state", "published_at", "published_by", "updated_at"])
        return self._detail_response(convention, status.HTTP_200_OK)

    @extend_schema(responses={(200, "application/json"): {"type": "array", "items": {"type": "object"}}})
    @action(detail=False, url_path="export.json", pagination_class=None)
    def export_json(self, request):
        """The whole published register (or the filtered selection), streamed, without paging."""
        return exports.json_response(self.filter_queryset(Convention.objects.published()), request)

    @extend_schema(responses={(200, "text/csv"): {"type": "string"}})
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
            .select_related("convention", "plan", "component__plan")
            .prefetch_related(MEASUREMENTS)
            .order_by("pk")
        )


class FollowUpActionViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up actions of published conventions."""

    serializer_class = FollowUpActionSerializer
    filterset_fields = {"convention__slug": ["exact"], "responsible__slug": ["exact"], "state": ["exact"]}

    def get_queryset(self):
        return FollowUpAction.objects.public().select_related("convention", "responsible").order_by("due_on", "pk")
