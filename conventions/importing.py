"""Import of conventions (and of actors) from a spreadsheet, one row each.

The format is documented for staff in docs/import/README.md. Two promises:

- **Never a second actor by accident.** Parties and responsibles are matched
  by name, acronym or other name (ActorName), accent- and case-insensitively.
  A near match (another expansion of an acronym, a typo) is proposed in the
  report ("probablement … (AMICA)") and the row is rejected until the file
  names the actor exactly. An actor unknown with no near match is created
  only when the row says « oui » in « créer les acteurs inconnus ».
- **All or nothing.** `dry_run=True` checks every row and writes nothing;
  the real import checks again and writes every row in one transaction, or
  none if a single row is rejected.

New conventions are drafts: publishing is a publisher's act, in the admin.
A row with an « identifiant » (slug) updates that convention: empty cells
leave fields as they are, lists add what is missing, nothing is deleted.

The actor matcher lives here, not in actors/, because it reuses the search
normalisation of this app (actors sit below conventions).
"""

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actors.exports import ACTOR_COLUMNS
from actors.models import Actor, ActorName
from core import numbers
from core.dates import DatePrecision, clean_partial_dates
from core.history import record_bulk
from core.spreadsheets import SpreadsheetError, Table, read_table
from plans.models import Plan, PlanComponent, Region, Sector

from . import publication, services
from .import_rows import (
    CREATE,
    UPDATE,
    Columns,
    ImportReport,
    RowReport,
    choice,
    decimal,
    format_partial_iso,
    full_date,
    items,
    partial_date,
    yes_no,
)
from .models import Convention, FollowUpAction, Objective, Party, Source
from .search import normalize

Progress = Callable[[str, int, int], None]

# Column key -> French header, in file order (docs/import/modele-conventions.csv).
CONVENTION_COLUMNS = {
    "slug": "identifiant",
    "title": "intitulé",
    "title_ar": "intitulé en arabe",
    "title_en": "intitulé en anglais",
    "reference": "référence",
    "kind": "type",
    "status": "statut",
    "signed_on": "date de signature",
    "signed_on_note": "note sur la date",
    "place": "lieu",
    "event": "événement",
    "start_on": "début d'effet",
    "end_on": "fin d'effet",
    "amount": "montant",
    "currency": "devise",
    "scope": "portée",
    "summary": "résumé",
    "summary_ar": "résumé en arabe",
    "summary_en": "résumé en anglais",
    "parties": "parties",
    "sectors": "secteurs",
    "regions": "régions",
    "plans": "plans",
    "objectives": "objectifs",
    "actions": "actions",
    "sources": "sources",
    "create_actors": "créer les acteurs inconnus",
}
REQUIRED = {"title", "parties"}
ACTOR_REQUIRED = {"name"}

# Model field -> column, to place a model validation error.
FIELD_COLUMNS = {
    "title": "title",
    "title_fr": "title",
    "title_ar": "title_ar",
    "title_en": "title_en",
    "slug": "slug",
    "reference": "reference",
    "kind": "kind",
    "status": "status",
    "signed_on": "signed_on",
    "signed_on_precision": "signed_on",
    "signed_on_note": "signed_on_note",
    "place": "place",
    "event": "event",
    "start_on": "start_on",
    "end_on": "end_on",
    "amount": "amount",
    "currency": "currency",
    "scope": "scope",
    "summary": "summary",
    "summary_fr": "summary",
    "summary_ar": "summary_ar",
    "summary_en": "summary_en",
}

NEAR_RATIO = 0.85
NEAR_RATIO_ACRONYM = 0.8
NEAR_TOKENS = 0.6
STOPWORDS = frozenset("a au aux d de des du en et l la le les of pour sur the and".split())
COMPARATORS = {
    "au moins": Objective.Comparator.AT_LEAST,
    ">=": Objective.Comparator.AT_LEAST,
    "≥": Objective.Comparator.AT_LEAST,
    "au plus": Objective.Comparator.AT_MOST,
    "<=": Objective.Comparator.AT_MOST,
    "≤": Objective.Comparator.AT_MOST,
    "environ": Objective.Comparator.ABOUT,
    "~": Objective.Comparator.ABOUT,
    "≈": Objective.Comparator.ABOUT,
    "exactement": Objective.Comparator.EXACTLY,
}
COMPARATOR_WORDS = {
    Objective.Comparator.AT_LEAST: "au moins ",
    Objective.Comparator.AT_MOST: "au plus ",
    Objective.Comparator.ABOUT: "environ ",
    Objective.Comparator.EXACTLY: "exactement ",
}
_OBJECTIVE = re.compile(
    r"^(?P<indicator>[^=]+?)\s*=\s*(?P<comparator>au moins|au plus|environ|exactement|>=|<=|≥|≤|~|≈)?\s*"
    r"(?P<value>[0-9][0-9\s\u00a0\u202f.,']*)\s*(?P<unit>[^@]*?)\s*(?:@\s*(?P<horizon>.+?))?\s*$",
    re.IGNORECASE,
)
_ACTION = re.compile(r"^(?P<title>.+?)\s*(?:\[(?P<actor>[^\]]+)\])?\s*(?:@\s*(?P<due>[^@\[\]]+?))?\s*$")
# « Titre de l'article (Le Matin, 2021-02-01) <https://…> »: outlet, date and address optional.
_SOURCE = re.compile(r"^(?P<title>.*?)\s*(?:\((?P<details>[^()]*)\))?\s*(?:<(?P<url>[^<>\s]*)>)?\s*$")
_BARE_URL = re.compile(r"^https?://\S+$")
_TRAILING_PARENTHESIS = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]+)\)\s*$")


