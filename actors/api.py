"""Actors, people and mandates in API v1.

Anyone reads what the public sees (actors party to a published convention,
responsible for one of its actions or owning a plan; people and mandates
through them); a signed-in writer with the view permission reads every row,
so what it just created can be read back, and its slug used, at once. With a
token and the model permissions, the same addresses create, change and
delete, through actors/services.py."""

from django.db.models import Case, Prefetch, When
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_view
from rest_framework.filters import SearchFilter

from core.api import API_REASON, RegisterViewSet, if_unmodified_since, version_in_body
from core.schema import register_write_schema

from . import services
from .models import Actor, Mandate, Person, may_view_all
from .serializers import (
    ActorSerializer,
    ActorWriteSerializer,
    MandateSerializer,
    MandateWriteSerializer,
    PersonSerializer,
    PersonWriteSerializer,
)


@extend_schema_view(**register_write_schema(ActorSerializer, ActorWriteSerializer))
class ActorViewSet(RegisterViewSet):
    """Actors with their other names (`names`). POST, PUT and PATCH take
    `names` as a nested list: an item with `id` changes that name, one
    without creates a name, `{"id": …, "delete": true}` deletes one; PUT
    deletes the names it leaves out, PATCH keeps them. `parent` is a slug."""

    read_serializer_class = ActorSerializer
    write_serializer_class = ActorWriteSerializer
    lookup_field = "slug"
    # ?search=ami: any word in the name (each language), acronym or another
    # name; what the public list filter's suggestions ask for as one types.
    filter_backends = [DjangoFilterBackend, SearchFilter]
    search_fields = ["name_fr", "name_ar", "name_en", "acronym", "names__name", "names__acronym"]

    def _prefetched(self, queryset):
        return queryset.select_related("parent").prefetch_related("names").order_by("name", "pk")

    def read_queryset(self):
        queryset = self._prefetched(Actor.objects.visible_to(self.request.user))
        if may_view_all(self.request.user, "actors.view_actor"):
            return queryset
        # The parent's slug only if the parent is public too (one subquery in the same query).
        return queryset.annotate(
            parent_is_public=Case(When(parent__in=Actor.objects.public(), then=True), default=False)
        )

    def written_queryset(self):
        return self._prefetched(Actor.objects.all())

    def create_object(self, serializer):
        fields, names, _version = serializer.split()
        return services.actor_create(user=self.request.user, fields=fields, names=names, reason=API_REASON)

    def update_object(self, instance, serializer, *, partial):
        fields, names, version = serializer.split()
        return services.actor_update(
            actor=instance,
            user=self.request.user,
            fields=fields,
            names=names,
            replace_names=not partial,
            read_version=version,
            not_before=if_unmodified_since(self.request),
            reason=API_REASON,
        )

    def delete_object(self, instance):
        services.actor_delete(
            actor=instance,
            user=self.request.user,
            read_version=version_in_body(self.request),
            not_before=if_unmodified_since(self.request),
            reason=API_REASON,
        )


@extend_schema_view(**register_write_schema(PersonSerializer, PersonWriteSerializer))
class PersonViewSet(RegisterViewSet):
    """People, with their mandates (written at /api/v1/mandates/)."""

    read_serializer_class = PersonSerializer
    write_serializer_class = PersonWriteSerializer
    lookup_field = "slug"

    def _prefetched(self, queryset, mandates):
        mandates = mandates.select_related("person", "actor")
        return queryset.prefetch_related(Prefetch("mandates", queryset=mandates)).order_by("family_name", "name", "pk")

    def read_queryset(self):
        user = self.request.user
        return self._prefetched(Person.objects.visible_to(user), Mandate.objects.visible_to(user))

    def written_queryset(self):
        return self._prefetched(Person.objects.all(), Mandate.objects.all())

    def create_object(self, serializer):
        fields, _version = serializer.split()
        return services.person_create(user=self.request.user, fields=fields, reason=API_REASON)

    def update_object(self, instance, serializer, *, partial):
        fields, version = serializer.split()
        return services.person_update(
            person=instance,
            user=self.request.user,
            fields=fields,
            read_version=version,
            not_before=if_unmodified_since(self.request),
            reason=API_REASON,
        )

    def delete_object(self, instance):
        services.person_delete(
            person=instance,
            user=self.request.user,
            read_version=version_in_body(self.request),
            not_before=if_unmodified_since(self.request),
            reason=API_REASON,
        )


@extend_schema_view(**register_write_schema(MandateSerializer, MandateWriteSerializer, versioned=False))
class MandateViewSet(RegisterViewSet):
    """Mandates: a person's dated position in an actor, both named by slug.
    Anyone reads the mandates in public actors; a writer with the view
    permission reads them all. A mandate has no version: its writes are not
    checked against what the writer read."""

    read_serializer_class = MandateSerializer
    write_serializer_class = MandateWriteSerializer
    filterset_fields = {"person__slug": ["exact"], "actor__slug": ["exact"]}

    def _prefetched(self, queryset):
        return queryset.select_related("person", "actor").order_by("person__family_name", "person__name", "pk")

    def read_queryset(self):
        return self._prefetched(Mandate.objects.visible_to(self.request.user))

    def written_queryset(self):
        return self._prefetched(Mandate.objects.all())

    def create_object(self, serializer):
        return services.mandate_create(
            user=self.request.user, fields=dict(serializer.validated_data), reason=API_REASON
        )

    def update_object(self, instance, serializer, *, partial):
        return services.mandate_update(
            mandate=instance, user=self.request.user, fields=dict(serializer.validated_data), reason=API_REASON
        )

    def delete_object(self, instance):
        services.mandate_delete(mandate=instance, user=self.request.user, reason=API_REASON)
