"""The one write path for conventions and everything that hangs from them:
parties, commitments, objectives, measurements, follow-up actions, sources
and documents.

The admin (forms, inlines, child pages, bulk actions, history restores), the
API, the spreadsheet importer and the demo loader call these functions; none
of them saves those models by itself. Each write here

- checks the writer's permission on the convention as stored, and on the
  convention a child is moved to (a child of a published convention is as
  protected as the convention: publication.may_change);
- merges a partial update onto the stored row (what is not sent is kept) and
  validates the merged result with the model's full_clean();
- checks the version the writer read, atomically (core.locking);
- keeps the publication invariants: a published convention that would become
  incomplete is refused with what is missing (publication.check_complete),
  and `published_at` / `published_by` are stamped in one place
  (publication.stamp);
- records history with the user and a change reason, and refreshes the
  convention's search text and `updated_at` (so `updated_since` sync sees a
  changed child).

Errors: `Refused` carries field errors shaped like the input (nested lists by
position, `{"parties": {"1": {"actor": [...]}}}`); `PermissionDenied`
(django.core.exceptions) and `core.locking.StaleVersion` say who may not and
what changed.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from core import cache as register_cache
from core import locking
from core.history import record_bulk
from core.writes import Refused, errors_of, plan_list, require_permission, still_used, validate
from core.writes import assign as _assign
from core.writes import attribute as _attribute
from plans.models import Plan

from . import publication
from .models import (
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

# Derived or stamped here, never written by a caller.
PROTECTED_FIELDS = frozenset({"search_text", "published_at", "published_by", "created_at", "updated_at"})
RELATIONS = ("sectors", "regions", "plans", "components", "sources")


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


# --- Conventions --------------------------------------------------------------


def _apply(convention: Convention, changes: dict[str, Any], *, user) -> None:
    """Set the fields a writer sent, keeping what it did not mention."""
    state = changes.pop("publication_state", None)
    for name in changes:
        if name in PROTECTED_FIELDS:
            raise Refused({name: [str(_("Ce champ est calculé ; il ne s'écrit pas."))]})
    for name, value in changes.items():
        _assign(convention, name, value)
    if state is not None and state != convention.publication_state:
        publication.refuse_move(user, convention.publication_state, state)
        publication.stamp(convention, state, user)


def _validate_convention(convention: Convention) -> None:
    exclude = ["search_text", "published_by"]
    if not convention.slug:
        exclude.append("slug")  # made from the title when saved
    try:
        convention.full_clean(exclude=exclude)
    except ValidationError as error:
        raise Refused(errors_of(error)) from error


def _save_convention(convention: Convention, *, user, reason: str) -> None:
    _attribute(convention, user, reason)
    try:
        with transaction.atomic():
            convention.save()
    except IntegrityError as error:  # e.g. a slug taken between validation and write
        raise Refused({"slug": [str(_("Cet identifiant est déjà pris."))]}) from error


@transaction.atomic
def convention_create(
    *,
    user,
    fields: dict[str, Any],
    relations: dict[str, list] | None = None,
    children: dict[str, list[dict]] | None = None,
    reason: str = "",
) -> Convention:
    """A new convention, a draft unless the writer may publish and asks for
    another state, with its classifications and children."""
    if user is not None and not user.has_perm("conventions.add_convention"):
        raise PermissionDenied(_("Vous n'avez pas le droit d'ajouter des conventions."))
    convention = Convention(publication_state=publication.State.DRAFT)
    _apply(convention, dict(fields), user=user)
    _validate_convention(convention)
    _save_convention(convention, user=user, reason=reason)
    _write_relations(convention, relations or {})
    write_children(convention, children or {}, user=user, reason=reason, replace=True)
    finish([convention])
    return convention


@transaction.atomic
def convention_update(
    *,
    convention: Convention,
    user,
    fields: dict[str, Any],
    relations: dict[str, list] | None = None,
    children: dict[str, list[dict]] | None = None,
    replace_children: bool = False,
    read_version=None,
    not_before=None,
    reason: str = "",
) -> Convention:
    """Change the fields named in `fields` (and only those) on the stored
    convention, with its classifications and children. `read_version` is the
    `updated_at` the writer read: a newer stored version refuses the write."""
    locking.check_version(Convention, convention.pk, read_version, not_before=not_before)
    stored = Convention.objects.get(pk=convention.pk)
    publication.require_change(user, stored)
    _apply(stored, dict(fields), user=user)
    _validate_convention(stored)
    _save_convention(stored, user=user, reason=reason)
    _write_relations(stored, relations or {})
    write_children(stored, children or {}, user=user, reason=reason, replace=replace_children)
    finish([stored])
    return stored


def _write_relations(convention: Convention, relations: dict[str, list]) -> None:
    for name in relations:
        if name not in RELATIONS:
            raise ValueError(name)
    if "plans" in relations or "components" in relations:
        # What the convention will serve: the lists sent, else what it has.
        plans = relations["plans"] if "plans" in relations else convention.plans.all()
        components = (
            relations["components"] if "components" in relations else convention.components.select_related("plan")
        )
        refuse_components_outside_plans(plans, components)
    for name, values in relations.items():
        getattr(convention, name).set(values)


def components_outside_plans(plans: Iterable, components: Iterable) -> list:
    """The components among `components` whose plan is not among `plans`
    (instances): a convention serves components only of the plans it serves.
    The one rule, for the admin's form, the API and the import."""
    chosen = {plan.pk for plan in plans}
    return [component for component in components if component.plan_id not in chosen]


