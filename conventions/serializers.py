"""Read representations of the register for API v1. Lists are light; a
convention's detail embeds its parties, commitments, objectives with their
latest measurement and progress, actions, sources and documents."""

import datetime

from django.utils.functional import cached_property
from rest_framework import serializers

from actors.models import Actor
from core.serializers import ModelSerializer, TranslationsField
from plans.models import Plan
from plans.serializers import LinkSerializer

from .models import (
    Commitment,
    Convention,
    Document,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
    reads_every_state,
)


class PageUrlField(serializers.SerializerMethodField):
    """The object's public page, absolute."""

    def __init__(self, **kwargs):
        super().__init__(method_name="get_page_url", **kwargs)


def absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class ActorSummarySerializer(ModelSerializer):
    class Meta:
        model = Actor
        fields = ["slug", "name", "acronym", "kind"]


class CitationMixin(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    document = serializers.SerializerMethodField(help_text="The cited document's id, if the reader may see it.")
    citation_url = serializers.SerializerMethodField()

    def _shown_document(self, obj) -> Document | None:
        """The cited document, unless its convention is unpublished and the
        reader may not read drafts: a plan's objective (public) may cite a
        document of a convention still in draft, or archived since. The
        querysets select_related document__convention: no query here."""
        if not obj.document_id:
            return None
        document = obj.document
        if document.convention.is_published:
            return document
        request = self.context.get("request")
        return document if request is not None and reads_every_state(request.user) else None

    def get_document(self, obj) -> int | None:
        document = self._shown_document(obj)
        return document.pk if document is not None else None

    def get_citation_url(self, obj) -> str:
        document = self._shown_document(obj)
        if document is not None:
            return absolute(self, document.page_url(obj.page))
        return obj.source.url if obj.source_id else ""


class CommitmentSerializer(CitationMixin, ModelSerializer):
    party = serializers.SlugRelatedField(source="party.actor", slug_field="slug", read_only=True)
    party_id = serializers.IntegerField(read_only=True)
    translations = TranslationsField("description")

    class Meta:
        model = Commitment
        fields = [
            "id",
            "party",
            "party_id",
            "position",
            "description",
            "amount",
            "currency",
            "source",
            "document",
            "clause",
            "page",
            "citation_url",
            "translations",
        ]


class PartySerializer(ModelSerializer):
    """A party with its commitments, as a write takes them back (an edited
    commitment sent back in its party is updated in place)."""

    actor = ActorSummarySerializer()
    representative = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    representative_name = serializers.CharField(source="representative.name", default=None)
    representative_capacity = serializers.SerializerMethodField()
    commitments = CommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = Party
        fields = [
            "id",
            "position",
            "actor",
            "role",
            "name_as_written",
            "representative",
            "representative_name",
            "representative_title",
            "representative_capacity",
            "joined_on",
            "withdrew_on",
            "note",
            "commitments",
        ]

    def get_representative_capacity(self, party) -> str | None:
        # Without a named representative, "signed" would claim what no source says.
        return party.representative_capacity if party.representative_id else None


class MeasurementSerializer(CitationMixin, ModelSerializer):
    class Meta:
        model = Measurement
        fields = [
            "id",
            "value",
            "measured_on",
            "measured_on_precision",
            "note",
            "source",
            "document",
            "clause",
            "page",
            "citation_url",
        ]


class ObjectiveSerializer(CitationMixin, ModelSerializer):
    """An objective with its measurements and its progress as of the
    context's `as_of` (today when absent), by the rule of
    conventions.progress (explained on the public page « Méthode »)."""

    measurements = MeasurementSerializer(many=True, read_only=True)
    latest_measurement = serializers.SerializerMethodField(
        help_text="The most recent measurement, whatever the date read."
    )
    progress_as_of = serializers.SerializerMethodField(help_text="The date progress is read as of (`as_of`).")
    progress = serializers.SerializerMethodField(
        help_text="Share of the way from the baseline to the target (1.0 = the target, beyond when exceeded), from "
        "the latest measurement on or before `progress_as_of`; 0 while that measurement predates the signature; "
        "null without a measurement."
    )
    progress_status = serializers.SerializerMethodField(
        help_text="One of " + ", ".join(Objective.Progress.values) + ". not_reached: no pace can be set (an "
        "undated horizon or an unknown start)."
    )
    expected_progress = serializers.SerializerMethodField(
        help_text="The share the straight path from the start to the horizon's end expects by `progress_as_of`; "
        "null when the horizon is undated or the start unknown."
    )
    progress_measurement = serializers.SerializerMethodField(
        help_text="The id of the measurement the reading rests on."
    )
    progress_measured_on = serializers.SerializerMethodField(help_text="That measurement's date (its first day).")
    progress_measured_on_precision = serializers.SerializerMethodField(help_text="That date's precision.")
    progress_before_signature = serializers.SerializerMethodField(
        help_text="That measurement predates the convention's signature (or the signature's date is unknown): it "
        "is the starting point, context, not progress."
    )
    page_url = PageUrlField()
    convention = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    plan = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    component = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    translations = TranslationsField("indicator", "horizon_label", "note")

    class Meta:
        model = Objective
        fields = [
            "id",
            "convention",
            "plan",
            "component",
            "indicator",
            "unit",
            "comparator",
            "baseline_value",
            "baseline_year",
            "target_value",
            "horizon_on",
            "horizon_on_precision",
            "horizon_label",
            "note",
            "position",
            "latest_measurement",
            "progress_as_of",
            "progress",
            "progress_status",
            "expected_progress",
            "progress_measurement",
            "progress_measured_on",
            "progress_measured_on_precision",
            "progress_before_signature",
            "measurements",
            "source",
            "document",
            "clause",
            "page",
            "citation_url",
            "page_url",
            "updated_at",
            "translations",
        ]

    def get_page_url(self, obj) -> str:
        return absolute(self, obj.get_absolute_url())

    def get_latest_measurement(self, obj) -> dict | None:
        latest = obj.latest_measurement()
        return self._measurement.to_representation(latest) if latest else None

    @cached_property
    def _measurement(self):
        # One serializer for every objective's latest measurement, not one each.
        return MeasurementSerializer(context=self.context)

    def to_representation(self, instance):
        # One reading per objective, shared by the progress fields (a list
        # serializer reuses this instance for each objective in turn).
        self._reading = instance.progress_reading(self.context.get("as_of"))
        return super().to_representation(instance)

    def get_progress_as_of(self, obj) -> datetime.date:
        return self._reading.as_of

    def get_progress(self, obj) -> float | None:
        ratio = self._reading.progress
        return round(ratio, 4) if ratio is not None else None

    def get_progress_status(self, obj) -> str:
        return self._reading.status

    def get_expected_progress(self, obj) -> float | None:
        expected = self._reading.expected
        return round(expected, 4) if expected is not None else None

    def get_progress_measurement(self, obj) -> int | None:
        measurement = self._reading.measurement
        return measurement.pk if measurement is not None else None

    def get_progress_measured_on(self, obj) -> datetime.date | None:
        measurement = self._reading.measurement
        return measurement.measured_on if measurement is not None else None

    def get_progress_measured_on_precision(self, obj) -> str | None:
        measurement = self._reading.measurement
        return measurement.measured_on_precision if measurement is not None else None

    def get_progress_before_signature(self, obj) -> bool:
        return self._reading.context


class FollowUpActionSerializer(CitationMixin, ModelSerializer):
    convention = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    responsible = ActorSummarySerializer(read_only=True, allow_null=True)
    is_overdue = serializers.SerializerMethodField()
    page_url = PageUrlField()
    translations = TranslationsField("title", "description")

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "convention",
            "title",
            "description",
            "responsible",
            "responsible_note",
            "due_on",
            "due_on_precision",
            "state",
            "completed_on",
            "position",
            "is_overdue",
            "source",
            "document",
            "clause",
            "page",
            "citation_url",
            "page_url",
            "updated_at",
            "translations",
        ]

    def get_is_overdue(self, obj) -> bool:
        return obj.is_overdue()

    def get_page_url(self, obj) -> str:
        return absolute(self, obj.get_absolute_url())