# --- actors ----------------------------------------------------------------------


def _tokens(key: str) -> frozenset[str]:
    return frozenset(token for token in key.split() if token not in STOPWORDS and len(token) > 1)


@dataclass
class ActorMatch:
    actor: Actor | None = None
    via: str = ""  # "name", "acronym", "alias"
    near: list[Actor] = field(default_factory=list)
    ambiguous: list[Actor] = field(default_factory=list)


class ActorIndex:
    """Every actor under each of its names, acronyms and other names, as
    normalised keys. Two queries, whatever the file. Actors a file creates are
    added as they are planned, so a second row finds the first row's actor."""

    def __init__(self):
        self.keys: dict[str, dict[int, str]] = defaultdict(dict)  # key -> {actor id: via}
        self.actors: dict[int, Actor] = {}
        self.by_slug: dict[str, Actor] = {}
        self.fuzzy: list[tuple[str, frozenset[str], int, bool]] = []
        self.pending: list[Actor] = []
        actors = Actor.objects.only("pk", "slug", "name_fr", "name_ar", "name_en", "acronym", "kind")
        for actor in actors:
            self._add_actor(actor, actor.pk)
        for actor_id, name, acronym in ActorName.objects.values_list("actor_id", "name", "acronym"):
            self._add(name, actor_id, "alias")
            self._add(acronym, actor_id, "acronym")

    def _add_actor(self, actor: Actor, key_id: int) -> None:
        self.actors[key_id] = actor
        self.by_slug[actor.slug] = actor
        for name in (actor.name_fr, actor.name_ar, actor.name_en):
            self._add(name, key_id, "name")
        self._add(actor.acronym, key_id, "acronym")

    def _add(self, text: str | None, actor_id: int, via: str) -> None:
        key = normalize(text or "")
        if not key:
            return
        self.keys[key].setdefault(actor_id, via)
        self.fuzzy.append((key, _tokens(key), actor_id, via == "acronym"))

    def add_pending(self, actor: Actor) -> None:
        """An actor this import will create; found by later rows like any other."""
        self.pending.append(actor)
        self._add_actor(actor, -len(self.pending))

    def add_alias(self, actor: Actor, name: str) -> None:
        key_id = next((key for key, known in self.actors.items() if known is actor), actor.pk)
        self._add(name, key_id, "alias")

    def exact(self, text: str) -> ActorMatch | None:
        found = self.keys.get(normalize(text))
        if not found:
            return None
        if len(found) > 1:
            return ActorMatch(ambiguous=[self.actors[key] for key in found])
        (key, via), *_rest = found.items()
        return ActorMatch(actor=self.actors[key], via=via)

    def resolve(self, text: str) -> ActorMatch:
        match = self.exact(text)
        if match:
            return match
        # "Crédit Agricole du Maroc (CAM)": the name, else the acronym.
        parts = _TRAILING_PARENTHESIS.match(text)
        if parts:
            for part in (parts["head"], parts["inner"]):
                match = self.exact(part)
                if match and match.actor:
                    return match
        return ActorMatch(near=self.near(text))

    def near(self, text: str, limit: int = 3) -> list[Actor]:
        """Actors whose name is close: difflib ratio ≥ 0.85 on the normalised
        names (0.8 against an acronym), or at least three shared words making
        60 % of both names' words ("…de l'Industrie et du Montage Automobile"
        against "…pour l'Industrie et la Construction de l'Automobile")."""
        key = normalize(text)
        tokens = _tokens(key)
        single_word = " " not in key
        scores: dict[int, float] = {}
        matcher = difflib.SequenceMatcher(None, "", key)  # b is cached: the name looked for
        for other, other_tokens, actor_id, is_acronym in self.fuzzy:
            if is_acronym and not single_word:
                continue
            threshold = NEAR_RATIO_ACRONYM if is_acronym else NEAR_RATIO
            score = 0.0
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                ratio = matcher.ratio()
                if ratio >= threshold:
                    score = ratio
            shared = tokens & other_tokens
            if len(shared) >= 3:
                overlap = len(shared) / len(tokens | other_tokens)
                if overlap >= NEAR_TOKENS:
                    score = max(score, overlap)
            if score:
                scores[actor_id] = max(score, scores.get(actor_id, 0))
        best = sorted(scores, key=lambda actor_id: -scores[actor_id])[:limit]
        return [self.actors[actor_id] for actor_id in best]