def components_outside_plans_message(stray: Iterable) -> str:
    return str(
        _("Ces composantes relèvent d'un plan que la convention ne sert pas : %(components)s.")
        % {"components": ", ".join(str(component) for component in stray)}
    )


def refuse_components_outside_plans(plans: Iterable, components: Iterable) -> None:
    stray = components_outside_plans(plans, components)
    if stray:
        raise Refused({"components": [components_outside_plans_message(stray)]})


@transaction.atomic
def convention_save(*, convention: Convention, user, read_version=None, reason: str = "", created: bool) -> None:
    """Save a convention whose fields a form has already set (the admin's
    change form): the same checks as convention_update, for a caller that
    holds a whole instance. The stored row is locked and its version checked;
    the stored state decides who may change it. finish() runs once the
    form's inlines are saved too."""
    if created:
        if user is not None and not user.has_perm("conventions.add_convention"):
            raise PermissionDenied(_("Vous n'avez pas le droit d'ajouter des conventions."))
        stored_state = publication.State.DRAFT
    else:
        locking.check_version(Convention, convention.pk, read_version)
        stored = Convention.objects.get(pk=convention.pk)
        publication.require_change(user, stored)
        stored_state = stored.publication_state
    target = convention.publication_state
    convention.publication_state = stored_state
    if target != stored_state:
        publication.refuse_move(user, stored_state, target)
        publication.stamp(convention, target, user)
    _save_convention(convention, user=user, reason=reason)


@transaction.atomic
def convention_delete(*, convention: Convention, user, reason: str = "") -> None:
    publication.require_change(user, Convention.objects.get(pk=convention.pk))
    if user is not None and not user.has_perm("conventions.delete_convention"):
        raise PermissionDenied(_("Vous n'avez pas le droit de supprimer des conventions."))
    # Rows citing one of its documents from outside it (a plan objective) keep it.
    cited = Document.objects.filter(convention=convention)
    blockers = Objective.objects.filter(document__in=cited).exclude(convention=convention)
    if blockers.exists():
        raise Refused(
            {
                "non_field_errors": [
                    str(_("Un de ses documents est cité par un objectif de plan : retirez d'abord cette citation."))
                ]
            }
        )
    # Children cite the convention's documents (PROTECT): clear the citations first.
    for model in (Commitment, Measurement, FollowUpAction, Objective):
        rows = {
            Commitment: Commitment.objects.filter(party__convention=convention),
            Measurement: Measurement.objects.filter(objective__convention=convention),
            FollowUpAction: FollowUpAction.objects.filter(convention=convention),
            Objective: Objective.objects.filter(convention=convention),
        }[model]
        rows.filter(document__isnull=False).update(document=None)
    _attribute(convention, user, reason)
    try:
        with transaction.atomic():
            convention.delete()
    except (ProtectedError, RestrictedError) as error:
        blocking = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
        if not all(isinstance(obj, ConventionRelation) for obj in blocking):
            # A row outside it cites one of its documents (a plan objective's measurement).
            raise still_used(error) from error
        # Another convention amends or implements this one (ConventionRelation).
        raise Refused(
            {
                "non_field_errors": [
                    str(
                        _("D'autres conventions s'y rapportent (%(titles)s) : retirez d'abord ces relations.")
                        % {"titles": ", ".join(sorted({str(obj) for obj in error.protected_objects}))[:300]}
                    )
                ]
            }
        ) from error


