"""Sources and documents in API v1: where the register's facts come from.

Reading: anyone sees the sources of published conventions and of plans, and
the documents of published conventions; a signed-in writer with the view
permission sees them all (the draft's source it just linked, the document it
just uploaded).

Writing goes through the service layer, in one transaction per request:
`services.child_save` / `child_delete` (a source or a document of a published
convention is changed by publishers only) and `services.source_links_changed`
(linking a source to, or unlinking it from, a published convention needs the
publish permission). A document is uploaded as multipart/form-data; its file
is checked by content (core/validators.py, run by the model field), not only
by its extension.
"""

import django_filters
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser

from actors.models import may_view_all
from core.api import (
    API_REASON,
    RegisterViewSet,
    SlugReference,
    WriteVersion,
    if_unmodified_since,
    version_in_body,
)
from core.filters import FilterSet
from core.parsers import JSONParser
from core.schema import register_write_schema
from core.serializers import ModelSerializer, TranslatedWriteMixin, TranslationsField, TranslationsInput
from core.writes import Refused
from plans.models import Plan

from . import services
from .models import Convention, Document, Source
from .serializers import DocumentSerializer, SourceSerializer


def _visible_conventions(user):
    return Convention.objects.visible_to(user).only("pk", "slug")


# --- Serializers ---------------------------------------------------------------


class SourceReadSerializer(SourceSerializer):
    conventions = serializers.SerializerMethodField(
        help_text="Slugs of the conventions it backs (the published ones only, for anonymous clients)."
    )
    plans = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "conventions", "plans", "updated_at"]

    def get_conventions(self, obj) -> list[str]:
        return [convention.slug for convention in obj.visible_conventions]


class SourceWriteSerializer(ModelSerializer):
    """A source. `conventions` (slugs) sets the conventions it backs: linking
    it to, or unlinking it from, a published convention needs the publish
    permission. `plans` (slugs) sets the plans it backs (the plans' change
    permission). A list not sent is left alone."""

    published_on_precision = serializers.ChoiceField(choices=Source._meta.get_field("published_on_precision").choices)
    conventions = SlugReference(queryset=Convention.objects.all(), many=True, required=False)
    plans = SlugReference(queryset=Plan.objects.all(), many=True, required=False)
    text = serializers.CharField(
        required=False, allow_blank=True, write_only=True, help_text="The article's full text, for search and review."
    )
    updated_at = WriteVersion()

    class Meta:
        model = Source
        fields = [
            "kind",
            "title",
            "outlet",
            "author",
            "url",
            "published_on",
            "published_on_precision",
            "language",
            "quote",
            "text",
            "conventions",
            "plans",
            "updated_at",
        ]
        extra_kwargs = {"title": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        fields["published_on_precision"].required = False
        # Uniqueness (of the address) is the model's to check, with its own message.
        fields["url"].validators = [v for v in fields["url"].validators if not hasattr(v, "queryset")]
        return fields

    def split(self) -> tuple[dict, list | None, list | None, object]:
        data = dict(self.validated_data)
        version = data.pop("updated_at", None)
        return data, data.pop("conventions", None), data.pop("plans", None), version


class DocumentReadSerializer(DocumentSerializer):
    convention = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    translations = TranslationsField("title")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "convention", "created_at", "translations"]


@extend_schema_field({"type": "string", "format": "binary"})
class UploadField(serializers.FileField):
    pass


class DocumentWriteSerializer(TranslatedWriteMixin, ModelSerializer):
    """A document of a convention (its slug), uploaded as multipart/form-data.
    The file is needed to create one; it must be a PDF, DOCX, XLSX, ODT, ODS,
    PNG or JPEG whose content matches its extension, under the size limit.
    `translations` may come as JSON text in a form."""

    translated_fields = ("title",)

    convention = SlugReference(queryset=Convention.objects.all(), required=False)
    title = serializers.CharField(
        required=False,
        max_length=300,
        help_text="In the request's language (Accept-Language, French by default); the `title_fr`… columns "
        "and `translations` win over it.",
    )
    translations = TranslationsInput("title")
    file = UploadField(required=False, max_length=100)
    page_count = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100_000)

    class Meta:
        model = Document
        fields = [
            "convention",
            "kind",
            "title",
            "title_fr",
            "title_ar",
            "title_en",
            "translations",
            "file",
            "language",
            "page_count",
            "dated_on",
        ]


# --- Viewsets --------------------------------------------------------------------


