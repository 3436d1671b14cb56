"""The one write path for actors (with their other names and the contact
their reminders go to), people and their mandates.

The API calls these functions; so should any other face that writes these
rows. Each write here

- checks the writer's model permission (actors.add_actor, change_actor…; a
  user of None is the system: demo loader, commands);
- merges a partial update onto the stored row (what is not sent is kept) and
  validates the merged result with the model's full_clean();
- checks the version the writer read, atomically (core.locking), for the
  models that have one (Actor, Person: their `updated_at`);
- records history with the user and a change reason.

The search text of conventions showing an actor, one of its names or a
person is rebuilt by conventions (it listens to these models' saves and
deletes): this app sits below conventions and never imports it.

Other names are part of their actor: they are written with it, as the list
`names` (an item with an `id` updates that name in place, one without an id
creates a name, `{"id": …, "delete": true}` deletes one; with `replace`, PUT,
names left out of the list are deleted too), under the actor's permissions.

Errors: `core.writes.Refused` carries field errors shaped like the input
(`{"names": {"1": {"name": [...]}}}`); `PermissionDenied`
(django.core.exceptions) and `core.locking.StaleVersion` say who may not and
what changed.
"""

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext_lazy as _

from core import locking
from core.writes import Refused, assign, attribute, plan_list, require_permission, still_used, validate

from .models import Actor, ActorName, Mandate, Person, ReminderContact

# Stamped by the database or the model, never written by a caller.
PROTECTED_FIELDS = frozenset({"id", "pk", "created_at", "updated_at"})
# What a writer may set on another name, in the order reads give them.
NAME_FIELDS = (
    "name",
    "acronym",
    "kind",
    "valid_from",
    "valid_from_precision",
    "valid_until",
    "valid_until_precision",
    "attested_on",
    "attested_on_precision",
    "note",
)


def _apply(obj, fields: dict[str, Any]) -> None:
    """Set the fields a writer sent on `obj`, keeping what it did not mention."""
    refused = {
        name: [str(_("Ce champ est calculé ; il ne s'écrit pas."))] for name in fields if name in PROTECTED_FIELDS
    }
    if refused:
        raise Refused(refused)
    for name, value in fields.items():
        assign(obj, name, value)


def _required_french(obj, field: str) -> dict:
    """A translated field whose French text is required (the register's
    language): full_clean() only sees the active language's column."""
    if not (getattr(obj, f"{field}_fr", "") or "").strip():
        return {f"{field}_fr": [str(_("Le texte français est obligatoire."))]}
    return {}


def _period(obj, start: str, end: str) -> dict:
    first, last = getattr(obj, start), getattr(obj, end)
    if first and last and last < first:
        return {end: [str(_("La fin ne peut précéder le début."))]}
    return {}


def _validate(obj, *, extra: dict | None = None) -> None:
    exclude = [] if getattr(obj, "slug", "x") else ["slug"]  # made from the name when saved
    validate(obj, extra=extra, exclude=exclude)


def _save(obj, *, user, reason) -> None:
    attribute(obj, user, reason)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:  # a slug taken between validation and write, or a database rule
        if getattr(obj, "slug", None) and type(obj)._default_manager.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
            raise Refused({"slug": [str(_("Cet identifiant est déjà pris."))]}) from error
        raise Refused({"non_field_errors": [str(_("Cet enregistrement contredit une règle du registre."))]}) from error


def _delete(obj, *, user, reason) -> None:
    attribute(obj, user, reason)
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as error:
        raise still_used(error) from error


# --- Actors ------------------------------------------------------------------


def _check_parent(actor: Actor) -> dict:
    """An actor cannot belong to itself, nor to one of the actors under it."""
    seen: set[int] = set()
    current = actor.parent
    while current is not None and current.pk not in seen:
        if actor.pk is not None and current.pk == actor.pk:
            return {"parent": [str(_("Un acteur ne peut relever de lui-même, ni d'un acteur qui relève de lui."))]}
        seen.add(current.pk)
        current = current.parent
    return {}


