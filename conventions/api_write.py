"""Writing a convention through the API: the whole convention with its parties,
commitments, objectives (with measurements) and follow-up actions in one
request, naming actors, people, plans, sectors and regions by slug.

These serializers check the shape of what is sent, field by field; the rules
of the register (merging a partial update, validation of the merged result,
publication invariants, permissions on children, locking, history, search)
are the service layer's (conventions.services), the same for every write path.

Nested lists: an item with an `id` updates that row in place (its id stays),
an item without one creates a row, `{"id": …, "delete": true}` deletes one.
PUT replaces the convention: rows left out of a list it sends are deleted.
PATCH changes what it names: rows left out of a list are kept.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actors.models import Actor, Person
from core.api import IdReference, SlugReference
from core.dates import DatePrecision
from core.serializers import ModelSerializer, TranslationsInput
from plans.models import Plan, PlanComponent, Region, Sector

from .models import Commitment, Convention, Document, FollowUpAction, Measurement, Objective, Party, Source

# No default: a precision left out keeps the stored one (a PUT keeps what it
# does not send), and a new row takes the model's, « unknown », which a date
# sent without precision turns into « day » (core.dates.clean_partial_dates).
DATE_PRECISION = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
# A measurement is dated, at least to the year.
MEASURED_PRECISIONS = [c for c in DatePrecision.choices if c[0] != DatePrecision.UNKNOWN]
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


class NullIsUnsent(serializers.ChoiceField):
    """A choice a read gives as null where it does not apply (a party's
    representative_capacity without a representative): null sent back is as
    if the field were not sent, and the stored value stays."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, **kwargs)

    def run_validation(self, data=serializers.empty):
        if data is None:
            raise serializers.SkipField()
        return super().run_validation(data)


def slug_field(model, **kwargs):
    return SlugReference(queryset=model.objects.all(), **kwargs)


class NestedItem(ModelSerializer):
    """An item of a nested list: `id` to update a row, `delete` to remove it."""

    id = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    delete = serializers.BooleanField(required=False, write_only=True)
    source = IdReference(queryset=Source.objects.all(), required=False, allow_null=True)
    document = IdReference(queryset=Document.objects.all(), required=False, allow_null=True)

    CITATION = ["source", "document", "clause", "page"]

    def validate(self, attrs):
        attrs.update(attrs.pop("translations", {}))
        return attrs


class CommitmentWriteSerializer(NestedItem):
    translations = TranslationsInput("description")

    class Meta:
        model = Commitment
        fields = [
            "id",
            "delete",
            "description",
            "description_fr",
            "description_ar",
            "description_en",
            "translations",
            "amount",
            "currency",
            "position",
            *NestedItem.CITATION,
        ]


class PartyWriteSerializer(NestedItem):
    actor = slug_field(Actor)
    representative = slug_field(Person, required=False, allow_null=True)
    representative_capacity = NullIsUnsent(choices=Party.RepresentativeCapacity.choices)
    commitments = CommitmentWriteSerializer(many=True, required=False)

    class Meta:
        model = Party
        fields = [
            "id",
            "delete",
            "actor",
            "role",
            "position",
            "name_as_written",
            "representative",
            "representative_title",
            "representative_capacity",
            "joined_on",
            "withdrew_on",
            "note",
            "commitments",
        ]


class MeasurementWriteSerializer(NestedItem):
    measured_on_precision = serializers.ChoiceField(choices=MEASURED_PRECISIONS, required=False)

    class Meta:
        model = Measurement
        fields = ["id", "delete", "value", "measured_on", "measured_on_precision", "note", *NestedItem.CITATION]


class ObjectiveWriteSerializer(NestedItem):
    horizon_on_precision = DATE_PRECISION
    measurements = MeasurementWriteSerializer(many=True, required=False)
    translations = TranslationsInput("indicator", "horizon_label", "note")

    class Meta:
        model = Objective
        fields = [
            "id",
            "delete",
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
            "note_ar",
            "note_en",
            "translations",
            "position",
            *NestedItem.CITATION,
            "measurements",
        ]


