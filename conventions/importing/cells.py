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

from ..models import FollowUpAction, Objective, Source

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
# Model field -> the header its errors are reported under.
FIELD_HEADERS = {name: CONVENTION_COLUMNS[key] for name, key in FIELD_COLUMNS.items()}


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
