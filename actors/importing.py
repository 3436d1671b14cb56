"""Actors in a spreadsheet import: the index the imports find them in, and
the import of the actors file itself (docs/import/modele-acteurs.csv).

**Never a second actor by accident.** Every import finds actors with the one
matcher (actors.matching): by name, acronym or other name, accent- and
case-insensitively; a near match (another expansion of an acronym, a typo)
is proposed in the report (« probablement … (AMICA) ») and the row is
rejected until the file names the actor exactly or confirms a new one.

The conventions import (conventions.importing) uses the same index for the
parties and the responsibles of its rows, and runs this import for the
actors file.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.cells import choice, items, yes_no
from core.history import record_bulk
from core.imports import CREATE, UPDATE, Columns, Progress, RowReport, may, no_progress
from core.spreadsheets import Table
from core.text import normalize

from .exports import ACTOR_COLUMNS
from .matching import FUZZY, ActorMatcher
from .models import Actor, ActorName

ACTOR_REQUIRED = {"name"}


@dataclass
class ActorMatch:
    actor: Actor | None = None
    via: str = ""  # how it matched: matching.EXACT, ACRONYM or FORMER
    near: list[Actor] = field(default_factory=list)
    ambiguous: list[Actor] = field(default_factory=list)


class ActorIndex:
    """Every actor of the register in the matcher (two queries, whatever the
    file), with the Actor rows the reports name. Actors a file creates are
    added as they are planned, so a later row finds an earlier row's actor."""

    def __init__(self):
        self.matcher = ActorMatcher()
        self.actors: dict[int, Actor] = {}  # matcher key -> actor (a pending actor's key is negative)
        self.keys: dict[int, int] = {}  # id(actor) -> matcher key
        self.by_slug: dict[str, Actor] = {}
        self.pending: list[Actor] = []
        for actor in Actor.objects.only("pk", "slug", "name_fr", "name_ar", "name_en", "acronym", "kind"):
            self._add_actor(actor, actor.pk)
        for actor_id, name, acronym in ActorName.objects.values_list("actor_id", "name", "acronym"):
            self.matcher.add(actor_id, former=(name,), acronyms=(acronym,))

    def _add_actor(self, actor: Actor, key: int) -> None:
        self.actors[key] = actor
        self.keys[id(actor)] = key
        self.by_slug[actor.slug] = actor
        self.matcher.add_actor(key, actor)

    def add_pending(self, actor: Actor) -> None:
        """An actor this import will create; found by later rows like any other."""
        self.pending.append(actor)
        self._add_actor(actor, -len(self.pending))

    def add_alias(self, actor: Actor, name: str) -> None:
        self.matcher.add(self.keys.get(id(actor), actor.pk), former=(name,))

    def exact(self, text: str) -> ActorMatch | None:
        found = self.matcher.exact(text)
        if not found:
            return None
        if len(found) > 1:
            return ActorMatch(ambiguous=[self.actors[candidate.key] for candidate in found])
        return ActorMatch(actor=self.actors[found[0].key], via=found[0].how)

    def resolve(self, text: str) -> ActorMatch:
        """The actor `text` names (« Crédit Agricole du Maroc (CAM) »: the
        name, else the acronym), the actors it may name, or those close to it."""
        found = self.matcher.lookup(text, limit=3)
        if found and found[0].how != FUZZY:
            if len(found) > 1:
                return ActorMatch(ambiguous=[self.actors[candidate.key] for candidate in found])
            return ActorMatch(actor=self.actors[found[0].key], via=found[0].how)
        return ActorMatch(near=[self.actors[candidate.key] for candidate in found])

    def near(self, text: str, limit: int = 3) -> list[Actor]:
        return [self.actors[candidate.key] for candidate in self.matcher.near(text, limit)]


def probably(actors: list[Actor]) -> str:
    """« probablement X ou probablement Y »: the proposals of a near match."""
    return _(" ou ").join(_("probablement %(actor)s") % {"actor": actor} for actor in actors)


