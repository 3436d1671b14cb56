"""POST /api/v1/extract/: a press article read into proposed conventions,
as JSON, without saving anything — for a writer's own tools, which then
write through POST /api/v1/conventions/ like any other client.

The answer is the extraction's (assistant.extraction.extract, described in
docs/extraction.md); the serializers below document it in the schema."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsers import JSONParser

from .extraction import MAX_CHARS, ExtractionError, extract
from .forms import partial_date

# SCHEMA.md's kinds (the review maps them onto the register's: assistant/proposals.py).
KINDS = ["convention de partenariat", "protocole d'accord", "contrat-programme", "accord"]


class AddsConventions(BasePermission):
    """A signed-in writer who may add conventions: reading an article is the
    first step of adding one, and it costs the server a second of work."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("conventions.add_convention"))


class ExtractRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=False, help_text=f"The article, as plain text or pasted HTML; at most {MAX_CHARS} characters."
    )
    published = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10,
        help_text="Its publication date, YYYY, YYYY-MM or YYYY-MM-DD: relative dates (« hier ») are read against it.",
    )
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, help_text="Detected from the text when absent."
    )
    url = serializers.URLField(required=False, allow_blank=True, max_length=600, help_text="Its address (not read).")
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="Its outlet.")

    def validate_published(self, value):
        try:
            return partial_date(value)
        except Exception as error:  # django's ValidationError, as a field error here
            raise ValidationError(error.messages) from error


class EvidenceSerializer(serializers.Serializer):
    sentence = serializers.CharField()
    start = serializers.IntegerField(help_text="Offset of the sentence in the text sent.")
    end = serializers.IntegerField()


class DateSignedSerializer(serializers.Serializer):
    value = serializers.CharField(allow_null=True, help_text="YYYY-MM-DD, YYYY-MM or YYYY")
    precision = serializers.ChoiceField(choices=["day", "month", "year", "unknown"])
    as_written = serializers.CharField(required=False, allow_null=True)
    inferred = serializers.BooleanField(required=False, help_text="The year was inferred, not read.")
    evidence = EvidenceSerializer(allow_null=True)


class ActorMatchSerializer(serializers.Serializer):
    actor = serializers.CharField(allow_null=True, help_text="The register's actor (slug); null: a new one.")
    confidence = serializers.FloatField()
    how = serializers.ChoiceField(choices=["exact", "acronym", "former name", "fuzzy", "new"])
    matched_name = serializers.CharField(required=False)


class SignatorySerializer(serializers.Serializer):
    name = serializers.CharField()
    acronym = serializers.CharField(allow_null=True)
    actor = serializers.CharField(allow_null=True)
    as_written = serializers.CharField()
    span = serializers.ListField(child=serializers.IntegerField(), help_text="[start, end] of the name in the text.")
    evidence = EvidenceSerializer(allow_null=True)
    match = ActorMatchSerializer()


class PersonMatchSerializer(serializers.Serializer):
    person = serializers.CharField(allow_null=True, help_text="The register's person (slug); null: a new one.")
    confidence = serializers.FloatField()
    how = serializers.ChoiceField(choices=["exact", "new"])
    mandate = serializers.CharField(required=False, allow_null=True)


class RepresentativeSerializer(serializers.Serializer):
    person = serializers.CharField()
    title = serializers.CharField(allow_null=True)
    organization = serializers.CharField(allow_null=True)
    span = serializers.ListField(child=serializers.IntegerField())
    evidence = EvidenceSerializer(allow_null=True)
    match = PersonMatchSerializer()


class AmountSerializer(serializers.Serializer):
    value_mad = serializers.FloatField(allow_null=True)
    currency = serializers.CharField()
    original_value = serializers.FloatField()
    as_written = serializers.CharField()
    span = serializers.ListField(child=serializers.IntegerField())
    evidence = EvidenceSerializer()


class ProposedObjectiveSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    target_value = serializers.FloatField()
    unit = serializers.CharField()
    deadline = serializers.CharField(allow_null=True)
    as_written = serializers.CharField()
    span = serializers.ListField(child=serializers.IntegerField())
    evidence = EvidenceSerializer()


class ActionSerializer(serializers.Serializer):
    action = serializers.CharField()
    responsible = serializers.CharField(allow_null=True, help_text="The responsible organisation, as written.")
    evidence = EvidenceSerializer()


class ProposedPlanSerializer(serializers.Serializer):
    name = serializers.CharField()
    plan = serializers.CharField(allow_null=True, help_text="The register's plan (slug), when it has it.")
    evidence = EvidenceSerializer(allow_null=True)


class ContextFigureSerializer(serializers.Serializer):
    value = serializers.FloatField()
    unit = serializers.CharField()
    as_written = serializers.CharField()
    span = serializers.ListField(child=serializers.IntegerField())
    evidence = EvidenceSerializer()
    measures_objective = serializers.IntegerField(
        allow_null=True, help_text="The index of the objective this figure measures, when one has its unit."
    )


class ProposalSerializer(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=["convention de partenariat", "protocole d'accord", "contrat-programme", "accord"]
    )
    kind_as_written = serializers.CharField(allow_null=True)
    date_signed = DateSignedSerializer()
    place = serializers.CharField(allow_null=True)
    event = serializers.CharField(allow_null=True)
    signatories = SignatorySerializer(many=True)
    representatives = RepresentativeSerializer(many=True)
    amounts = AmountSerializer(many=True)
    objectives = ProposedObjectiveSerializer(many=True)
    follow_up_actions = ActionSerializer(many=True)
    linked_plans = serializers.ListField(child=serializers.CharField())
    sectors = serializers.ListField(child=serializers.CharField())
    regions = serializers.ListField(child=serializers.CharField())
    plans = ProposedPlanSerializer(many=True)
    context_figures = ContextFigureSerializer(
        many=True, help_text="Figures of context (the sector's exports last year): not objectives of the convention."
    )
    evidence = EvidenceSerializer(many=True, help_text="The sentences of signature.")


class ExtractResponseSerializer(serializers.Serializer):
    conventions = ProposalSerializer(many=True, help_text="One per convention the article describes; none: empty.")


class ExtractView(APIView):
    """Read a press article into proposed conventions (parties matched to the
    register's actors, representatives, date, place, amounts, objectives,
    follow-up actions, plans), each item with the sentence it came from.
    Nothing is saved. Needs a token whose user may add conventions; counted
    by the API's rate limits like every write."""

    permission_classes = [AddsConventions]
    parser_classes = [JSONParser]

    @extend_schema(
        request=ExtractRequestSerializer,
        responses={200: ExtractResponseSerializer},
        operation_id="extract_create",
        tags=["extract"],
    )
    def post(self, request):
        given = ExtractRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            found = extract(data["text"], published=data.get("published") or None, language=data.get("language"))
        except ExtractionError as error:
            # The date and the language were checked above: what is left is the text's.
            raise ValidationError({"text": [str(error)]}) from error
        return Response({"conventions": found})
