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
is checked by content (uploads.py), not only by its extension.
"""

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch, ProtectedError, Q, RestrictedError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from config.schema import register_write_schema
from core import locking
from core.api import (
    API_REASON,
    RegisterViewSet,
    SlugReference,
    WriteVersion,
    if_unmodified_since,
    version_in_body,
)
from core.serializers import TranslatedWriteMixin, TranslationsField, TranslationsInput
from core.writes import Refused, assign, errors_of, require_permission, still_used
from plans.models import Plan

from . import services, uploads
from .models import Convention, Document, Source
from .serializers import DocumentSerializer, SourceSerializer

SOURCE_PROTECTED = frozenset({"id", "pk", "created_at", "updated_at"})


def may_view_all(user, permission: str) -> bool:
    """A signed-in user with the model's view permission reads every row."""
    return bool(user is not None and user.is_authenticated and user.has_perm(permission))


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


class SourceWriteSerializer(serializers.ModelSerializer):
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


class DocumentWriteSerializer(TranslatedWriteMixin, serializers.ModelSerializer):
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


# --- Writes, through the service layer -------------------------------------------


def _apply(obj, fields: dict) -> None:
    refused = {
        name: [str(_("Ce champ est calculé ; il ne s'écrit pas."))] for name in fields if name in SOURCE_PROTECTED
    }
    if refused:
        raise Refused(refused)
    for name, value in fields.items():
        assign(obj, name, value)


def _full_clean(obj, *, extra: dict | None = None) -> None:
    """full_clean() of the merged row with the rules it cannot see, field
    errors first; the database rules once the fields are right."""
    errors = dict(extra or {})
    try:
        obj.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in errors_of(error).items():
            errors.setdefault(field, messages)
    if not errors:
        try:
            obj.validate_constraints()
        except ValidationError as error:
            errors = errors_of(error)
    for field in [name for name in errors if name.endswith("_fr")]:
        # The plain column repeats the active language's: one message is enough.
        errors.pop(field.removesuffix("_fr"), None)
    if NON_FIELD_ERRORS in errors:
        errors["non_field_errors"] = errors.pop(NON_FIELD_ERRORS)
    if errors:
        raise Refused(errors)


def _address_taken(source: Source) -> dict:
    if source.url and Source.objects.filter(url=source.url).exclude(pk=source.pk).exists():
        return {"url": [str(_("Une autre source a déjà cette adresse."))]}
    return {}


@transaction.atomic
def source_save(
    *,
    source: Source | None,
    user,
    fields: dict,
    conventions: list[Convention] | None = None,
    plans: list[Plan] | None = None,
    read_version=None,
    not_before=None,
    reason="",
) -> Source:
    """Create (`source` None) or change a source and the conventions and plans
    it backs, in one transaction: a refusal anywhere writes nothing."""
    if source is None:
        require_permission(user, "conventions.add_source", _("Vous n'avez pas le droit d'ajouter des sources."))
        source, before = Source(), []
    else:
        require_permission(user, "conventions.change_source", _("Vous n'avez pas le droit de modifier les sources."))
        locking.check_version(Source, source.pk, read_version, not_before=not_before)
        source = Source.objects.get(pk=source.pk)
        before = list(source.conventions.all())
    _apply(source, fields)
    _full_clean(source, extra=_address_taken(source))
    # A source backing a published convention is changed by publishers only.
    services.child_save(obj=source, user=user, reason=reason)
    if plans is not None and {plan.pk for plan in plans} != set(source.plans.values_list("pk", flat=True)):
        require_permission(
            user,
            "plans.change_plan",
            _("Lier une source à un plan, ou l'en détacher, demande le droit de modifier les plans."),
        )
        source.plans.set(plans)
    if conventions is not None:
        source.conventions.set(conventions)
        # Joining or leaving a published convention needs the publish permission.
        services.source_links_changed(source=source, user=user, before=before)
    return source


@transaction.atomic
def source_delete(*, source: Source, user, read_version=None, not_before=None, reason="") -> None:
    require_permission(user, "conventions.delete_source", _("Vous n'avez pas le droit de supprimer des sources."))
    locking.check_version(Source, source.pk, read_version, not_before=not_before)
    try:
        services.child_delete(obj=Source.objects.get(pk=source.pk), user=user, reason=reason)
    except (ProtectedError, RestrictedError) as error:
        raise still_used(error) from error


@transaction.atomic
def document_save(*, document: Document | None, user, fields: dict, reason="") -> Document:
    """Create (`document` None) or change a document: its metadata, its
    convention, its file (checked by content)."""
    if document is None:
        require_permission(user, "conventions.add_document", _("Vous n'avez pas le droit d'ajouter des documents."))
        document = Document()
    else:
        require_permission(
            user, "conventions.change_document", _("Vous n'avez pas le droit de modifier les documents.")
        )
        document = Document.objects.select_for_update().get(pk=document.pk)
    _apply(document, fields)
    extra = {}
    if not (document.title_fr or "").strip():
        extra["title_fr"] = [str(_("Le texte français est obligatoire."))]
    try:
        uploads.check_upload(fields.get("file"))
    except ValidationError as error:
        extra["file"] = [str(message) for message in error.messages]
    _full_clean(document, extra=extra)
    uploaded = isinstance(fields.get("file"), UploadedFile)
    try:
        services.child_save(obj=document, user=user, reason=reason)
    except BaseException:
        # The file reached the storage, the row will not: remove it.
        if uploaded and getattr(document.file, "_committed", False) and document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document, user, reason="") -> None:
    """Refused while a commitment, objective, measurement or action cites it.
    The file stays in the storage (the history may point to it)."""
    require_permission(user, "conventions.delete_document", _("Vous n'avez pas le droit de supprimer des documents."))
    try:
        services.child_delete(obj=Document.objects.get(pk=document.pk), user=user, reason=reason)
    except (ProtectedError, RestrictedError) as error:
        raise still_used(error) from error


# --- Viewsets --------------------------------------------------------------------


class SourceFilterSet(django_filters.FilterSet):
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
        return source_save(
            source=None,
            user=self.request.user,
            fields=fields,
            conventions=conventions,
            plans=plans,
            reason=API_REASON,
        )

    def update_object(self, instance, serializer, *, partial):
        fields, conventions, plans, version = serializer.split()
        return source_save(
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
        source_delete(
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
        return document_save(document=None, user=self.request.user, fields=fields, reason=API_REASON)

    def update_object(self, instance, serializer, *, partial):
        fields = dict(serializer.validated_data)
        return document_save(document=instance, user=self.request.user, fields=fields, reason=API_REASON)

    def delete_object(self, instance):
        document_delete(document=instance, user=self.request.user, reason=API_REASON)