# --- the actors file -------------------------------------------------------------


@dataclass
class ActorRow:
    report: RowReport
    actor: Actor
    changed: list[str] = field(default_factory=list)
    aliases: list[ActorName] = field(default_factory=list)


class ActorImport:
    """Actors from the actors template: name, acronym, kind, other names. An
    existing actor (by identifiant, exact name or acronym) is completed; a
    name close to an existing actor is rejected with the proposal unless the
    row confirms « oui » in « créer malgré la ressemblance ».

    `renamed(pks)` is called inside the write's transaction with the actors
    given other names: their new names are bulk-created, which sends no
    signal, and the apps above that show actors' names (the conventions'
    search text) may need to know."""

    def __init__(self, *, user=None, progress: Progress | None = None, renamed: Callable | None = None):
        self.user = user
        self.progress = progress or no_progress
        self.renamed = renamed or (lambda pks: None)

    def check(self, table: Table) -> list[ActorRow]:
        columns = Columns(table, ACTOR_COLUMNS, ACTOR_REQUIRED)
        self.index = ActorIndex()
        self.known_aliases = {
            (actor_id, normalize(name)) for actor_id, name in ActorName.objects.values_list("actor_id", "name")
        }
        rows = []
        for done, (line, cells) in enumerate(table.rows, start=1):
            rows.append(self._check_row(line, columns, cells))
            if done % 100 == 0 or done == len(table.rows):
                self.progress("check", done, len(table.rows))
        return rows

    def _find(self, report: RowReport, values: dict[str, str], confirm: bool) -> tuple[Actor | None, bool]:
        """(the existing actor the row completes, or None for a new one;
        whether the row is refused, with an error on its report)."""
        label = ACTOR_COLUMNS
        name, acronym, slug = values.get("name", ""), values.get("acronym", ""), values.get("slug", "")
        if slug:
            actor = self.index.by_slug.get(slug)
            if actor is None:
                report.error(_("aucun acteur n'a l'identifiant « %(slug)s ».") % {"slug": slug}, label["slug"])
            return actor, actor is None
        if not name:
            report.error(_("le nom est obligatoire."), label["name"])
            return None, True
        match = self.index.exact(name) or (self.index.exact(acronym) if acronym else None)
        if match and match.ambiguous:
            report.error(
                _("« %(text)s » désigne plusieurs acteurs (%(actors)s).")
                % {"text": name, "actors": " ; ".join(str(a) for a in match.ambiguous)},
                label["name"],
            )
            return None, True
        if match:
            return match.actor, False
        near = self.index.near(name) + (self.index.near(acronym) if acronym else [])
        near = list(dict.fromkeys(near))[:3]
        if near and not confirm:
            report.error(
                _(
                    "« %(text)s » ressemble à un acteur existant : %(proposals)s. Pour le compléter, écrivez "
                    "son nom exact ou son identifiant ; si c'est vraiment un autre acteur, écrivez « oui » "
                    "dans « %(flag)s »."
                )
                % {"text": name, "proposals": probably(near), "flag": label["confirm_new"]},
                label["name"],
            )
            return None, True
        return None, False

    def _check_row(self, line: int, columns: Columns, cells) -> ActorRow:
        report = RowReport(line=line)
        values = columns.cells(cells, report)
        label = ACTOR_COLUMNS
        name, acronym = values.get("name", ""), values.get("acronym", "")
        report.title = name or values.get("slug", "")
        confirm = False
        try:
            confirm = yes_no(values.get("confirm_new", ""))
        except ValueError as exc:
            report.error(str(exc), label["confirm_new"])
        actor, refused = self._find(report, values, confirm)
        if refused:
            return ActorRow(report, Actor())
        permission = "actors.change_actor"
        if actor is None:
            permission = "actors.add_actor"
            actor = Actor(kind=Actor.Kind.OTHER)
            report.action = CREATE
        else:
            report.action = UPDATE
            report.slug = actor.slug
            if actor.pk is None:
                report.error(_("cet acteur figure déjà plus haut dans le fichier."), label["name"])
        if not may(self.user, permission):
            report.error(_("vous n'avez pas le droit d'ajouter ou de modifier des acteurs."))
        row = ActorRow(report, actor)
        if name and (report.action == CREATE or normalize(name) != normalize(actor.name_fr or "")):
            if report.action == UPDATE:
                # Renaming is done in the admin, with the former name kept; a
                # different name in the file becomes another name.
                values.setdefault("aliases", "")
                values["aliases"] = "; ".join(filter(None, [name, values["aliases"]]))
            else:
                actor.name_fr = actor.name = name
                row.changed += ["name_fr", "name"]
        if acronym and acronym != actor.acronym:
            if report.action == UPDATE and actor.acronym:
                report.warn(
                    _("sigle « %(new)s » ignoré : l'acteur a déjà le sigle « %(old)s ».")
                    % {"new": acronym, "old": actor.acronym},
                    label["acronym"],
                )
            else:
                actor.acronym = acronym
                row.changed.append("acronym")
        if values.get("kind"):
            try:
                actor.kind = choice(Actor.Kind, values["kind"])
                row.changed.append("kind")
            except ValueError as exc:
                report.error(str(exc), label["kind"])
        self._set_aliases(row, values.get("aliases", ""))
        try:
            actor.clean_fields(exclude=["slug", "parent"])
        except ValidationError as error:
            report.model_errors(error)
        if report.action == CREATE and not report.rejected:
            self.index.add_pending(actor)
        for alias in row.aliases:
            self.index.add_alias(actor, alias.name)
        return row

    def _set_aliases(self, row: ActorRow, text: str) -> None:
        actor, report = row.actor, row.report
        for alias in items(text):
            match = self.index.exact(alias)
            if match and match.actor is not None and match.actor is not actor:
                report.error(
                    _("« %(alias)s » est déjà un nom de %(actor)s.") % {"alias": alias, "actor": match.actor},
                    ACTOR_COLUMNS["aliases"],
                )
                continue
            if match and match.actor is actor:
                continue  # already one of its names
            key = (actor.pk, normalize(alias))
            if key in self.known_aliases:
                continue
            self.known_aliases.add(key)
            row.aliases.append(ActorName(actor=actor, name=alias, kind=ActorName.Kind.VARIANT))

    def write(self, rows: list[ActorRow]) -> None:
        with transaction.atomic():
            for done, row in enumerate(rows, start=1):
                if row.report.action == CREATE:
                    row.actor.save_without_historical_record()
                    row.report.slug = row.actor.slug
                elif row.changed:
                    row.actor.save_without_historical_record(update_fields=[*dict.fromkeys(row.changed), "updated_at"])
                if done % 100 == 0 or done == len(rows):
                    self.progress("write", done, len(rows))
            ActorName.objects.bulk_create([alias for row in rows for alias in row.aliases])
            renamed = [row.actor.pk for row in rows if row.report.action == UPDATE and (row.aliases or row.changed)]
            if renamed:
                self.renamed(renamed)
            reason = _("Importé depuis un tableur.")
            record_bulk([row.actor for row in rows if row.report.action == CREATE], user=self.user, reason=reason)
            changed = [row.actor for row in rows if row.report.action == UPDATE and row.changed]
            record_bulk(changed, user=self.user, reason=reason, update=True)
            record_bulk([alias for row in rows for alias in row.aliases], user=self.user, reason=reason)
            if self.user is not None:
                for action, flag in ((CREATE, ADDITION), (UPDATE, CHANGE)):
                    group = [row.actor for row in rows if row.report.action == action]
                    if group:
                        LogEntry.objects.log_actions(
                            user_id=self.user.pk,
                            queryset=group,
                            action_flag=flag,
                            change_message=_("Importé depuis un tableur."),
                        )