class SourceSerializer(ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "id",
            "kind",
            "title",
            "outlet",
            "author",
            "url",
            "published_on",
            "published_on_precision",
            "language",
            "quote",
        ]


class DocumentSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "language", "page_count", "dated_on", "download_url"]

    def get_download_url(self, obj) -> str:
        # Through the view that checks publication, never the storage's address.
        return absolute(self, obj.get_absolute_url())


class ConventionListSerializer(ModelSerializer):
    parties = serializers.SerializerMethodField()
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    plans = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    page_url = PageUrlField()

    class Meta:
        model = Convention
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            "signed_on",
            "signed_on_precision",
            "place",
            "parties",
            "sectors",
            "plans",
            "page_url",
            "updated_at",
        ]

    def get_parties(self, obj) -> list[dict]:
        return [
            {"actor": p.actor.slug, "name": p.actor.name, "acronym": p.actor.acronym, "role": p.role}
            for p in obj.parties.all()
        ]

    def get_page_url(self, obj) -> str:
        return absolute(self, obj.get_absolute_url())

    @staticmethod
    def represent_rows(rows: list[dict]) -> list[dict]:
        """What this serializer gives for each convention, from the rows of
        exports.ConventionRows (read with `raw=True`): the API's list reads a
        page as values, without a model instance, a prefetch or a serializer
        field per row. The same fields, the same representations (dates
        through DRF's own fields); a test holds the two to the same output."""
        day, moment = serializers.DateField(), serializers.DateTimeField()
        return [
            {
                "slug": row["slug"],
                "title": row["title"],
                "kind": row["kind"],
                "status": row["status"],
                "signed_on": day.to_representation(row["signed_on"]) if row["signed_on"] else None,
                "signed_on_precision": row["signed_on_precision"],
                "place": row["place"],
                "parties": row["parties"],
                "sectors": row["sectors"],
                "plans": row["plans"],
                "page_url": row["url"],
                "updated_at": moment.to_representation(row["updated_at"]),
            }
            for row in rows
        ]