@transaction.atomic
def status_change(*, conventions: list[Convention], status: str, user, reason: str = ""):
    """Give a selection of conventions one status (the admin's bulk action):
    one UPDATE and one history INSERT for the lot. Returns the conventions
    changed, those the user may not change, and those a published convention
    would be left incomplete by (an undated one may be "in preparation", not
    "signed"), with what they would lack."""
    refused = [c for c in conventions if not publication.may_change(user, c)]
    changed, incomplete = [], []
    for convention in conventions:
        if convention in refused or convention.status == status:
            continue
        convention.status = status
        missing = (
            publication.problems(convention) if convention.publication_state == publication.State.PUBLISHED else []
        )
        if missing:
            incomplete.append((convention, missing))
        else:
            changed.append(convention)
    if changed:
        now = timezone.now()
        for convention in changed:
            convention.updated_at = now
        bulk_update_with_history(
            changed, Convention, ["status", "updated_at"], default_user=user, default_change_reason=str(reason)[:100]
        )
        finish(changed)
    return changed, refused, incomplete


def transition(*, convention: Convention, state: str, user, reason: str = "") -> Convention:
    """Move one convention to a publication state: the permission to make that
    move, completeness to publish, the stamp, history and the admin's log are
    the callers' one rule."""
    with transaction.atomic():
        stored = Convention.objects.select_for_update().get(pk=convention.pk)
        publication.refuse_move(user, stored.publication_state, state)
        if state == stored.publication_state:
            return stored
        if state == publication.State.PUBLISHED:
            missing = publication.problems(stored)
            if missing:
                raise publication.Incomplete(missing)
        publication.stamp(stored, state, user)
        _attribute(stored, user, reason)
        stored.save(update_fields=["publication_state", "published_at", "published_by", "updated_at"])
        return stored


# --- Children ---------------------------------------------------------------

# Nested lists a convention write may carry, what they hold, and their own
# nested list (a party's commitments, an objective's measurements).
CHILDREN = {
    "parties": (Party, "convention", "commitments"),
    "objectives": (Objective, "convention", "measurements"),
    "actions": (FollowUpAction, "convention", None),
    "commitments": (Commitment, "party", None),
    "measurements": (Measurement, "objective", None),
}


def write_children(owner, children: dict[str, list[dict]], *, user, reason: str, replace: bool) -> None:
    """Create, update and delete the nested rows of `owner` (a convention, a
    party or an objective). An item with an `id` updates that row in place
    and keeps its identity; without one, a row is created; `"delete": true`
    beside an id deletes it. With `replace` (PUT), rows left out of a list
    sent are deleted too; otherwise (PATCH) they are kept. A list not sent is
    left alone. Raises Refused with errors keyed by list and position."""
    errors: dict[str, dict[str, Any]] = {}
    for key, items in children.items():
        model, owner_field, _grandchildren = CHILDREN[key]
        found = _write_list(owner, key, items, user=user, reason=reason, replace=replace)
        if found:
            errors[key] = found
    if errors:
        raise Refused(errors)


