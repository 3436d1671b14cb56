from rest_framework import serializers, viewsets

from .models import Actor, Convention


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "name"]


class ConventionSerializer(serializers.ModelSerializer):
    actors = ActorSerializer(many=True, read_only=True)

    class Meta:
        model = Convention
        fields = ["id", "title", "summary", "signed_on", "actors"]


class ConventionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Convention.objects.prefetch_related("actors")
    serializer_class = ConventionSerializer