def _probably(actors: list[Actor]) -> str:
    return _(" ou ").join(_("probablement %(actor)s") % {"actor": actor} for actor in actors)


def _new_actor(text: str) -> Actor:
    """An actor created from a bare name; "Société X (SX)" gives the acronym."""
    name, acronym = text.strip(), ""
    parts = _TRAILING_PARENTHESIS.match(name)
    if parts and " " not in parts["inner"].strip() and len(parts["inner"].strip()) <= 40:
        name, acronym = parts["head"].strip(), parts["inner"].strip()
    actor = Actor(acronym=acronym, kind=Actor.Kind.OTHER)
    actor.name_fr = name
    actor.name = name
    return actor


def resolve_actor(
    *, index: ActorIndex, text: str, report: RowReport, column: str, create: bool, created: list[str]
) -> Actor | None:
    """The actor `text` names, or None with an error on the report."""
    match = index.resolve(text)
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
            % {"text": text, "proposals": _probably(match.near)},
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
    actor = _new_actor(text)
    index.add_pending(actor)
    created.append(str(actor))
    report.warn(
        _("nouvel acteur créé : %(actor)s (type « Autre », à compléter dans l'administration).") % {"actor": actor},
        column,
    )
    return actor


# --- reference lists ---------------------------------------------------------------


class _Lookup:
    """Sectors, regions or plans by slug, by name in any language, or code."""

    def __init__(self, objects, *attributes: str):
        self.found: dict[str, dict[int, object]] = defaultdict(dict)
        for obj in objects:
            for attribute in ("slug", *attributes):
                key = normalize(getattr(obj, attribute, "") or "")
                if key:
                    self.found[key][obj.pk] = obj

    def get(self, text: str):
        matches = self.found.get(normalize(text), {})
        return next(iter(matches.values())) if len(matches) == 1 else None


# --- conventions ---------------------------------------------------------------------


@dataclass
class _Row:
    report: RowReport
    convention: Convention
    changed: list[str] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    role_changes: list[Party] = field(default_factory=list)
    m2m: dict[str, list] = field(default_factory=dict)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[FollowUpAction] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def _can(user, permission: str) -> bool:
    return user is None or user.has_perm(permission)


def _model_errors(report: RowReport, error: ValidationError, columns: dict[str, str], label: str = "") -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            column = CONVENTION_COLUMNS.get(columns.get(name, ""), label)
            for message in ValidationError(errors).messages:
                report.error(message, column)
    else:
        for message in error.messages:
            report.error(message, label)


