"""Many conventions at once: the spreadsheet import's `Batch`, planned and
checked row by row beforehand, written in one transaction with the rules of
single writes."""

from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from conventions import publication
from conventions.models import Convention, FollowUpAction, Objective, Party, Source
from core import cache as register_cache
from core.history import record_bulk
from core.writes import Refused

from .conventions import components_outside_plans_message

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
