"""What every app's service layer shares: how a write is refused, and how it
is attributed in the history.

actors/services.py raises these; conventions.services has a `Refused` of
its own with the same shape (one class for both would let every face catch
one exception: conventions.services can import it from here).
"""

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _


class Refused(Exception):
    """Invalid input, shaped like the input: {field: [messages]}, with nested
    lists keyed by position ({"names": {"1": {"name": [...]}}})."""

    def __init__(self, errors: dict):
        self.errors = errors
        super().__init__(str(errors))


def errors_of(error: ValidationError) -> dict:
    """A Django ValidationError as {field: [messages]}, messages as text."""
    if hasattr(error, "error_dict"):
        return {field: [str(message) for message in messages] for field, messages in error.message_dict.items()}
    return {"non_field_errors": [str(message) for message in error.messages]}


def assign(obj, name: str, value) -> None:
    """Set a field a writer sent. An empty text sent where an empty text is
    stored changes nothing: a read shows NULL and "" alike as null (an unset
    translation), so a writer sending back what it read must not turn one
    into the other."""
    if value is None or value == "":
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if isinstance(field, models.CharField | models.TextField) and getattr(obj, field.attname) in (None, ""):
            return
    setattr(obj, name, value)


def attribute(obj, user, reason) -> None:
    """What simple-history records with the next save or delete of `obj`: who
    (None is the system: demo loader, commands) and why."""
    if user is not None:
        obj._history_user = user
    obj._change_reason = str(reason)[:100] if reason else None


def require_permission(user, permission: str, message) -> None:
    """Refuse (PermissionDenied) a user without a model permission; a user of
    None is the system and may do anything."""
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(message)


def still_used(error: ProtectedError | RestrictedError) -> Refused:
    """A delete blocked by rows that still point to the object, as a refusal
    naming what points to it."""
    blocking = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
    kinds = ", ".join(sorted({str(obj._meta.verbose_name_plural) for obj in blocking}))
    message = _("Impossible de supprimer : des enregistrements y renvoient encore (%(kinds)s). Retirez-les d'abord.")
    return Refused({"non_field_errors": [str(message % {"kinds": kinds})]})


def plan_list(items: list[dict], existing: dict, new_row, *, replace: bool) -> tuple[list, list, dict]:
    """The rule of nested lists, for every writer: an item with an `id`
    updates that row in place, an item without one creates a row
    (`new_row()`), `{"id": …, "delete": true}` deletes one; with `replace`
    (PUT) rows left out of the list are deleted too, otherwise (PATCH) kept.

    Returns what to save as (position, row, the item's other fields), the
    rows to delete, and the errors keyed by position."""
    errors: dict[str, dict] = {}
    planned: list[tuple[int, object, dict]] = []
    keep: set = set()
    deleted: list = []
    for index, raw in enumerate(items):
        item = dict(raw)
        pk = item.pop("id", None)
        delete = item.pop("delete", False)
        if pk is not None:
            row = existing.get(pk)
            if row is None:
                errors[str(index)] = {"id": [str(_("Aucun élément n'a l'identifiant %(id)s ici.") % {"id": pk})]}
                continue
            if delete:
                deleted.append(row)
                continue
            keep.add(pk)
        elif delete:
            errors[str(index)] = {"delete": [str(_("Indiquez l'identifiant de l'élément à supprimer."))]}
            continue
        else:
            row = new_row()
        planned.append((index, row, item))
    if replace:
        deleted += [row for pk, row in existing.items() if pk not in keep and row not in deleted]
    return planned, deleted, errors


def validate(obj, *, extra: dict | None = None, exclude=()) -> None:
    """full_clean() of the merged row, with the rules it cannot see (`extra`);
    all the field errors at once, keyed by field. The database rules
    (constraints) are checked once the fields are right: a period ending
    before it starts says so on its end, not again as a broken constraint."""
    exclude = list(exclude)
    errors = dict(extra or {})
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        for field, messages in errors_of(error).items():
            errors.setdefault(field, messages)
    if not errors:
        try:
            obj.validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = errors_of(error)
    for field in [name for name in errors if name.endswith("_fr")]:
        # The plain column repeats the active language's: one message is enough.
        errors.pop(field.removesuffix("_fr"), None)
    if NON_FIELD_ERRORS in errors:
        errors["non_field_errors"] = errors.pop(NON_FIELD_ERRORS)
    if errors:
        raise Refused(errors)
