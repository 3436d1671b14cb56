"""Keeping every convention's search text true when what it shows changes.

A convention is found by its parties' names, acronyms and former names, its
representatives, plans, components, sectors and regions (search.document_for). Those
rows live in apps below this one (actors, plans), which must not know about
conventions; so this app listens to their saves and deletes, whichever path
wrote them (admin, API, import, shell), and rebuilds the search text of the
conventions that show them once the transaction commits: a rename and its
new former name in one admin save cost one rebuild, and a rolled-back write
none. Conventions' own writes rebuild theirs in the service layer.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete

from actors.models import Actor, ActorName, Person
from plans.models import Plan, PlanComponent, Region, Sector

from .models import Convention


def conventions_showing(instance) -> Q:
    """The conventions whose search text includes `instance`."""
    if isinstance(instance, Actor):
        return Q(parties__actor_id=instance.pk)
    if isinstance(instance, ActorName):
        return Q(parties__actor_id=instance.actor_id)
    if isinstance(instance, Person):
        return Q(parties__representative_id=instance.pk)
    if isinstance(instance, Plan):
        return Q(plans__id=instance.pk)
    if isinstance(instance, PlanComponent):
        return Q(components__id=instance.pk)
    if isinstance(instance, Sector):
        return Q(sectors__id=instance.pk)
    if isinstance(instance, Region):
        return Q(regions__id=instance.pk)
    raise TypeError(type(instance))


def _rebuild_later(pks: list[int], using: str) -> None:
    if pks:
        transaction.on_commit(lambda: Convention.objects.filter(pk__in=pks).refresh_search_text(), using=using)


def _affected(instance) -> list[int]:
    return list(Convention.objects.filter(conventions_showing(instance)).values_list("pk", flat=True).distinct())


def _saved(sender, instance, using="default", raw=False, created=False, **kwargs):
    # Fixtures and backups restore search text as it was saved; a new actor,
    # person, plan or sector is shown by no convention yet (a new name is).
    if raw or (created and sender is not ActorName):
        return
    _rebuild_later(_affected(instance), using)


def _deleting(sender, instance, using="default", **kwargs):
    # Before the delete: a deleted plan's links to conventions go with it.
    _rebuild_later(_affected(instance), using)


def connect() -> None:
    for model in (Actor, ActorName, Person, Plan, PlanComponent, Sector, Region):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-save-{model.__name__}")
        pre_delete.connect(_deleting, sender=model, dispatch_uid=f"search-index-delete-{model.__name__}")