class SourceFilterSet(FilterSet):
    """`conventions__slug` looks among the conventions the client may read:
    an anonymous client learns nothing of a draft from it."""

    conventions__slug = django_filters.CharFilter(method="filter_convention", max_length=140)
    plans__slug = django_filters.CharFilter(field_name="plans__slug", max_length=140)

    class Meta:
        model = Source
        fields = ["kind"]

    def filter_convention(self, queryset, name, value):
        conventions = Convention.objects.visible_to(getattr(self.request, "user", None)).filter(slug=value)
        links = Source.conventions.through.objects.filter(convention__in=conventions)
        return queryset.filter(pk__in=links.values("source_id"))


@extend_schema_view(**register_write_schema(SourceReadSerializer, SourceWriteSerializer))
class SourceViewSet(RegisterViewSet):
    """Sources: press articles, official pages, releases. Anyone reads those
    of published conventions and of plans; a writer with the view permission
    reads them all."""

    read_serializer_class = SourceReadSerializer
    write_serializer_class = SourceWriteSerializer
    refused_errors = (Refused, services.Refused)
    filterset_class = SourceFilterSet

    def _prefetched(self, queryset):
        return queryset.prefetch_related(
            Prefetch("conventions", queryset=_visible_conventions(self.request.user), to_attr="visible_conventions"),
            "plans",
        ).order_by("-published_on", "title", "pk")

    def read_queryset(self):
        if may_view_all(self.request.user, "conventions.view_source"):
            return self._prefetched(Source.objects.all())
        published = Source.conventions.through.objects.filter(convention__in=Convention.objects.published())
        planned = Source.plans.through.objects.all()
        return self._prefetched(
            Source.objects.filter(Q(pk__in=published.values("source_id")) | Q(pk__in=planned.values("source_id")))
        )

    def written_queryset(self):
        return self._prefetched(Source.objects.all())

    def create_object(self, serializer):
        fields, conventions, plans, _version = serializer.split()
        return services.source_save(
            source=None,
            user=self.request.user,
            fields=fields,
            conventions=conventions,
            plans=plans,
            reason=API_REASON,
        )

    def update_object(self, instance, serializer, *, partial):
        fields, conventions, plans, version = serializer.split()
        return services.source_save(
            source=instance,
            user=self.request.user,
            fields=fields,
            conventions=conventions,
            plans=plans,
            read_version=version,
            not_before=if_unmodified_since(self.request),
            reason=API_REASON,
        )

    def delete_object(self, instance):
        services.source_delete(
            source=instance,
            user=self.request.user,
            read_version=version_in_body(self.request),
            not_before=if_unmodified_since(self.request),
            reason=API_REASON,
        )


@extend_schema_view(
    **register_write_schema(
        DocumentReadSerializer,
        DocumentWriteSerializer,
        versioned=False,
        media_types=["multipart/form-data", "application/json"],
    )
)
class DocumentViewSet(RegisterViewSet):
    """Documents attached to conventions (signed texts, annexes, amendments…).
    Anyone reads those of published conventions; a writer with the view
    permission reads them all. Upload with multipart/form-data; metadata
    alone may be changed with JSON. A document has no version: its writes are
    not checked against what the writer read."""

    read_serializer_class = DocumentReadSerializer
    write_serializer_class = DocumentWriteSerializer
    refused_errors = (Refused, services.Refused)
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = {"convention__slug": ["exact"], "kind": ["exact"]}

    def _prefetched(self, queryset):
        return queryset.select_related("convention").order_by("convention__slug", "kind", "title", "pk")

    def read_queryset(self):
        if may_view_all(self.request.user, "conventions.view_document"):
            return self._prefetched(Document.objects.all())
        return self._prefetched(Document.objects.filter(convention__in=Convention.objects.published()))

    def written_queryset(self):
        return self._prefetched(Document.objects.all())

    def create_object(self, serializer):
        fields = dict(serializer.validated_data)
        if not fields.get("file"):
            raise Refused({"file": [str(_("Joignez le fichier du document."))]})
        return services.document_save(document=None, user=self.request.user, fields=fields, reason=API_REASON)

    def update_object(self, instance, serializer, *, partial):
        fields = dict(serializer.validated_data)
        return services.document_save(document=instance, user=self.request.user, fields=fields, reason=API_REASON)

    def delete_object(self, instance):
        services.document_delete(document=instance, user=self.request.user, reason=API_REASON)
