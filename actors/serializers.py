from rest_framework import serializers

from core.serializers import TranslationsField

from .models import Actor, ActorName, Mandate, Person


class ActorNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActorName
        fields = [
            "name",
            "acronym",
            "kind",
            "valid_from",
            "valid_from_precision",
            "valid_until",
            "valid_until_precision",
            "attested_on",
            "attested_on_precision",
        ]


class MandateSerializer(serializers.ModelSerializer):
    person = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    actor = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Mandate
        fields = [
            "person",
            "actor",
            "title",
            "start_on",
            "start_on_precision",
            "end_on",
            "end_on_precision",
            "attested_on",
            "attested_on_precision",
        ]


class ActorSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    other_names = ActorNameSerializer(source="names", many=True, read_only=True)
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
            "other_names",
            "page_url",
            "updated_at",
            "translations",
        ]

    def get_page_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class PersonSerializer(serializers.ModelSerializer):
    mandates = MandateSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["slug", "name", "family_name", "mandates", "updated_at"]