class ConventionImport:
    """One import of conventions: `check()` plans every row (a constant
    number of queries for the whole file), `write()` carries the plan out."""

    def __init__(self, *, user=None, progress: Progress | None = None):
        self.user = user
        self.progress = progress or (lambda stage, done, total: None)
        self.created_actors: list[str] = []

    def _preload(self, slugs: set[str]) -> None:
        # Queries: actors, other names, sectors, regions, plans, sources, every
        # convention's (slug, title, date), then the conventions to update with
        # their parties, objectives, actions and components (5).
        self.actors = ActorIndex()
        self.sectors = _Lookup(
            Sector.objects.only("pk", "slug", "name_fr", "name_ar", "name_en"), "name_fr", "name_ar", "name_en"
        )
        self.regions = _Lookup(
            Region.objects.only("pk", "slug", "code", "name_fr", "name_ar", "name_en"),
            "code",
            "name_fr",
            "name_ar",
            "name_en",
        )
        self.plans = _Lookup(
            Plan.objects.only("pk", "slug", "name_fr", "name_ar", "name_en", "short_name_fr", "short_name_en"),
            "name_fr",
            "name_ar",
            "name_en",
            "short_name_fr",
            "short_name_en",
        )
        # Sources are shared: the same article may report several conventions.
        self.sources_by_url: dict[str, Source] = {}
        self.sources_by_title: dict[tuple[str, str], Source] = {}
        for source in Source.objects.only("pk", "url", "title", "outlet"):
            self._index_source(source)
        self.new_sources: list[Source] = []
        self.taken_slugs: set[str] = set()
        self.titles: dict[tuple[str, object], str] = {}
        for slug, title, signed_on in Convention.objects.values_list("slug", "title_fr", "signed_on"):
            self.taken_slugs.add(slug)
            self.titles[(normalize(title or ""), signed_on)] = slug
        self.existing = (
            {
                convention.slug: convention
                for convention in Convention.objects.filter(slug__in=slugs).prefetch_related(
                    "parties",
                    "objectives",
                    "actions",
                    # A new list of plans must keep the plans of its components.
                    Prefetch("components", queryset=PlanComponent.objects.select_related("plan")),
                )
            }
            if slugs
            else {}
        )

    def check(self, table: Table) -> list[_Row]:
        columns = Columns(table, CONVENTION_COLUMNS, REQUIRED)
        slug_position = columns.index.get("slug")
        slugs = set()
        if slug_position is not None:
            slugs = {cells[slug_position].strip() for _line, cells in table.rows if slug_position < len(cells)}
            slugs.discard("")
        self._preload(slugs)
        rows, seen_slugs, seen_titles = [], {}, {}
        total = len(table.rows)
        for done, (line, cells) in enumerate(table.rows, start=1):
            rows.append(self._check_row(line, columns, cells, seen_slugs, seen_titles))
            if done % 100 == 0 or done == total:
                self.progress("check", done, total)
        return rows

    def _check_row(self, line, columns: Columns, cells, seen_slugs, seen_titles) -> _Row:
        report = RowReport(line=line)
        values = columns.cells(cells, report)
        label = CONVENTION_COLUMNS
        slug = values.get("slug", "")
        title = values.get("title", "")
        report.title = title
        if slug:
            report.action = UPDATE
            convention = self.existing.get(slug)
            if slug in seen_slugs:
                report.error(
                    _("cette convention est déjà mise à jour ligne %(line)s.") % {"line": seen_slugs[slug]},
                    label["slug"],
                )
            seen_slugs.setdefault(slug, line)
            if convention is None:
                report.error(
                    _("aucune convention n'a l'identifiant « %(slug)s ». Laissez la colonne vide pour en créer une.")
                    % {"slug": slug},
                    label["slug"],
                )
                return _Row(report, Convention())
            report.slug = slug
            report.title = title or convention.title_fr
            if not _can(self.user, "conventions.change_convention"):
                report.error(_("vous n'avez pas le droit de modifier les conventions."))
            elif not publication.may_change(self.user, convention):
                report.error(_("cette convention est publiée : seul un publieur peut la modifier."))
        else:
            convention = Convention(publication_state=Convention.PublicationState.DRAFT)
            if not _can(self.user, "conventions.add_convention"):
                report.error(_("vous n'avez pas le droit d'ajouter des conventions."))
            if not title:
                report.error(_("l'intitulé est obligatoire pour créer une convention."), label["title"])
        row = _Row(report, convention)
        self._set_fields(row, values)
        if report.action == CREATE and title:
            key = (normalize(title), convention.signed_on)
            if key in self.titles:
                report.error(
                    _(
                        "une convention de même intitulé et de même date existe déjà (identifiant « %(slug)s ») : "
                        "pour la mettre à jour, indiquez son identifiant."
                    )
                    % {"slug": self.titles[key]},
                    label["title"],
                )
            elif key in seen_titles:
                report.error(
                    _("même intitulé et même date que la ligne %(line)s.") % {"line": seen_titles[key]},
                    label["title"],
                )
            seen_titles.setdefault(key, line)
            if not report.rejected:
                convention.slug = self._new_slug(title)
                report.slug = convention.slug
        create_actors = False
        if values.get("create_actors"):
            try:
                create_actors = yes_no(values["create_actors"])
            except ValueError as exc:
                report.error(str(exc), label["create_actors"])
        self._set_parties(row, values, create_actors)
        for key, lookup, what in (
            ("sectors", self.sectors, _("secteur")),
            ("regions", self.regions, _("région")),
            ("plans", self.plans, _("plan")),
        ):
            if values.get(key):
                found = []
                for item in items(values[key]):
                    obj = lookup.get(item)
                    if obj is None:
                        report.error(
                            _("%(what)s inconnu : « %(item)s » (écrivez son identifiant ou son nom).")
                            % {"what": what, "item": item},
                            label[key],
                        )
                    elif obj not in found:
                        found.append(obj)
                row.m2m[key] = found
        if "plans" in row.m2m and convention.pk:
            stray = services.components_outside_plans(row.m2m["plans"], convention.components.all())
            if stray:
                report.error(
                    _(
                        "la convention sert des composantes de plans absents de cette liste : %(components)s. "
                        "Gardez leurs plans, ou retirez d'abord ces composantes dans l'administration."
                    )
                    % {"components": ", ".join(str(component) for component in stray)},
                    label["plans"],
                )
        self._set_objectives(row, values.get("objectives", ""))
        self._set_actions(row, values.get("actions", ""), create_actors)
        self._set_sources(row, values.get("sources", ""))
        if not report.rejected:
            try:
                convention.clean_fields(exclude=["search_text", "published_by", "published_at"])
                convention.clean()
            except ValidationError as error:
                _model_errors(report, error, FIELD_COLUMNS)
        return row

    def _new_slug(self, title: str) -> str:
        base = slugify(title)[:140].strip("-") or "convention"
        candidate, number = base, 1
        while candidate in self.taken_slugs:
            number += 1
            suffix = f"-{number}"
            candidate = base[: 140 - len(suffix)] + suffix
        self.taken_slugs.add(candidate)
        return candidate

    def _set_fields(self, row: _Row, values: dict[str, str]) -> None:
        convention, report = row.convention, row.report

        def put(key: str, parse, *fields: str) -> None:
            text = values.get(key, "")
            if not text:
                return
            try:
                value = parse(text)
            except ValueError as exc:
                report.error(str(exc), CONVENTION_COLUMNS[key])
                return
            if len(fields) == 2 and isinstance(value, tuple):  # a partial date and its precision
                for name, part in zip(fields, value, strict=True):
                    setattr(convention, name, part)
            else:
                for name in fields:
                    setattr(convention, name, value)
            row.changed += fields

        put("title", str, "title_fr", "title")
        put("title_ar", str, "title_ar")
        put("title_en", str, "title_en")
        put("reference", str, "reference")
        put("kind", lambda text: choice(Convention.Kind, text), "kind")
        put("status", lambda text: choice(Convention.Status, text), "status")
        put("signed_on", partial_date, "signed_on", "signed_on_precision")
        put("signed_on_note", str, "signed_on_note")
        put("place", str, "place")
        put("event", str, "event")
        put("start_on", full_date, "start_on")
        put("end_on", full_date, "end_on")
        put("amount", _amount, "amount")
        put("currency", _currency, "currency")
        put("scope", lambda text: choice(Convention.Scope, text), "scope")
        put("summary", str, "summary_fr", "summary")
        put("summary_ar", str, "summary_ar")
        put("summary_en", str, "summary_en")

    def _set_parties(self, row: _Row, values: dict[str, str], create_actors: bool) -> None:
        report, convention = row.report, row.convention
        column = CONVENTION_COLUMNS["parties"]
        current = {party.actor_id: party for party in convention.parties.all()} if convention.pk else {}
        seen = set()
        for position, item in enumerate(items(values.get("parties", "")), start=len(current)):
            name, role = item, Party.Role.SIGNATORY
            parts = _TRAILING_PARENTHESIS.match(item)
            if parts:
                try:
                    role = choice(Party.Role, parts["inner"])
                    name = parts["head"]
                except ValueError:
                    pass  # "Crédit Agricole du Maroc (CAM)": part of the name
            actor = resolve_actor(
                index=self.actors,
                text=name,
                report=report,
                column=column,
                create=create_actors,
                created=self.created_actors,
            )
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
            as_written = name.strip() if match and match.via == "alias" else ""
            party = Party(convention=convention, actor=actor, role=role, position=position, name_as_written=as_written)
            try:
                party.clean_fields(exclude=["convention", "actor", "representative"])
            except ValidationError as error:
                _model_errors(report, error, {}, column)
            row.parties.append(party)
        if report.action == CREATE and len(row.parties) < 2:
            report.warn(
                _("moins de deux parties : la convention ne pourra être publiée qu'une fois complétée."), column
            )

    def _set_objectives(self, row: _Row, text: str) -> None:
        report, convention = row.report, row.convention
        column = CONVENTION_COLUMNS["objectives"]
        existing = {normalize(o.indicator_fr or "") for o in convention.objectives.all()} if convention.pk else set()
        for position, item in enumerate(items(text), start=len(existing)):
            match = _OBJECTIVE.match(item)
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
                objective.horizon_on, objective.horizon_on_precision = partial_date(horizon)
            except ValueError:
                # "à court terme", "d'ici la fin de l'année": an undated horizon, as written.
                objective.horizon_label_fr = objective.horizon_label = horizon
            try:
                objective.clean_fields(exclude=["convention", "plan", "component", "source", "document"])
                clean_partial_dates(objective, "horizon_on")
            except ValidationError as error:
                _model_errors(report, error, {}, column)
            row.objectives.append(objective)

    def _set_actions(self, row: _Row, text: str, create_actors: bool) -> None:
        report, convention = row.report, row.convention
        column = CONVENTION_COLUMNS["actions"]
        existing = {normalize(a.title_fr or "") for a in convention.actions.all()} if convention.pk else set()
        for position, item in enumerate(items(text), start=len(existing)):
            match = _ACTION.match(item)
            title = match["title"].strip()
            if normalize(title) in existing:
                report.warn(_("action « %(title)s » déjà présente : inchangée.") % {"title": title}, column)
                continue
            action = FollowUpAction(convention=convention, position=position)
            action.title_fr = action.title = title
            if match["actor"]:
                action.responsible = resolve_actor(
                    index=self.actors,
                    text=match["actor"].strip(),
                    report=report,
                    column=column,
                    create=create_actors,
                    created=self.created_actors,
                )
            try:
                action.due_on, action.due_on_precision = partial_date(match["due"] or "")
            except ValueError as exc:
                report.error(str(exc), column)
                continue
            try:
                action.clean_fields(exclude=["convention", "responsible", "source", "document"])
                action.clean()
            except ValidationError as error:
                _model_errors(report, error, {}, column)
            row.actions.append(action)

    def _index_source(self, source: Source) -> None:
        if source.url:
            self.sources_by_url.setdefault(source.url.strip().lower(), source)
        self.sources_by_title.setdefault((normalize(source.title), normalize(source.outlet)), source)

    def _set_sources(self, row: _Row, text: str) -> None:
        """Each source is found by its address, else by its title and outlet;
        one the register lacks is created once, however many rows cite it."""
        report = row.report
        column = CONVENTION_COLUMNS["sources"]
        for item in items(text):
            if _BARE_URL.match(item):
                title, details, url = "", "", item
            else:
                match = _SOURCE.match(item)
                title, details, url = match["title"].strip(), (match["details"] or "").strip(), match["url"] or ""
            outlet, published = details, (None, DatePrecision.UNKNOWN)
            if details:
                head, _comma, tail = details.rpartition(",")
                try:
                    published = partial_date(tail.strip())
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
                    _model_errors(report, error, {}, column)
                    continue
                self.new_sources.append(found)
                self._index_source(found)
            if found not in row.sources:
                row.sources.append(found)

    def write(self, rows: list[_Row]) -> None:
        """Everything in one transaction, through the service layer's batch
        write (services.batch_write: its rules and query budget)."""
        created = [row for row in rows if row.report.action == CREATE]
        updated = [row for row in rows if row.report.action == UPDATE]
        batch = services.Batch(
            new_actors=list(self.actors.pending),
            created=[row.convention for row in created],
            updated=[(row.convention, row.changed) for row in updated],
            parties=[party for row in rows for party in row.parties],
            role_changes=[party for row in rows for party in row.role_changes],
            objectives=[objective for row in rows for objective in row.objectives],
            actions=[action for row in rows for action in row.actions],
            # Written only when no row is rejected: every new source is cited.
            new_sources=self.new_sources,
            source_links=[(source, row.convention) for row in rows for source in row.sources],
            relations={
                name: [(row.convention, row.m2m[name]) for row in rows if name in row.m2m]
                for name in ("sectors", "regions", "plans")
            },
        )
        services.batch_write(
            batch=batch, user=self.user, reason=_("Importée depuis un tableur."), progress=self.progress
        )


