"""Writing a convention through the API: the whole convention with its parties,
commitments, objectives (with measurements) and follow-up actions in one
request, naming actors, people, plans, sectors and regions by slug.

Everything is validated before anything is written, the write runs in one
transaction, and a convention created here starts as a draft.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actors.models import Actor, Person
from core.dates import DatePrecision, clean_partial_dates
from plans.models import Plan, Region, Sector

from .models import Commitment, Convention, FollowUpAction, Measurement, Objective, Party

DATE_PRECISION = serializers.ChoiceField(choices=DatePrecision.choices, default=DatePrecision.UNKNOWN)


class SlugReference(serializers.SlugRelatedField):
    """An object named by its slug; a NUL character is refused before the
    lookup (PostgreSQL cannot compare text holding one)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\x00"))
        return super().to_internal_value(data)


def slug_field(model, **kwargs):
    return SlugReference(slug_field="slug", queryset=model.objects.all(), **kwargs)


def run_model_clean(instance):
    """The model's own rules (partial dates, periods) as field errors."""
    try:
        instance.clean()
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise serializers.ValidationError(detail) from error


class CommitmentWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commitment
        fields = ["description", "amount", "currency", "clause", "page"]


class PartyWriteSerializer(serializers.ModelSerializer):
    actor = slug_field(Actor)
    representative = slug_field(Person, required=False, allow_null=True)
    commitments = CommitmentWriteSerializer(many=True, required=False)

    class Meta:
        model = Party
        fields = [
            "actor",
            "role",
            "name_as_written",
            "representative",
            "representative_title",
            "representative_capacity",
            "joined_on",
            "withdrew_on",
            "note",
            "commitments",
        ]

    def validate(self, attrs):
        if attrs.get("representative_title") and not attrs.get("representative"):
            raise serializers.ValidationError(
                {"representative_title": _("Une fonction n'a de sens qu'avec un représentant.")}
            )
        joined, withdrew = attrs.get("joined_on"), attrs.get("withdrew_on")
        if joined and withdrew and withdrew < joined:
            raise serializers.ValidationError({"withdrew_on": _("Le retrait ne peut précéder l'adhésion.")})
        return attrs


class MeasurementWriteSerializer(serializers.ModelSerializer):
    measured_on_precision = serializers.ChoiceField(
        choices=[c for c in DatePrecision.choices if c[0] != DatePrecision.UNKNOWN], default=DatePrecision.DAY
    )

    class Meta:
        model = Measurement
        fields = ["value", "measured_on", "measured_on_precision", "note", "clause", "page"]

    def validate(self, attrs):
        run_model_clean(Measurement(**attrs))
        return attrs


class ObjectiveWriteSerializer(serializers.ModelSerializer):
    horizon_on_precision = DATE_PRECISION
    measurements = MeasurementWriteSerializer(many=True, required=False)

    class Meta:
        model = Objective
        fields = [
            "indicator_fr",
            "indicator_ar",
            "indicator_en",
            "unit",
            "comparator",
            "baseline_value",
            "baseline_year",
            "target_value",
            "horizon_on",
            "horizon_on_precision",
            "horizon_label_fr",
            "horizon_label_ar",
            "horizon_label_en",
            "note_fr",
            "clause",
            "page",
            "measurements",
        ]
        extra_kwargs = {"indicator_fr": {"required": True, "allow_blank": False}, "unit": {"allow_blank": False}}

    def validate(self, attrs):
        probe = Objective(horizon_on=attrs.get("horizon_on"), horizon_on_precision=attrs["horizon_on_precision"])
        try:
            clean_partial_dates(probe, "horizon_on")
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        attrs["horizon_on"], attrs["horizon_on_precision"] = probe.horizon_on, probe.horizon_on_precision
        return attrs


class FollowUpActionWriteSerializer(serializers.ModelSerializer):
    responsible = slug_field(Actor, required=False, allow_null=True)
    due_on_precision = DATE_PRECISION

    class Meta:
        model = FollowUpAction
        fields = [
            "title_fr",
            "title_ar",
            "title_en",
            "description_fr",
            "responsible",
            "responsible_note",
            "due_on",
            "due_on_precision",
            "state",
            "completed_on",
            "clause",
            "page",
        ]
        extra_kwargs = {"title_fr": {"required": True, "allow_blank": False}}

    def validate(self, attrs):
        action = FollowUpAction(**attrs)
        run_model_clean(action)
        attrs["due_on"], attrs["due_on_precision"] = action.due_on, action.due_on_precision
        return attrs


