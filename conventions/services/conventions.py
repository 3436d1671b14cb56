"""Writing a convention: create, update (partial, with its classifications
and nested children), the admin's whole-instance save, delete, a status for a
selection, a move between publication states; and the one rule on which plan
components a convention may serve."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from conventions import publication
from conventions.models import (
    Commitment,
    Convention,
    ConventionRelation,
    Document,
    FollowUpAction,
    Measurement,
    Objective,
)
from core import locking
from core.writes import Refused, errors_of, still_used
from core.writes import assign as _assign
from core.writes import attribute as _attribute

from .children import write_children
from .common import PROTECTED_FIELDS, finish

RELATIONS = ("sectors", "regions", "plans", "components", "sources")


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