def _amount(text: str):
    value = decimal(text)
    if value is not None and value < 0:
        raise ValueError(_("« %(value)s » : le montant ne peut être négatif.") % {"value": text})
    return value


def _currency(text: str) -> str:
    value = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError(
            _("« %(value)s » : écrivez un code de devise à trois lettres (MAD, EUR, USD).") % {"value": text}
        )
    return value


# --- actors file -----------------------------------------------------------------------


@dataclass
class _ActorRow:
    report: RowReport
    actor: Actor
    changed: list[str] = field(default_factory=list)
    aliases: list[ActorName] = field(default_factory=list)


class ActorImport:
    """Actors from the actors template: name, acronym, kind, other names. An
    existing actor (by identifiant, exact name or acronym) is completed; a
    name close to an existing actor is rejected with the proposal unless the
    row confirms « oui » in « créer malgré la ressemblance »."""

    def __init__(self, *, user=None, progress: Progress | None = None):
        self.user = user
        self.progress = progress or (lambda stage, done, total: None)

    def check(self, table: Table) -> list[_ActorRow]:
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

    def _check_row(self, line: int, columns: Columns, cells) -> _ActorRow:
        report = RowReport(line=line)
        values = columns.cells(cells, report)
        label = ACTOR_COLUMNS
        name, acronym, slug = values.get("name", ""), values.get("acronym", ""), values.get("slug", "")
        report.title = name or slug
        confirm = False
        try:
            confirm = yes_no(values.get("confirm_new", ""))
        except ValueError as exc:
            report.error(str(exc), label["confirm_new"])
        permission = "actors.change_actor"
        actor = None
        if slug:
            actor = self.index.by_slug.get(slug)
            if actor is None:
                report.error(_("aucun acteur n'a l'identifiant « %(slug)s ».") % {"slug": slug}, label["slug"])
                return _ActorRow(report, Actor())
        elif not name:
            report.error(_("le nom est obligatoire."), label["name"])
            return _ActorRow(report, Actor())
        else:
            match = self.index.exact(name) or (self.index.exact(acronym) if acronym else None)
            if match and match.ambiguous:
                report.error(
                    _("« %(text)s » désigne plusieurs acteurs (%(actors)s).")
                    % {"text": name, "actors": " ; ".join(str(a) for a in match.ambiguous)},
                    label["name"],
                )
                return _ActorRow(report, Actor())
            actor = match.actor if match else None
            if actor is None:
                near = self.index.near(name) + (self.index.near(acronym) if acronym else [])
                near = list(dict.fromkeys(near))[:3]
                if near and not confirm:
                    report.error(
                        _(
                            "« %(text)s » ressemble à un acteur existant : %(proposals)s. Pour le compléter, écrivez "
                            "son nom exact ou son identifiant ; si c'est vraiment un autre acteur, écrivez « oui » "
                            "dans « %(flag)s »."
                        )
                        % {"text": name, "proposals": _probably(near), "flag": label["confirm_new"]},
                        label["name"],
                    )
                    return _ActorRow(report, Actor())
        if actor is None:
            permission = "actors.add_actor"
            actor = Actor(kind=Actor.Kind.OTHER)
            report.action = CREATE
        else:
            report.action = UPDATE
            report.slug = actor.slug
            if actor.pk is None:
                report.error(_("cet acteur figure déjà plus haut dans le fichier."), label["name"])
        if not _can(self.user, permission):
            report.error(_("vous n'avez pas le droit d'ajouter ou de modifier des acteurs."))
        row = _ActorRow(report, actor)
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
        for alias in items(values.get("aliases", "")):
            match = self.index.exact(alias)
            if match and match.actor is not None and match.actor is not actor:
                report.error(
                    _("« %(alias)s » est déjà un nom de %(actor)s.") % {"alias": alias, "actor": match.actor},
                    label["aliases"],
                )
                continue
            if match and match.actor is actor:
                continue  # already one of its names
            key = (actor.pk, normalize(alias))
            if key in self.known_aliases:
                continue
            self.known_aliases.add(key)
            row.aliases.append(ActorName(actor=actor, name=alias, kind=ActorName.Kind.VARIANT))
        try:
            actor.clean_fields(exclude=["slug", "parent"])
        except ValidationError as error:
            _model_errors(report, error, {}, "")
        if report.action == CREATE and not report.rejected:
            self.index.add_pending(actor)
        for alias in row.aliases:
            self.index.add_alias(actor, alias.name)
        return row

    def write(self, rows: list[_ActorRow]) -> None:
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
            # bulk_create sends no signal: conventions found by these actors' new names are reindexed here.
            renamed = [row.actor.pk for row in rows if row.report.action == UPDATE and (row.aliases or row.changed)]
            if renamed:
                Convention.objects.filter(
                    pk__in=Party.objects.filter(actor__in=renamed).values("convention")
                ).refresh_search_text()
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


