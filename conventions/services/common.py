"""What every write of the service layer shares: the fields a caller never
writes, which conventions protect a row (`conventions_of`), whether a user may
change it, and what follows any write (`finish`: completeness, search text,
`updated_at`, the register's version)."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conventions import publication
from conventions.models import (
    Commitment,
    Convention,
    ConventionRelation,
    Document,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)
from core import cache as register_cache

# Derived or stamped here, never written by a caller.
PROTECTED_FIELDS = frozenset({"search_text", "published_at", "published_by", "created_at", "updated_at"})


def _clean(obj, *, exclude: Iterable[str] = ()) -> None:
    obj.full_clean(exclude=[*exclude])


# --- Which convention a row belongs to ---------------------------------------


def conventions_of(obj) -> list[Convention]:
    """The conventions whose protection covers `obj` (a plan's objective has
    none: plans are public policy, guarded by their own permissions)."""
    if isinstance(obj, Convention):
        return [obj]
    if isinstance(obj, Party | FollowUpAction | Document):
        return [obj.convention] if obj.convention_id else []
    if isinstance(obj, Commitment):
        return [obj.party.convention] if obj.party_id else []
    if isinstance(obj, Objective):
        return [obj.convention] if obj.convention_id else []
    if isinstance(obj, Measurement):
        return conventions_of(obj.objective) if obj.objective_id else []
    if isinstance(obj, Source):
        return list(obj.conventions.all()) if obj.pk else []
    if isinstance(obj, ConventionRelation):
        return [obj.from_convention] if obj.from_convention_id else []
    return []


def may_change_child(user, obj) -> bool:
    """May `user` change (or delete) `obj` as it is stored?"""
    return all(publication.may_change(user, convention) for convention in conventions_of(obj))


def _stored(obj):
    if obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def _require_child_change(user, obj) -> None:
    """Both the row as stored and the row as it will be: moving a party from
    a draft to a published convention changes the published one."""
    stored = _stored(obj)
    for version in (stored, obj):
        if version is not None:
            for convention in conventions_of(version):
                publication.require_change(user, convention)


def _check_citation(obj, convention_id) -> dict:
    """A document cited by a row of a convention must be one of its own."""
    document_id = getattr(obj, "document_id", None)
    if document_id and convention_id:
        owner = Document.objects.filter(pk=document_id).values_list("convention_id", flat=True).first()
        if owner != convention_id:
            return {"document": [str(_("Ce document n'appartient pas à cette convention."))]}
    return {}


# --- After any write ---------------------------------------------------------


def finish(conventions: Iterable[Convention], *, check: bool = True) -> None:
    """Inside the write's transaction: refuse a published convention left
    incomplete (the whole write is rolled back), then rebuild the search text
    and mark the convention changed."""
    conventions = [c for c in {c.pk: c for c in conventions if c is not None and c.pk}.values()]
    if not conventions:
        return
    if check:
        for convention in conventions:
            fresh = Convention.objects.get(pk=convention.pk)
            publication.check_complete(fresh)
    pks = [c.pk for c in conventions]
    Convention.objects.filter(pk__in=pks).refresh_search_text()
    # A child changed is the convention changed: its version, ETag and the
    # `updated_since` sync must see it. An UPDATE, not save(): no history row.
    now = timezone.now()
    Convention.objects.filter(pk__in=pks, updated_at__lt=now).update(updated_at=now)
    for convention in conventions:
        convention.updated_at = now
    # Bulk writes (an import's batch) send no signal: the register's cache
    # learns of them here.
    register_cache.bump()