def _write_list(owner, key: str, items: list[dict], *, user, reason: str, replace: bool) -> dict:
    model, owner_field, grandchildren = CHILDREN[key]
    existing = {row.pk: row for row in model._default_manager.filter(**{owner_field: owner})}
    planned, deleted, errors = plan_list(items, existing, lambda: model(**{owner_field: owner}), replace=replace)
    plan = [
        (index, row, item, item.pop(grandchildren, None) if grandchildren else None) for index, row, item in planned
    ]
    for row in deleted:
        _attribute(row, user, reason)
        row.delete()
    next_position = None
    for index, row, item, nested in plan:
        for name, value in item.items():
            if name in PROTECTED_FIELDS or name == owner_field:
                continue
            _assign(row, name, value)
        if hasattr(row, "position") and "position" not in item:
            if replace:
                row.position = index
            elif row.pk is None:
                if next_position is None:
                    highest = model._default_manager.filter(**{owner_field: owner}).aggregate(m=Max("position"))["m"]
                    next_position = -1 if highest is None else highest
                next_position += 1
                row.position = next_position
        convention = conventions_of(row)[0] if conventions_of(row) else None
        problems = _check_citation(row, convention.pk if convention else None)
        try:
            row.full_clean()
        except ValidationError as error:
            problems = {**errors_of(error), **problems}
        if problems:
            errors[str(index)] = problems
            continue
        _attribute(row, user, reason)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            errors[str(index)] = {"non_field_errors": [str(_("Cet élément contredit une règle du registre."))]}
            continue
        if nested is not None:
            found = _write_list(row, grandchildren, nested, user=user, reason=reason, replace=replace)
            if found:
                errors[str(index)] = {grandchildren: found}
    return errors


@transaction.atomic
def child_save(*, obj, user, reason: str = "", check: bool = True) -> None:
    """Save one child row (a party, commitment, objective, measurement,
    action, source or document) as a form or an API call prepared it."""
    _require_child_change(user, obj)
    stored = _stored(obj)
    # The convention a row leaves must stay complete too (a party moved away).
    left = conventions_of(stored) if stored is not None else []
    convention = conventions_of(obj)
    convention_id = convention[0].pk if convention and not isinstance(obj, Source) else None
    problems = _check_citation(obj, convention_id)
    if problems:
        raise Refused(problems)
    _attribute(obj, user, reason)
    _save_row(obj)
    finish([*left, *convention], check=check)


