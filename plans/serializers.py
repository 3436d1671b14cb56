from django.urls import reverse
from rest_framework import serializers

from core.serializers import ModelSerializer, TranslationsField

from .models import Plan, PlanComponent, Region, Sector


class PageUrlMixin(serializers.Serializer):
    page_url = serializers.SerializerMethodField()

    def get_page_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class SectorSerializer(PageUrlMixin, ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Sector
        fields = ["slug", "name", "parent", "description", "page_url", "updated_at"]


class RegionSerializer(PageUrlMixin, ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "code", "name", "page_url", "updated_at"]


class LinkSerializer(PageUrlMixin, serializers.Serializer):
    """A related sector, region or plan: its slug, name, API and page addresses."""

    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def __init__(self, *args, basename: str, **kwargs):
        self.basename = basename
        super().__init__(*args, **kwargs)

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = reverse(f"v1:{self.basename}-detail", kwargs={"slug": obj.slug})
        return request.build_absolute_uri(path) if request else path


class PlanComponentSerializer(ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = PlanComponent
        fields = ["slug", "name", "kind", "parent", "description", "region", "location", "amount", "currency"]


class PlanSerializer(PageUrlMixin, ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    predecessor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    components = PlanComponentSerializer(many=True, read_only=True)
    translations = TranslationsField("name", "short_name", "summary")

    class Meta:
        model = Plan
        fields = [
            "slug",
            "name",
            "short_name",
            "kind",
            "start_year",
            "end_year",
            "owner",
            "parent",
            "predecessor",
            "sectors",
            "summary",
            "website",
            "components",
            "page_url",
            "updated_at",
            "translations",
        ]
