"""The conventions file format (docs/import/README.md): its columns, the
grammars of the cells that hold a list of things (objectives, actions,
sources, parties with their role), and the formatters that write each
thing back the way its grammar reads it, so an exported file imports back.
The values every import reads (dates, numbers, choices, lists) are in
core.cells and core.dates."""

import re

from django.utils.translation import gettext as _

from core import numbers
from core.cells import decimal
from core.dates import format_partial_iso
from core.imports import FileColumn

from ..models import FollowUpAction, Objective, Source


def _joined(things) -> str:
    return "; ".join(things)


def _date(day) -> str:
    return day.isoformat() if day else ""


# In file order (docs/import/modele-conventions.csv).
CONVENTION_FILE = [
    FileColumn("slug", "identifiant", lambda c: c.slug, ("slug",)),
    FileColumn("title", "intitulé", lambda c: c.title_fr or c.title, ("title", "title_fr")),
    FileColumn("title_ar", "intitulé en arabe", lambda c: c.title_ar or "", ("title_ar",)),
    FileColumn("title_en", "intitulé en anglais", lambda c: c.title_en or "", ("title_en",)),
    FileColumn("reference", "référence", lambda c: c.reference, ("reference",)),
    FileColumn("kind", "type", lambda c: c.get_kind_display(), ("kind",)),
    FileColumn("status", "statut", lambda c: c.get_status_display(), ("status",)),
    FileColumn(
        "signed_on",
        "date de signature",
        lambda c: format_partial_iso(c.signed_on, c.signed_on_precision),
        ("signed_on", "signed_on_precision"),
    ),
    FileColumn("signed_on_note", "note sur la date", lambda c: c.signed_on_note, ("signed_on_note",)),
    FileColumn("place", "lieu", lambda c: c.place, ("place",)),
    FileColumn("event", "événement", lambda c: c.event, ("event",)),
    FileColumn("start_on", "début d'effet", lambda c: _date(c.start_on), ("start_on",)),
    FileColumn("end_on", "fin d'effet", lambda c: _date(c.end_on), ("end_on",)),
    FileColumn("amount", "montant", lambda c: numbers.plain(c.amount), ("amount",)),
    FileColumn("currency", "devise", lambda c: c.currency, ("currency",)),
    FileColumn("scope", "portée", lambda c: c.get_scope_display(), ("scope",)),
    FileColumn("summary", "résumé", lambda c: c.summary_fr or "", ("summary", "summary_fr")),
    FileColumn("summary_ar", "résumé en arabe", lambda c: c.summary_ar or "", ("summary_ar",)),
    FileColumn("summary_en", "résumé en anglais", lambda c: c.summary_en or "", ("summary_en",)),
    FileColumn("parties", "parties", lambda c: _joined(party_text(party) for party in c.parties.all())),
    FileColumn("sectors", "secteurs", lambda c: _joined(sector.slug for sector in c.sectors.all())),
    FileColumn("regions", "régions", lambda c: _joined(region.slug for region in c.regions.all())),
    FileColumn("plans", "plans", lambda c: _joined(plan.slug for plan in c.plans.all())),
    FileColumn("objectives", "objectifs", lambda c: _joined(objective_text(o) for o in c.objectives.all())),
    FileColumn("actions", "actions", lambda c: _joined(action_text(action) for action in c.actions.all())),
    FileColumn("sources", "sources", lambda c: _joined(source_text(source) for source in c.sources.all())),
    # An instruction to the import, not a fact of the convention: always blank in an export.
    FileColumn("create_actors", "créer les acteurs inconnus"),
]
# Column key -> French header; model field -> the header its errors are reported under.
CONVENTION_COLUMNS = {column.key: column.header for column in CONVENTION_FILE}
FIELD_HEADERS = {field: column.header for column in CONVENTION_FILE for field in column.fields}
REQUIRED = {"title", "parties"}


def amount(text: str):
    value = decimal(text)
    if value is not None and value < 0:
        raise ValueError(_("« %(value)s » : le montant ne peut être négatif.") % {"value": text})
    return value


def currency(text: str) -> str:
    value = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError(
            _("« %(value)s » : écrivez un code de devise à trois lettres (MAD, EUR, USD).") % {"value": text}
        )
    return value


# --- objectives: « Créations d'emplois = au moins 13340 emplois @ 2020 » -------------------

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
OBJECTIVE = re.compile(
    r"^(?P<indicator>[^=]+?)\s*=\s*(?P<comparator>au moins|au plus|environ|exactement|>=|<=|≥|≤|~|≈)?\s*"
    r"(?P<value>[0-9][0-9\s\u00a0\u202f.,']*)\s*(?P<unit>[^@]*?)\s*(?:@\s*(?P<horizon>.+?))?\s*$",
    re.IGNORECASE,
)


def objective_text(objective: Objective) -> str:
    text = (
        f"{objective.indicator_fr} = {COMPARATOR_WORDS.get(objective.comparator, '')}"
        f"{numbers.plain(objective.target_value)} {objective.unit}"
    )
    horizon = format_partial_iso(objective.horizon_on, objective.horizon_on_precision) or objective.horizon_label_fr
    return f"{text} @ {horizon}" if horizon else text


# --- actions: « Suivi annuel [CAM] @ 2026-06 » ------------------------------------------------

ACTION = re.compile(r"^(?P<title>.+?)\s*(?:\[(?P<actor>[^\]]+)\])?\s*(?:@\s*(?P<due>[^@\[\]]+?))?\s*$")


def action_text(action: FollowUpAction) -> str:
    text = action.title_fr or action.title
    if action.responsible:
        text += f" [{action.responsible.acronym or action.responsible.name_fr}]"
    due = format_partial_iso(action.due_on, action.due_on_precision)
    return f"{text} @ {due}" if due else text


# --- sources: « Titre de l'article (Le Matin, 2021-02-01) <https://…> » ------------------------
# Outlet, date and address optional; a bare address names a source the register has.

SOURCE = re.compile(r"^(?P<title>.*?)\s*(?:\((?P<details>[^()]*)\))?\s*(?:<(?P<url>[^<>\s]*)>)?\s*$")
BARE_URL = re.compile(r"^https?://\S+$")


def source_text(source: Source) -> str:
    details = ", ".join(
        part for part in (source.outlet, format_partial_iso(source.published_on, source.published_on_precision)) if part
    )
    text = source.title
    if details:
        text += f" ({details})"
    return f"{text} <{source.url}>" if source.url else text


# --- parties: « AMICA (signataire) » ------------------------------------------------------------
# The role in parentheses (core.text.trailing_parenthesis), read by choice(Party.Role, …);
# « Crédit Agricole du Maroc (CAM) »: not a role, part of the name.


def party_text(party) -> str:
    return f"{party.actor.acronym or party.actor.name_fr} ({party.get_role_display().lower()})"