def _save_row(obj) -> None:
    """Save a validated row; a database rule it still breaks (a unique address
    taken between the check and the write) is a refusal, not a server error."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise Refused({"non_field_errors": [str(_("Cet élément contredit une règle du registre."))]}) from error


@transaction.atomic
def child_delete(*, obj, user, reason: str = "", check: bool = True) -> None:
    _require_child_change(user, obj)
    affected = conventions_of(obj)
    _attribute(obj, user, reason)
    obj.delete()
    finish(affected, check=check)


def source_links_changed(*, source: Source, user, before: Iterable[Convention]) -> None:
    """After a source's conventions were set (its admin form): each
    convention it joined or left must be one the user may change."""
    after = set(source.conventions.all())
    before = set(before)
    for convention in after ^ before:
        publication.require_change(user, convention)
    finish(after | before)


@transaction.atomic
def measurement_add(*, objective: Objective, user, fields: dict[str, Any], reason: str = "") -> Measurement:
    """One more measurement of an objective, with its date, precision and source."""
    measurement = Measurement(objective=objective, **fields)
    if user is not None and not user.has_perm("conventions.add_measurement"):
        raise PermissionDenied(_("Vous n'avez pas le droit d'ajouter des mesures."))
    _require_child_change(user, measurement)
    convention = objective.convention
    problems = _check_citation(measurement, convention.pk if convention else None)
    try:
        measurement.full_clean()
    except ValidationError as error:
        problems = {**errors_of(error), **problems}
    if problems:
        raise Refused(problems)
    _attribute(measurement, user, reason)
    _save_row(measurement)
    if objective.convention_id:
        finish([objective.convention])
    return measurement


# --- Many conventions at once (the spreadsheet import) -----------------------


@dataclass
class Batch:
    """What an import writes, planned and checked row by row beforehand:
    new conventions, fields changed on existing ones, and the rows they add."""

    new_actors: list = field(default_factory=list)
    created: list[Convention] = field(default_factory=list)
    updated: list[tuple[Convention, list[str]]] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    role_changes: list[Party] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[FollowUpAction] = field(default_factory=list)
    new_sources: list[Source] = field(default_factory=list)
    source_links: list[tuple[Source, Convention]] = field(default_factory=list)
    # name ("sectors", "regions", "plans") -> [(convention, the whole new list)]
    relations: dict[str, list[tuple[Convention, list]]] = field(default_factory=dict)


@transaction.atomic
def batch_write(*, batch: Batch, user, reason: str, progress=None) -> None:
    """Write a batch in one transaction, with the rules of single writes:
    permissions on the stored conventions, history with the user and reason,
    search text, and no published convention left incomplete. Queries: one
    per actor and convention saved, then a constant number (children in
    bulk, links, search text, history, the register's version), not one per
    child."""
    with register_cache.one_version():
        _write_batch(batch=batch, user=user, reason=reason, progress=progress)


def _write_batch(*, batch: Batch, user, reason: str, progress=None) -> None:
    progress = progress or (lambda stage, done, total: None)
    if batch.created and user is not None and not user.has_perm("conventions.add_convention"):
        raise PermissionDenied(_("Vous n'avez pas le droit d'ajouter des conventions."))
    updated_pks = [convention.pk for convention, _fields in batch.updated]
    for stored in Convention.objects.filter(pk__in=updated_pks).only("pk", "publication_state"):
        publication.require_change(user, stored)
    for actor in batch.new_actors:
        actor.save_without_historical_record()
    conventions = [*batch.created, *(convention for convention, _fields in batch.updated)]
    total = len(conventions)
    for done, convention in enumerate(batch.created, start=1):
        convention.publication_state = publication.State.DRAFT
        convention.save_without_historical_record()
        if done % 100 == 0 or done == total:
            progress("write", done, total)
    for done, (convention, fields) in enumerate(batch.updated, start=len(batch.created) + 1):
        convention.save_without_historical_record(update_fields=[*dict.fromkeys(fields), "updated_at"])
        if done % 100 == 0 or done == total:
            progress("write", done, total)
    Party.objects.bulk_create(batch.parties)
    if batch.role_changes:
        Party.objects.bulk_update(batch.role_changes, ["role"])
    Objective.objects.bulk_create(batch.objectives)
    FollowUpAction.objects.bulk_create(batch.actions)
    Source.objects.bulk_create(batch.new_sources)
    # Sources are added, never removed: an import does not unlink what an editor linked.
    Source.conventions.through.objects.bulk_create(
        [
            Source.conventions.through(source_id=source.pk, convention_id=convention.pk)
            for source, convention in batch.source_links
        ],
        ignore_conflicts=True,
    )
    for name, target in (("sectors", "sector"), ("regions", "region"), ("plans", "plan")):
        replaced = batch.relations.get(name, [])
        if not replaced:
            continue
        through = getattr(Convention, name).through
        through.objects.filter(convention_id__in=[convention.pk for convention, _objs in replaced]).delete()
        through.objects.bulk_create(
            [
                through(convention_id=convention.pk, **{f"{target}_id": obj.pk})
                for convention, objs in replaced
                for obj in objs
            ]
        )
    # A new convention has no components yet: only those updated may keep some.
    _refuse_stray_components([c.pk for c, _plans in batch.relations.get("plans", []) if c.pk in updated_pks])
    Convention.objects.filter(pk__in=[convention.pk for convention in conventions]).refresh_search_text()
    for objs, update in (
        (batch.new_actors, False),
        (batch.created, False),
        ([convention for convention, _fields in batch.updated], True),
        (batch.parties, False),
        (batch.role_changes, True),
        (batch.objectives, False),
        (batch.actions, False),
        (batch.new_sources, False),
    ):
        record_bulk(objs, user=user, reason=reason, update=update)
    for convention in Convention.objects.filter(pk__in=updated_pks, publication_state=publication.State.PUBLISHED):
        publication.check_complete(convention)
    if user is not None:
        for group, flag in ((batch.created, ADDITION), ([c for c, _fields in batch.updated], CHANGE)):
            if group:
                LogEntry.objects.log_actions(user_id=user.pk, queryset=group, action_flag=flag, change_message=reason)


def _refuse_stray_components(pks: list) -> None:
    """After a batch replaced the plans of conventions `pks`: refuse (the
    whole batch) if one keeps a component of a plan it no longer serves. The
    importer says so row by row beforehand; this is the rule at write time.
    One query, none without plans replaced."""
    if not pks:
        return
    served = Convention.plans.through.objects.filter(
        convention_id=OuterRef("convention_id"), plan_id=OuterRef("plancomponent__plan_id")
    )
    stray = (
        Convention.components.through.objects.filter(convention_id__in=pks)
        .filter(~Exists(served))
        .select_related("plancomponent__plan")
    )
    components = [link.plancomponent for link in stray]
    if components:
        raise Refused({"plans": [components_outside_plans_message(components)]})


ROW_PROTECTED = frozenset({"id", "pk", "created_at", "updated_at"})


# --- Sources and documents on their own (the API's /sources/ and /documents/) ---


def _apply_row(obj, fields: dict) -> None:
    refused = {name: [str(_("Ce champ est calculé ; il ne s'écrit pas."))] for name in fields if name in ROW_PROTECTED}
    if refused:
        raise Refused(refused)
    for name, value in fields.items():
        _assign(obj, name, value)


def _address_taken(source: Source) -> dict:
    if source.url and Source.objects.filter(url=source.url).exclude(pk=source.pk).exists():
        return {"url": [str(_("Une autre source a déjà cette adresse."))]}
    return {}


@transaction.atomic
def source_save(
    *,
    source: Source | None,
    user,
    fields: dict,
    conventions: list[Convention] | None = None,
    plans: list[Plan] | None = None,
    read_version=None,
    not_before=None,
    reason="",
) -> Source:
    """Create (`source` None) or change a source and the conventions and plans
    it backs, in one transaction: a refusal anywhere writes nothing."""
    if source is None:
        require_permission(user, "conventions.add_source", _("Vous n'avez pas le droit d'ajouter des sources."))
        source, before = Source(), []
    else:
        require_permission(user, "conventions.change_source", _("Vous n'avez pas le droit de modifier les sources."))
        locking.check_version(Source, source.pk, read_version, not_before=not_before)
        source = Source.objects.get(pk=source.pk)
        before = list(source.conventions.all())
    _apply_row(source, fields)
    validate(source, extra=_address_taken(source))
    # A source backing a published convention is changed by publishers only.
    child_save(obj=source, user=user, reason=reason)
    if plans is not None and {plan.pk for plan in plans} != set(source.plans.values_list("pk", flat=True)):
        require_permission(
            user,
            "plans.change_plan",
            _("Lier une source à un plan, ou l'en détacher, demande le droit de modifier les plans."),
        )
        source.plans.set(plans)
    if conventions is not None:
        source.conventions.set(conventions)
        # Joining or leaving a published convention needs the publish permission.
        source_links_changed(source=source, user=user, before=before)
    return source


@transaction.atomic
def source_delete(*, source: Source, user, read_version=None, not_before=None, reason="") -> None:
    require_permission(user, "conventions.delete_source", _("Vous n'avez pas le droit de supprimer des sources."))
    locking.check_version(Source, source.pk, read_version, not_before=not_before)
    try:
        child_delete(obj=Source.objects.get(pk=source.pk), user=user, reason=reason)
    except (ProtectedError, RestrictedError) as error:
        raise still_used(error) from error


@transaction.atomic
def document_save(*, document: Document | None, user, fields: dict, reason="") -> Document:
    """Create (`document` None) or change a document: its metadata, its
    convention, its file (checked by content)."""
    if document is None:
        require_permission(user, "conventions.add_document", _("Vous n'avez pas le droit d'ajouter des documents."))
        document = Document()
    else:
        require_permission(
            user, "conventions.change_document", _("Vous n'avez pas le droit de modifier les documents.")
        )
        document = Document.objects.select_for_update().get(pk=document.pk)
    _apply_row(document, fields)
    extra = {}
    if not (document.title_fr or "").strip():
        extra["title_fr"] = [str(_("Le texte français est obligatoire."))]
    # The file (size, and content against its extension) is the model field's
    # validators' to check, in full_clean(): the admin's forms check the same.
    validate(document, extra=extra)
    uploaded = isinstance(fields.get("file"), UploadedFile)
    try:
        child_save(obj=document, user=user, reason=reason)
    except BaseException:
        # The file reached the storage, the row will not: remove it.
        if uploaded and getattr(document.file, "_committed", False) and document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document, user, reason="") -> None:
    """Refused while a commitment, objective, measurement or action cites it.
    The file stays in the storage (the history may point to it)."""
    require_permission(user, "conventions.delete_document", _("Vous n'avez pas le droit de supprimer des documents."))
    try:
        child_delete(obj=Document.objects.get(pk=document.pk), user=user, reason=reason)
    except (ProtectedError, RestrictedError) as error:
        raise still_used(error) from error