# --- entry points ------------------------------------------------------------------------

CONVENTIONS, ACTORS = "conventions", "actors"
IMPORTS = {CONVENTIONS: ConventionImport, ACTORS: ActorImport}


def run_import(
    *, table: Table, user=None, dry_run: bool, what: str = CONVENTIONS, progress: Progress | None = None
) -> ImportReport:
    """Check every row; unless `dry_run` or a row is rejected, write them all
    in one transaction. Runs in French: messages and labels are for staff."""
    report = ImportReport(dry_run=dry_run, notes=list(table.notes))
    importer = IMPORTS[what](user=user, progress=progress)
    with translation.override("fr"):
        try:
            rows = importer.check(table)
        except SpreadsheetError as exc:
            report.file_error = str(exc)
            return report
        report.rows = [row.report for row in rows]
        report.created_actors = list(getattr(importer, "created_actors", []))
        if dry_run or not report.ok:
            return report
        try:
            importer.write(rows)
        except (PermissionDenied, ValidationError, services.Refused) as exc:
            # Rules checked again at write time (a convention published meanwhile).
            if isinstance(exc, services.Refused):
                error = " ".join(str(message) for messages in exc.errors.values() for message in messages)
            elif isinstance(exc, ValidationError):
                error = " ".join(ValidationError(exc.messages).messages)
            else:
                error = str(exc)
            report.file_error = _("l'import a été refusé, rien n'a été écrit : %(error)s") % {"error": error}
            return report
        except DatabaseError as exc:
            # A rule the checks above missed (or a concurrent edit): the
            # transaction is rolled back, nothing is written.
            report.file_error = _("la base de données a refusé l'import, rien n'a été écrit (%(error)s).") % {
                "error": exc
            }
            return report
        report.written = True
    return report