def _check_country(actor: Actor) -> dict:
    if not re.fullmatch(r"[A-Z]{2}", actor.country or ""):
        return {"country": [str(_("Un code de pays ISO 3166-1 alpha-2 est attendu, en majuscules : MA, FR…"))]}
    return {}


def _validate_actor(actor: Actor) -> None:
    _validate(actor, extra={**_required_french(actor, "name"), **_check_parent(actor), **_check_country(actor)})


@transaction.atomic
def actor_create(*, user, fields: dict[str, Any], names: list[dict] | None = None, reason: str = "") -> Actor:
    """A new actor with its other names. Without a slug, one is made from its
    acronym or name."""
    require_permission(user, "actors.add_actor", _("Vous n'avez pas le droit d'ajouter des acteurs."))
    actor = Actor()
    _apply(actor, dict(fields))
    _validate_actor(actor)
    _save(actor, user=user, reason=reason)
    write_names(actor, names or [], user=user, reason=reason, replace=True)
    return actor


@transaction.atomic
def actor_update(
    *,
    actor: Actor,
    user,
    fields: dict[str, Any],
    names: list[dict] | None = None,
    replace_names: bool = False,
    read_version=None,
    not_before=None,
    reason: str = "",
) -> Actor:
    """Change the fields named in `fields` (and only those) on the stored
    actor, and its names when `names` is given. `read_version` is the
    `updated_at` the writer read (`not_before` an If-Unmodified-Since date): a
    newer stored version refuses the write."""
    require_permission(user, "actors.change_actor", _("Vous n'avez pas le droit de modifier les acteurs."))
    locking.check_version(Actor, actor.pk, read_version, not_before=not_before)
    stored = Actor.objects.get(pk=actor.pk)
    _apply(stored, dict(fields))
    _validate_actor(stored)
    _save(stored, user=user, reason=reason)
    if names is not None:
        write_names(stored, names, user=user, reason=reason, replace=replace_names)
    return stored


@transaction.atomic
def actor_delete(*, actor: Actor, user, read_version=None, not_before=None, reason: str = "") -> None:
    """Delete an actor and its other names; refused while a party, an action,
    a mandate, a plan or another actor still points to it."""
    require_permission(user, "actors.delete_actor", _("Vous n'avez pas le droit de supprimer des acteurs."))
    locking.check_version(Actor, actor.pk, read_version, not_before=not_before)
    stored = Actor.objects.get(pk=actor.pk)
    for name in stored.names.all():  # one history row each, with the user
        _delete(name, user=user, reason=reason)
    _delete(stored, user=user, reason=reason)


def write_names(actor: Actor, items: list[dict], *, user, reason: str, replace: bool) -> None:
    """Create, update and delete the other names of `actor` (see the module's
    notes). Raises Refused with errors keyed by position."""
    existing = {row.pk: row for row in ActorName.objects.filter(actor=actor)}
    plan, deleted, errors = plan_list(items, existing, lambda: ActorName(actor=actor), replace=replace)
    for index, _row, item in plan:
        unknown = sorted(set(item) - set(NAME_FIELDS))
        if unknown:
            errors[str(index)] = {name: [str(_("Ce champ ne s'écrit pas ici."))] for name in unknown}
    plan = [entry for entry in plan if str(entry[0]) not in errors]
    for row in deleted:
        _delete(row, user=user, reason=reason)
    for index, row, item in plan:
        for name, value in item.items():
            assign(row, name, value)
        try:
            _validate(row, extra=_period(row, "valid_from", "valid_until"))
            _save(row, user=user, reason=reason)
        except Refused as refused:
            errors[str(index)] = refused.errors
    if errors:
        raise Refused({"names": errors})


# --- The contact reminders go to ---------------------------------------------
# Part of the actor for who may write it (actors.change_actor); a row of its
# own so that nothing showing an actor shows it (ReminderContact).