class FollowUpActionWriteSerializer(NestedItem):
    responsible = slug_field(Actor, required=False, allow_null=True)
    due_on_precision = DATE_PRECISION
    translations = TranslationsInput("title", "description")

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "delete",
            "title_fr",
            "title_ar",
            "title_en",
            "description_fr",
            "description_ar",
            "description_en",
            "translations",
            "responsible",
            "responsible_note",
            "due_on",
            "due_on_precision",
            "state",
            "completed_on",
            "position",
            *NestedItem.CITATION,
        ]


NESTED = ("parties", "objectives", "actions")
RELATIONS = ("sectors", "regions", "plans", "components", "sources")


class ComponentReference(SlugReference):
    """A plan component, named `plan-slug/component-slug` or by the object a
    read gives ({"plan": …, "slug": …}): component slugs are unique within a plan."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = f"{data.get('plan', '')}/{data.get('slug', '')}"
        if not isinstance(data, str) or "/" not in data or "\x00" in data:
            self.fail("invalid")
        plan, slug = data.split("/", 1)
        found = PlanComponent.objects.filter(plan__slug=plan, slug=slug).first()
        if found is None:
            self.fail("does_not_exist", slug_name="plan/slug", value=data)
        return found


class ConventionWriteSerializer(ModelSerializer):
    signed_on_precision = DATE_PRECISION
    sectors = slug_field(Sector, many=True, required=False)
    regions = slug_field(Region, many=True, required=False)
    plans = slug_field(Plan, many=True, required=False)
    components = ComponentReference(slug_field="slug", queryset=PlanComponent.objects.all(), many=True, required=False)
    sources = IdReference(
        queryset=Source.objects.all(),
        many=True,
        required=False,
        help_text="The sources that report this convention, by id (POST /api/v1/sources/ creates one).",
    )
    parties = PartyWriteSerializer(many=True, required=False)
    objectives = ObjectiveWriteSerializer(many=True, required=False)
    actions = FollowUpActionWriteSerializer(many=True, required=False)
    translations = TranslationsInput("title", "summary")
    publication_state = serializers.CharField(read_only=True)
    updated_at = serializers.CharField(
        required=False,
        write_only=True,
        help_text="The `updated_at` you read: a newer stored version refuses the write with 412.",
    )

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
            "translations",
            "reference",
            "kind",
            "status",
            "text",
            "signed_on",
            "signed_on_precision",
            "signed_on_note",
            "place",
            "event",
            "start_on",
            "end_on",
            "amount",
            "currency",
            "scope",
            *RELATIONS,
            *NESTED,
            "publication_state",
            "updated_at",
        ]
        extra_kwargs = {"title_fr": {"allow_blank": False}, "slug": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        # A new convention needs a French title, in `title_fr` or in `translations`.
        fields["title_fr"].required = False
        # The slug's uniqueness is the model's to check, with its own message.
        fields["slug"].validators = []
        return fields

    def validate_parties(self, parties):
        actors = [party["actor"] for party in parties if "actor" in party and not party.get("delete")]
        repeated = {actor.slug for actor in actors if actors.count(actor) > 1}
        if repeated:
            raise serializers.ValidationError(
                _("Un même acteur ne peut être deux fois partie : %(actors)s.")
                % {"actors": ", ".join(sorted(repeated))}
            )
        return parties

    def validate(self, attrs):
        attrs.update(attrs.pop("translations", {}))
        if self.instance is None and not attrs.get("title_fr"):
            raise serializers.ValidationError({"title_fr": [_("Ce champ est obligatoire.")]})
        return attrs

    def split(self) -> tuple[dict, dict, dict, object]:
        """The validated data as the service layer takes it: fields, relations,
        children, and the version the writer read."""
        data = dict(self.validated_data)
        version = data.pop("updated_at", None)
        relations = {key: data.pop(key) for key in RELATIONS if key in data}
        children = {key: data.pop(key) for key in NESTED if key in data}
        return data, relations, children, version


class MeasurementCreateSerializer(ModelSerializer):
    """One more measurement of an objective: value, date, precision, its source."""

    measured_on_precision = serializers.ChoiceField(choices=MEASURED_PRECISIONS, default=DatePrecision.DAY)
    source = IdReference(queryset=Source.objects.all(), required=False, allow_null=True)
    document = IdReference(queryset=Document.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Measurement
        fields = ["value", "measured_on", "measured_on_precision", "note", "source", "document", "clause", "page"]


class PublicationSerializer(serializers.Serializer):
    publication_state = serializers.ChoiceField(choices=Convention.PublicationState.choices)