def import_conventions(*, table: Table, user=None, dry_run: bool, progress: Progress | None = None) -> ImportReport:
    return run_import(table=table, user=user, dry_run=dry_run, what=CONVENTIONS, progress=progress)


def import_actors(*, table: Table, user=None, dry_run: bool, progress: Progress | None = None) -> ImportReport:
    return run_import(table=table, user=user, dry_run=dry_run, what=ACTORS, progress=progress)


def import_file(
    *,
    file,
    name: str,
    size: int | None = None,
    user=None,
    dry_run: bool,
    what: str = CONVENTIONS,
    progress: Progress | None = None,
) -> ImportReport:
    """Read an uploaded file and import it; a file that cannot be read gives a
    report with `file_error` and no rows."""
    with translation.override("fr"):
        try:
            table = read_table(file=file, name=name, size=size)
        except SpreadsheetError as exc:
            return ImportReport(dry_run=dry_run, file_error=str(exc))
    return run_import(table=table, user=user, dry_run=dry_run, what=what, progress=progress)


# --- export in the same format ----------------------------------------------------------


def convention_rows(queryset):
    """The rows of a selection in the import format: exported, edited, and
    imported back, a row updates its convention (the « identifiant » column)."""
    # The admin's changelist queryset already prefetches parties its own way.
    queryset = queryset.prefetch_related(None).prefetch_related(
        Prefetch("parties", queryset=Party.objects.select_related("actor").order_by("position", "id")),
        "sectors",
        "regions",
        "plans",
        "objectives",
        Prefetch("actions", queryset=FollowUpAction.objects.select_related("responsible")),
        "sources",
    )
    for convention in queryset.iterator(chunk_size=500):
        yield [
            convention.slug,
            convention.title_fr or convention.title,
            convention.title_ar or "",
            convention.title_en or "",
            convention.reference,
            convention.get_kind_display(),
            convention.get_status_display(),
            format_partial_iso(convention.signed_on, convention.signed_on_precision),
            convention.signed_on_note,
            convention.place,
            convention.event,
            convention.start_on.isoformat() if convention.start_on else "",
            convention.end_on.isoformat() if convention.end_on else "",
            numbers.plain(convention.amount),
            convention.currency,
            convention.get_scope_display(),
            convention.summary_fr or "",
            convention.summary_ar or "",
            convention.summary_en or "",
            "; ".join(
                f"{party.actor.acronym or party.actor.name_fr} ({party.get_role_display().lower()})"
                for party in convention.parties.all()
            ),
            "; ".join(sector.slug for sector in convention.sectors.all()),
            "; ".join(region.slug for region in convention.regions.all()),
            "; ".join(plan.slug for plan in convention.plans.all()),
            "; ".join(_objective_text(objective) for objective in convention.objectives.all()),
            "; ".join(_action_text(action) for action in convention.actions.all()),
            "; ".join(_source_text(source) for source in convention.sources.all()),
            "",
        ]


def _objective_text(objective: Objective) -> str:
    text = (
        f"{objective.indicator_fr} = {COMPARATOR_WORDS.get(objective.comparator, '')}"
        f"{numbers.plain(objective.target_value)} {objective.unit}"
    )
    horizon = format_partial_iso(objective.horizon_on, objective.horizon_on_precision) or objective.horizon_label_fr
    return f"{text} @ {horizon}" if horizon else text


def _source_text(source: Source) -> str:
    details = ", ".join(
        part for part in (source.outlet, format_partial_iso(source.published_on, source.published_on_precision)) if part
    )
    text = source.title
    if details:
        text += f" ({details})"
    return f"{text} <{source.url}>" if source.url else text


def _action_text(action: FollowUpAction) -> str:
    text = action.title_fr or action.title
    if action.responsible:
        text += f" [{action.responsible.acronym or action.responsible.name_fr}]"
    due = format_partial_iso(action.due_on, action.due_on_precision)
    return f"{text} @ {due}" if due else text


__all__ = [
    "ACTORS",
    "CONVENTIONS",
    "CONVENTION_COLUMNS",
    "ActorIndex",
    "ImportReport",
    "convention_rows",
    "import_actors",
    "import_conventions",
    "import_file",
    "run_import",
]
