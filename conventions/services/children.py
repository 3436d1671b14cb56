"""Writing the rows that hang from a convention (parties, commitments,
objectives, measurements, follow-up actions, sources, documents): nested lists
in a convention's write, one row at a time, a measurement added."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from conventions import publication
from conventions.models import Commitment, Convention, FollowUpAction, Measurement, Objective, Party, Source
from core.writes import Refused, errors_of, plan_list
from core.writes import assign as _assign
from core.writes import attribute as _attribute

from .common import PROTECTED_FIELDS, _check_citation, _require_child_change, _stored, conventions_of, finish

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