class ConventionDetailSerializer(ConventionListSerializer):
    parties = PartySerializer(many=True, read_only=True)
    commitments = serializers.SerializerMethodField()
    objectives = ObjectiveSerializer(many=True, read_only=True)
    actions = FollowUpActionSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    sectors = LinkSerializer(many=True, read_only=True, basename="sector")
    regions = LinkSerializer(many=True, read_only=True, basename="region")
    plans = LinkSerializer(many=True, read_only=True, basename="plan")
    components = serializers.SerializerMethodField()
    translations = TranslationsField("title", "summary")

    class Meta(ConventionListSerializer.Meta):
        fields = ConventionListSerializer.Meta.fields + [
            "reference",
            "summary",
            "text",
            "signed_on_note",
            "event",
            "start_on",
            "end_on",
            "amount",
            "currency",
            "scope",
            "regions",
            "components",
            "commitments",
            "objectives",
            "actions",
            "sources",
            "documents",
            "publication_state",
            "published_at",
            "translations",
        ]

    def get_commitments(self, obj) -> list[dict]:
        # One serializer for all the commitments, not one each.
        commitment_serializer = CommitmentSerializer(context=self.context)
        return [
            commitment_serializer.to_representation(commitment)
            for party in obj.parties.all()
            for commitment in party.commitments.all()
        ]

    def get_components(self, obj) -> list[dict]:
        return [{"plan": c.plan.slug, "slug": c.slug, "name": c.name} for c in obj.components.all()]


class PlanSummarySerializer(ModelSerializer):
    class Meta:
        model = Plan
        fields = ["slug", "name"]
