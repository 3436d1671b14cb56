"""The cells of a convention row that hold lists of things: its parties
(actors found by the one matcher, never a second actor by accident), its
objectives, its follow-up actions and its sources. Each is read by its
grammar (cells.py) into unsaved objects the write puts in bulk."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actors.importing import ActorIndex, probably
from actors.matching import FORMER
from actors.models import Actor
from core.cells import choice, decimal, items
from core.dates import DatePrecision, clean_partial_dates, parse_partial
from core.imports import CREATE, RowReport
from core.text import normalize, trailing_parenthesis

from ..models import Convention, FollowUpAction, Objective, Party, Source
from .cells import ACTION, BARE_URL, COMPARATORS, CONVENTION_COLUMNS, OBJECTIVE, SOURCE


@dataclass
class ConventionRow:
    """What one row of the file will write."""

    report: RowReport
    convention: Convention
    changed: list[str] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    role_changes: list[Party] = field(default_factory=list)
    m2m: dict[str, list] = field(default_factory=dict)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[FollowUpAction] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def new_actor(text: str) -> Actor:
    """An actor created from a bare name; "Société X (SX)" gives the acronym."""
    name, acronym = text.strip(), ""
    parts = trailing_parenthesis(name)
    if parts and " " not in parts[1].strip() and len(parts[1].strip()) <= 40:
        name, acronym = parts[0].strip(), parts[1].strip()
    actor = Actor(acronym=acronym, kind=Actor.Kind.OTHER)
    actor.name_fr = name
    actor.name = name
    return actor


class ListCells:
    """Reads the list cells of every row of one file: two queries (sources)
    plus the actor index's two, whatever the file."""

    def __init__(self):
        self.actors = ActorIndex()
        self.created_actors: list[str] = []
        # Sources are shared: the same article may report several conventions.
        self.sources_by_url: dict[str, Source] = {}
        self.sources_by_title: dict[tuple[str, str], Source] = {}
        for source in Source.objects.only("pk", "url", "title", "outlet"):
            self._index_source(source)
        self.new_sources: list[Source] = []

    # --- parties and responsibles ------------------------------------------------------

    def actor(self, *, text: str, report: RowReport, column: str, create: bool) -> Actor | None:
        """The actor `text` names, or None with an error on the report."""
        match = self.actors.resolve(text)
        if match.actor:
            return match.actor
        if match.ambiguous:
            report.error(
                _("« %(text)s » désigne plusieurs acteurs (%(actors)s) : écrivez le nom complet.")
                % {"text": text, "actors": " ; ".join(str(actor) for actor in match.ambiguous)},
                column,
            )
            return None
        if match.near:
            report.error(
                _(
                    "« %(text)s » : acteur inconnu, %(proposals)s. Écrivez son nom exact ou son sigle ; s'il s'agit "
                    "vraiment d'un autre acteur, importez-le d'abord avec le modèle des acteurs."
                )
                % {"text": text, "proposals": probably(match.near)},
                column,
            )
            return None
        if not create:
            report.error(
                _(
                    "« %(text)s » : acteur inconnu du registre. Importez-le d'abord avec le modèle des acteurs, ou "
                    "écrivez « oui » dans la colonne « %(flag)s »."
                )
                % {"text": text, "flag": CONVENTION_COLUMNS["create_actors"]},
                column,
            )
            return None
        actor = new_actor(text)
        self.actors.add_pending(actor)
        self.created_actors.append(str(actor))
        report.warn(
            _("nouvel acteur créé : %(actor)s (type « Autre », à compléter dans l'administration).") % {"actor": actor},
            column,
        )
        return actor

    def parties(self, row: ConventionRow, text: str, create_actors: bool) -> None:
        report, convention = row.report, row.convention
        column = CONVENTION_COLUMNS["parties"]
        current = {party.actor_id: party for party in convention.parties.all()} if convention.pk else {}
        seen = set()
        for position, item in enumerate(items(text), start=len(current)):
            name, role = item, Party.Role.SIGNATORY
            parts = trailing_parenthesis(item)
            if parts:
                try:
                    role = choice(Party.Role, parts[1])
                    name = parts[0]
                except ValueError:
                    pass  # "Crédit Agricole du Maroc (CAM)": part of the name
            actor = self.actor(text=name, report=report, column=column, create=create_actors)
            if actor is None:
                continue
            if id(actor) in seen:
                report.error(_("« %(name)s » figure deux fois parmi les parties.") % {"name": name}, column)
                continue
            seen.add(id(actor))
            existing = current.get(actor.pk) if actor.pk else None
            if existing is not None:
                if existing.role != role:
                    existing.role = role
                    row.role_changes.append(existing)
                continue
            match = self.actors.exact(name)
            as_written = name.strip() if match and match.via == FORMER else ""
            party = Party(convention=convention, actor=actor, role=role, position=position, name_as_written=as_written)
            try:
                party.clean_fields(exclude=["convention", "actor", "representative"])
            except ValidationError as error:
                report.model_errors(error, column)
            row.parties.append(party)
        if report.action == CREATE and len(row.parties) < 2:
            report.warn(
                _("moins de deux parties : la convention ne pourra être publiée qu'une fois complétée."), column
            )

    # --- objectives and actions ----------------------------------------------------------

    def objectives(self, row: ConventionRow, text: str) -> None:
        report, convention = row.report, row.convention
        column = CONVENTION_COLUMNS["objectives"]
        existing = {normalize(o.indicator_fr or "") for o in convention.objectives.all()} if convention.pk else set()
        for position, item in enumerate(items(text), start=len(existing)):
            match = OBJECTIVE.match(item)
            if not match or not match["unit"]:
                report.error(
                    _(
                        "« %(item)s » : écrivez « indicateur = valeur unité @ échéance », par exemple "
                        "« Créations d'emplois = 13340 emplois @ 2020 »."
                    )
                    % {"item": item},
                    column,
                )
                continue
            if normalize(match["indicator"]) in existing:
                report.warn(
                    _("objectif « %(indicator)s » déjà présent : inchangé.") % {"indicator": match["indicator"]}, column
                )
                continue
            try:
                target = decimal(match["value"])
            except ValueError as exc:
                report.error(str(exc), column)
                continue
            objective = Objective(
                convention=convention,
                # No word before the figure: the source does not say which way (blank).
                comparator=COMPARATORS.get((match["comparator"] or "").lower(), ""),
                target_value=target,
                unit=match["unit"].strip(),
                position=position,
            )
            objective.indicator_fr = objective.indicator = match["indicator"].strip()
            horizon = (match["horizon"] or "").strip()
            try:
                objective.horizon_on, objective.horizon_on_precision = parse_partial(horizon)
            except ValueError:
                # "à court terme", "d'ici la fin de l'année": an undated horizon, as written.
                objective.horizon_label_fr = objective.horizon_label = horizon
            try:
                objective.clean_fields(exclude=["convention", "plan", "component", "source", "document"])
                clean_partial_dates(objective, "horizon_on")
            except ValidationError as error:
                report.model_errors(error, column)
            row.objectives.append(objective)

    def actions(self, row: ConventionRow, text: str, create_actors: bool) -> None:
        report, convention = row.report, row.convention
        column = CONVENTION_COLUMNS["actions"]
        existing = {normalize(a.title_fr or "") for a in convention.actions.all()} if convention.pk else set()
        for position, item in enumerate(items(text), start=len(existing)):
            match = ACTION.match(item)
            title = match["title"].strip()
            if normalize(title) in existing:
                report.warn(_("action « %(title)s » déjà présente : inchangée.") % {"title": title}, column)
                continue
            action = FollowUpAction(convention=convention, position=position)
            action.title_fr = action.title = title
            if match["actor"]:
                action.responsible = self.actor(
                    text=match["actor"].strip(), report=report, column=column, create=create_actors
                )
            try:
                action.due_on, action.due_on_precision = parse_partial(match["due"] or "")
            except ValueError as exc:
                report.error(str(exc), column)
                continue
            try:
                action.clean_fields(exclude=["convention", "responsible", "source", "document"])
                action.clean()
            except ValidationError as error:
                report.model_errors(error, column)
            row.actions.append(action)

    # --- sources ---------------------------------------------------------------------------

    def _index_source(self, source: Source) -> None:
        if source.url:
            self.sources_by_url.setdefault(source.url.strip().lower(), source)
        self.sources_by_title.setdefault((normalize(source.title), normalize(source.outlet)), source)

    def sources(self, row: ConventionRow, text: str) -> None:
        """Each source is found by its address, else by its title and outlet;
        one the register lacks is created once, however many rows cite it."""
        report = row.report
        column = CONVENTION_COLUMNS["sources"]
        for item in items(text):
            if BARE_URL.match(item):
                title, details, url = "", "", item
            else:
                match = SOURCE.match(item)
                title, details, url = match["title"].strip(), (match["details"] or "").strip(), match["url"] or ""
            outlet, published = details, (None, DatePrecision.UNKNOWN)
            if details:
                head, _comma, tail = details.rpartition(",")
                try:
                    published = parse_partial(tail.strip())
                    outlet = head.strip()
                except ValueError:
                    pass  # « (Le Matin) »: an outlet without a date
            found = self.sources_by_url.get(url.lower()) if url else None
            if found is None and title:
                found = self.sources_by_title.get((normalize(title), normalize(outlet)))
            if found is None:
                if not title:
                    report.error(
                        _(
                            "source inconnue : « %(item)s ». Pour en créer une, donnez son titre : "
                            "« Titre de l'article (Média, 2021-02-01) <https://…> »."
                        )
                        % {"item": item},
                        column,
                    )
                    continue
                found = Source(kind=Source.Kind.PRESS, title=title, outlet=outlet, url=url)
                found.published_on, found.published_on_precision = published
                try:
                    found.clean_fields(exclude=["published_on_precision"])
                    clean_partial_dates(found, "published_on")
                except ValidationError as error:
                    report.model_errors(error, column)
                    continue
                self.new_sources.append(found)
                self._index_source(found)
            if found not in row.sources:
                row.sources.append(found)
