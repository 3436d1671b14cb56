from rest_framework import serializers

from .models import Plan, PlanComponent, Region, Sector


class SectorSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Sector
        fields = ["slug", "name", "parent", "description"]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "code", "name"]


class PlanComponentSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = PlanComponent
        fields = ["slug", "name", "kind", "parent", "description", "region", "location", "amount", "currency"]


class PlanSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    predecessor = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    components = PlanComponentSerializer(many=True, read_only=True)
    page_url = serializers.SerializerMethodField()

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
        ]

    def get_page_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path
