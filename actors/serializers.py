"""Actors, their other names, people and mandates in API v1: the read shapes,
and the write shapes that take the same field names (a writer may send back
what it read: read-only fields are ignored)."""

from rest_framework import serializers

from core.api import SlugReference, WriteVersion
from core.dates import DatePrecision
from core.serializers import ModelSerializer, TranslatedWriteMixin, TranslationsField, TranslationsInput

from .models import Actor, ActorName, Mandate, Person
from .services import NAME_FIELDS

MANDATE_FIELDS = [
    "start_on",
    "start_on_precision",
    "end_on",
    "end_on_precision",
    "attested_on",
    "attested_on_precision",
    "note",
]
PLAIN_TEXT_HELP = (
    "In the request's language (Accept-Language, French by default); the `_fr`/`_ar`/`_en` columns "
    "and `translations` win over it."
)


class ActorNameSerializer(ModelSerializer):
    class Meta:
        model = ActorName
        fields = ["id", *NAME_FIELDS]


class MandateSerializer(ModelSerializer):
    person = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    translations = TranslationsField("title")

    class Meta:
        model = Mandate
        fields = ["id", "person", "actor", "title", *MANDATE_FIELDS, "translations"]


class ActorSerializer(ModelSerializer):
    parent = serializers.SerializerMethodField(
        help_text="The parent organisation's slug; for anonymous clients, only when the parent is public itself."
    )
    names = ActorNameSerializer(many=True, read_only=True)
    other_names = ActorNameSerializer(
        source="names", many=True, read_only=True, help_text="The same as `names` (kept for older clients)."
    )
    page_url = serializers.SerializerMethodField()
    translations = TranslationsField("name", "description")

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "parent",
            "country",
            "website",
            "description",
            "names",
            "other_names",
            "page_url",
            "updated_at",
            "translations",
        ]

    def get_page_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def get_parent(self, obj) -> str | None:
        # `parent_is_public` is annotated for readers who see only the public
        # register (api.ActorViewSet): a parent known only from drafts stays unseen.
        if obj.parent_id is None or not getattr(obj, "parent_is_public", True):
            return None
        return obj.parent.slug


class PersonSerializer(ModelSerializer):
    mandates = MandateSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["slug", "name", "family_name", "biography", "mandates", "updated_at"]


# --- Writing -----------------------------------------------------------------


def precision_field():
    return serializers.ChoiceField(choices=DatePrecision.choices, required=False)


class ActorNameWriteSerializer(ModelSerializer):
    """An item of an actor's `names`: with `id`, that name changes in place
    (only the fields sent); without, a name is created; `"delete": true`
    beside an id deletes it."""

    id = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    delete = serializers.BooleanField(required=False, write_only=True)
    valid_from_precision = precision_field()
    valid_until_precision = precision_field()
    attested_on_precision = precision_field()

    class Meta:
        model = ActorName
        fields = ["id", "delete", *NAME_FIELDS]
        extra_kwargs = {"name": {"required": False}}


class ActorWriteSerializer(TranslatedWriteMixin, ModelSerializer):
    """An actor: POST creates it (a slug is made from its acronym or name if
    none is sent); PUT and PATCH change the fields sent and keep the others.
    `names`: PUT replaces the list (names left out are deleted), PATCH keeps
    the names it does not mention."""

    translated_fields = ("name", "description")

    name = serializers.CharField(required=False, max_length=300, help_text=PLAIN_TEXT_HELP)
    description = serializers.CharField(required=False, allow_blank=True, help_text=PLAIN_TEXT_HELP)
    translations = TranslationsInput("name", "description")
    parent = SlugReference(queryset=Actor.objects.all(), required=False, allow_null=True)
    names = ActorNameWriteSerializer(many=True, required=False)
    updated_at = WriteVersion()

    class Meta:
        model = Actor
        fields = [
            "slug",
            "name",
            "name_fr",
            "name_ar",
            "name_en",
            "acronym",
            "kind",
            "parent",
            "country",
            "website",
            "description",
            "description_fr",
            "description_ar",
            "description_en",
            "translations",
            "names",
            "updated_at",
        ]
        extra_kwargs = {"slug": {"required": False}}

    def split(self) -> tuple[dict, list | None, object]:
        """The validated data as the service layer takes it: fields, names,
        and the version the writer read."""
        data = dict(self.validated_data)
        version = data.pop("updated_at", None)
        names = data.pop("names", None)
        return data, names, version


class PersonWriteSerializer(ModelSerializer):
    """A person: a slug is made from the name if none is sent, and the family
    name (for sorting) from the name's last word if none is sent. Mandates
    are written at /api/v1/mandates/."""

    updated_at = WriteVersion()

    class Meta:
        model = Person
        fields = ["slug", "name", "family_name", "biography", "updated_at"]
        extra_kwargs = {"slug": {"required": False}, "name": {"required": False}}

    def split(self) -> tuple[dict, object]:
        data = dict(self.validated_data)
        return data, data.pop("updated_at", None)


class MandateWriteSerializer(TranslatedWriteMixin, ModelSerializer):
    """A person's position in an actor, both named by slug, over a period
    known to some precision."""

    translated_fields = ("title",)

    person = SlugReference(queryset=Person.objects.all(), required=False)
    actor = SlugReference(queryset=Actor.objects.all(), required=False)
    title = serializers.CharField(required=False, max_length=200, help_text=PLAIN_TEXT_HELP)
    translations = TranslationsInput("title")
    start_on_precision = precision_field()
    end_on_precision = precision_field()
    attested_on_precision = precision_field()

    class Meta:
        model = Mandate
        fields = ["person", "actor", "title", "title_fr", "title_ar", "title_en", "translations", *MANDATE_FIELDS]
