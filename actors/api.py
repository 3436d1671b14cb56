from django.db.models import Prefetch
from rest_framework import viewsets

from .models import Actor, Mandate, Person
from .serializers import ActorSerializer, PersonSerializer


class ActorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActorSerializer
    lookup_field = "slug"
    search_fields = ["name", "acronym", "names__name"]

    def get_queryset(self):
        return Actor.objects.public().select_related("parent").prefetch_related("names").order_by("name", "pk")


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PersonSerializer
    lookup_field = "slug"

    def get_queryset(self):
        public_mandates = Mandate.objects.filter(actor__in=Actor.objects.public()).select_related("person", "actor")
        return (
            Person.objects.public()
            .prefetch_related(Prefetch("mandates", queryset=public_mandates))
            .order_by("family_name", "name", "pk")
        )