@transaction.atomic
def reminder_contact_save(*, actor: Actor, user, email: str, language: str = "", reason: str = "") -> ReminderContact:
    """Set the address and language the follow-up digest uses for `actor`."""
    require_permission(user, "actors.change_actor", _("Vous n'avez pas le droit de modifier les acteurs."))
    contact = ReminderContact.objects.select_for_update().filter(actor=actor).first() or ReminderContact(actor=actor)
    contact.email = (email or "").strip().lower()
    contact.language = language or ""
    _validate(contact)
    _save(contact, user=user, reason=reason)
    return contact


@transaction.atomic
def reminder_contact_delete(*, actor: Actor, user, reason: str = "") -> None:
    """The actor gets no reminder any more."""
    require_permission(user, "actors.change_actor", _("Vous n'avez pas le droit de modifier les acteurs."))
    for contact in ReminderContact.objects.filter(actor=actor):
        _delete(contact, user=user, reason=reason)


# --- People ------------------------------------------------------------------


@transaction.atomic
def person_create(*, user, fields: dict[str, Any], reason: str = "") -> Person:
    """A new person. Without a slug, one is made from the name; without a
    family name, the name's last word is taken."""
    require_permission(user, "actors.add_person", _("Vous n'avez pas le droit d'ajouter des personnes."))
    person = Person()
    _apply(person, dict(fields))
    _validate(person)
    _save(person, user=user, reason=reason)
    return person


@transaction.atomic
def person_update(
    *, person: Person, user, fields: dict[str, Any], read_version=None, not_before=None, reason: str = ""
) -> Person:
    require_permission(user, "actors.change_person", _("Vous n'avez pas le droit de modifier les personnes."))
    locking.check_version(Person, person.pk, read_version, not_before=not_before)
    stored = Person.objects.get(pk=person.pk)
    _apply(stored, dict(fields))
    _validate(stored)
    _save(stored, user=user, reason=reason)
    return stored


@transaction.atomic
def person_delete(*, person: Person, user, read_version=None, not_before=None, reason: str = "") -> None:
    """Refused while the person holds a mandate or represents a party."""
    require_permission(user, "actors.delete_person", _("Vous n'avez pas le droit de supprimer des personnes."))
    locking.check_version(Person, person.pk, read_version, not_before=not_before)
    _delete(Person.objects.get(pk=person.pk), user=user, reason=reason)


# --- Mandates ----------------------------------------------------------------
# A mandate has no `updated_at`: its writes are not version-checked.


def _validate_mandate(mandate: Mandate) -> None:
    _validate(mandate, extra={**_required_french(mandate, "title"), **_period(mandate, "start_on", "end_on")})


@transaction.atomic
def mandate_create(*, user, fields: dict[str, Any], reason: str = "") -> Mandate:
    """A person's position in an actor: `fields` names the person and the actor (instances)."""
    require_permission(user, "actors.add_mandate", _("Vous n'avez pas le droit d'ajouter des mandats."))
    mandate = Mandate()
    _apply(mandate, dict(fields))
    _validate_mandate(mandate)
    _save(mandate, user=user, reason=reason)
    return mandate


@transaction.atomic
def mandate_update(*, mandate: Mandate, user, fields: dict[str, Any], reason: str = "") -> Mandate:
    require_permission(user, "actors.change_mandate", _("Vous n'avez pas le droit de modifier les mandats."))
    stored = Mandate.objects.select_for_update().get(pk=mandate.pk)
    _apply(stored, dict(fields))
    _validate_mandate(stored)
    _save(stored, user=user, reason=reason)
    return stored


@transaction.atomic
def mandate_delete(*, mandate: Mandate, user, reason: str = "") -> None:
    require_permission(user, "actors.delete_mandate", _("Vous n'avez pas le droit de supprimer des mandats."))
    _delete(Mandate.objects.get(pk=mandate.pk), user=user, reason=reason)
