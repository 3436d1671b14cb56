"""The extraction's proposals as the review starts from them: read against
the register, each party with the register's actors it may be (for the
staff to choose among), the evidence reduced to offsets, and the initial
values of every review form."""

from decimal import Decimal, InvalidOperation

from actors.models import Actor
from conventions.models import Convention
from core.text import normalize

from . import extraction
from .evidence import slim
from .extraction import register as register_module
from .extraction.language import detect
from .extraction.text import clean

# SCHEMA.md's four kinds, made precise by the words the article used.
KINDS = {
    "convention de partenariat": Convention.Kind.PARTNERSHIP,
    "protocole d'accord": Convention.Kind.MEMORANDUM,
    "contrat-programme": Convention.Kind.PROGRAMME_CONTRACT,
    "accord": Convention.Kind.AGREEMENT,
}
KINDS_AS_WRITTEN = (
    ("performance", Convention.Kind.PERFORMANCE_CONTRACT),
    ("cadre", Convention.Kind.FRAMEWORK),
    ("investissement", Convention.Kind.INVESTMENT_AGREEMENT),
    ("avenant", Convention.Kind.AMENDMENT),
)
# The first word of an organisation's name says what it is, most of the time.
ACTOR_KINDS = {
    "ministere": Actor.Kind.MINISTRY,
    "agence": Actor.Kind.PUBLIC_AGENCY,
    "office": Actor.Kind.PUBLIC_AGENCY,
    "caisse": Actor.Kind.PUBLIC_AGENCY,
    "etablissement": Actor.Kind.PUBLIC_AGENCY,
    "association": Actor.Kind.ASSOCIATION,
    "federation": Actor.Kind.FEDERATION,
    "groupement": Actor.Kind.FEDERATION,
    "banque": Actor.Kind.BANK,
    "groupe": Actor.Kind.COMPANY,
    "societe": Actor.Kind.COMPANY,
    "region": Actor.Kind.REGIONAL_BODY,
    "conseil": Actor.Kind.REGIONAL_BODY,
    "direction": Actor.Kind.DEPARTMENT,
}
CANDIDATES = 3


def language_of(text: str, language: str = "") -> str:
    return language or detect(clean(text))


def read(text: str, *, published: str = "", language: str = "") -> list[dict]:
    """The proposals for the review (extraction.ExtractionError for input it
    cannot read). Reads the register once: matching and candidates agree."""
    register = register_module.load()
    records = extraction.extract(text, published=published or None, language=language or None, register=register)
    return [_for_review(record, register) for record in records]


def _candidates(register, signatory: dict) -> list[list[str]]:
    """[slug, label] of the actors this party may be: the match, then close names."""
    found, seen = [], set()
    match = signatory.get("match") or {}
    if match.get("actor"):
        seen.add(match["actor"])
        found.append([match["actor"], f"{match.get('matched_name') or match['actor']} ({match['actor']})"])
    for candidate in register.actors.near(signatory["name"], limit=CANDIDATES):
        slug = register.slugs.get(candidate.key)
        if slug and slug not in seen:
            seen.add(slug)
            found.append([slug, f"{candidate.name} ({slug})"])
    return found


def _items(items, *keys) -> list[dict]:
    return [
        {**{key: item.get(key) for key in keys}, "evidence": slim(item.get("evidence")), "span": item.get("span")}
        for item in items
    ]


def _for_review(record: dict, register) -> dict:
    date = record.get("date_signed") or {}
    parties = _items(record["signatories"], "name", "acronym", "as_written", "match")
    for party, signatory in zip(parties, record["signatories"], strict=True):
        party["candidates"] = _candidates(register, signatory)
    return {
        "title": record["title"],
        "kind": record["kind"],
        "kind_as_written": record.get("kind_as_written"),
        "date": {key: date.get(key) for key in ("value", "precision", "as_written", "inferred")}
        | {"evidence": slim(date.get("evidence"))},
        "place": record.get("place"),
        "event": record.get("event"),
        "signing": slim((record.get("evidence") or [None])[0]),
        "parties": parties,
        "representatives": _items(record["representatives"], "person", "title", "organization", "match"),
        "amounts": _items(record["amounts"], "value_mad", "currency", "original_value", "as_written"),
        "objectives": _items(record["objectives"], "indicator", "target_value", "unit", "deadline", "as_written"),
        "actions": _items(record["follow_up_actions"], "action", "responsible"),
        "plans": _items(record.get("plans", []), "name", "plan"),
        "context_figures": _items(record.get("context_figures", []), "value", "unit", "as_written"),
    }