NESTED = ("parties", "objectives", "actions")


class ConventionWriteSerializer(serializers.ModelSerializer):
    signed_on_precision = DATE_PRECISION
    sectors = slug_field(Sector, many=True, required=False)
    regions = slug_field(Region, many=True, required=False)
    plans = slug_field(Plan, many=True, required=False)
    parties = PartyWriteSerializer(many=True, required=False)
    objectives = ObjectiveWriteSerializer(many=True, required=False)
    actions = FollowUpActionWriteSerializer(many=True, required=False)
    publication_state = serializers.CharField(read_only=True)

    class Meta:
        model = Convention
        fields = [
            "slug",
            "title_fr",
            "title_ar",
            "title_en",
            "summary_fr",
            "summary_ar",
            "summary_en",
            "reference",
            "kind",
            "status",
            "text",
            "signed_on",
            "signed_on_precision",
            "place",
            "event",
            "start_on",
            "end_on",
            "amount",
            "currency",
            "scope",
            "sectors",
            "regions",
            "plans",
            "parties",
            "objectives",
            "actions",
            "publication_state",
        ]
        extra_kwargs = {
            "title_fr": {"required": True, "allow_blank": False},
            "slug": {"required": False},
        }

    def validate_parties(self, parties):
        actors = [party["actor"] for party in parties]
        repeated = {actor.slug for actor in actors if actors.count(actor) > 1}
        if repeated:
            raise serializers.ValidationError(
                _("Un même acteur ne peut être deux fois partie : %(actors)s.")
                % {"actors": ", ".join(sorted(repeated))}
            )
        return parties

    def validate(self, attrs):
        instance = Convention(**{k: v for k, v in attrs.items() if k not in (*NESTED, "sectors", "regions", "plans")})
        if self.instance is not None:
            instance.pk = self.instance.pk
        run_model_clean(instance)
        attrs["signed_on"], attrs["signed_on_precision"] = instance.signed_on, instance.signed_on_precision
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        validated_data["publication_state"] = Convention.PublicationState.DRAFT
        return self._save(Convention(), validated_data)

    @transaction.atomic
    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, convention, data):
        nested = {key: data.pop(key) for key in NESTED if key in data}
        relations = {key: data.pop(key) for key in ("sectors", "regions", "plans") if key in data}
        for key, value in data.items():
            setattr(convention, key, value)
        try:
            convention.save()
        except IntegrityError as error:  # e.g. a slug taken between validation and write
            raise serializers.ValidationError({"slug": [_("Cet identifiant est déjà pris.")]}) from error
        for key, values in relations.items():
            getattr(convention, key).set(values)
        if "parties" in nested:
            convention.parties.all().delete()
            for position, party in enumerate(nested["parties"]):
                commitments = party.pop("commitments", [])
                saved = Party.objects.create(convention=convention, position=position, **party)
                Commitment.objects.bulk_create(
                    Commitment(party=saved, position=i, **c) for i, c in enumerate(commitments)
                )
        if "objectives" in nested:
            convention.objectives.all().delete()
            for position, objective in enumerate(nested["objectives"]):
                measurements = objective.pop("measurements", [])
                saved = Objective.objects.create(convention=convention, position=position, **objective)
                Measurement.objects.bulk_create(Measurement(objective=saved, **m) for m in measurements)
        if "actions" in nested:
            convention.actions.all().delete()
            for position, action in enumerate(nested["actions"]):
                FollowUpAction.objects.create(convention=convention, position=position, **action)
        Convention.objects.filter(pk=convention.pk).refresh_search_text()
        return convention

    def validate_slug(self, slug):
        taken = Convention.objects.filter(slug=slug)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if slug and taken.exists():
            raise serializers.ValidationError(_("Cet identifiant est déjà pris."))
        return slug


class PublicationSerializer(serializers.Serializer):
    publication_state = serializers.ChoiceField(choices=Convention.PublicationState.choices)