# --- Initial values of the review's forms -----------------------------------------------


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(f"{float(value):.2f}")
    except (TypeError, ValueError, InvalidOperation):
        return None


def _party_index(parties: list[dict], name: str | None) -> int | None:
    """The party an organisation as written is (its acronym or its name)."""
    wanted = normalize(name or "")
    if not wanted:
        return None
    for index, party in enumerate(parties):
        if wanted in {normalize(party.get("acronym") or ""), normalize(party.get("name") or "")}:
            return index
    for index, party in enumerate(parties):
        if wanted in normalize(party.get("name") or ""):
            return index
    return None


def kind_of(proposal: dict) -> str:
    written = normalize(proposal.get("kind_as_written") or "")
    for word, kind in KINDS_AS_WRITTEN:
        if word in written:
            return kind
    return KINDS.get(proposal.get("kind"), Convention.Kind.PARTNERSHIP)


def actor_kind(name: str) -> str:
    words = normalize(name).split()
    return ACTOR_KINDS.get(words[0], Actor.Kind.OTHER) if words else Actor.Kind.OTHER


def initial(proposal: dict) -> dict:
    """The review forms' initial values: {"proposal": {…}, "parties": [{…}], …}."""
    date = proposal["date"]
    parties = proposal["parties"]
    return {
        "proposal": {
            "title": proposal["title"],
            "kind": kind_of(proposal),
            "keep_date": bool(date.get("value")),
            "signed_on": date.get("value") or "",
            "signed_on_precision": date.get("precision") or "unknown",
            "signed_on_note": (date.get("as_written") or "")[:250],
            "keep_place": bool(proposal.get("place")),
            "place": (proposal.get("place") or "")[:150],
            "keep_event": bool(proposal.get("event")),
            "event": (proposal.get("event") or "")[:250],
        },
        "parties": [
            {
                "actor": (party.get("match") or {}).get("actor") or "",
                "new_name": (party["name"] or "")[:300],
                "new_acronym": (party.get("acronym") or "")[:40],
                "new_kind": actor_kind(party["name"] or ""),
                "name_as_written": (party.get("as_written") or "")[:300],
            }
            for party in parties
        ],
        "representatives": [
            {
                "person": (person.get("match") or {}).get("person") or "",
                "new_name": (person["person"] or "")[:200],
                "title": (person.get("title") or "")[:200],
                "party": _party_index(parties, person.get("organization")),
            }
            for person in proposal["representatives"]
        ],
        "amounts": [
            {
                "keep": index == 0,  # a convention has one amount: the first, unless the staff choose another
                "value": _decimal(amount["value_mad"] if amount.get("value_mad") else amount.get("original_value")),
                "currency": "MAD" if amount.get("value_mad") else (amount.get("currency") or "MAD"),
            }
            for index, amount in enumerate(proposal["amounts"])
        ],
        "objectives": [
            {
                "indicator": (objective.get("indicator") or "")[:300],
                "target_value": _decimal(objective.get("target_value")),
                "unit": (objective.get("unit") or "")[:40],
                "deadline": objective.get("deadline") or "",
            }
            for objective in proposal["objectives"]
        ],
        "actions": [
            {
                "title": (action.get("action") or "")[:300],
                "responsible": _party_index(parties, action.get("responsible")),
            }
            for action in proposal["actions"]
        ],
        "plans": [{"keep": bool(plan.get("plan")), "plan": plan.get("plan")} for plan in proposal["plans"]],
    }
