"""What each figure of an article is: the convention's money, one of its
quantified targets, or a figure of context.

« 157 milliards de dirhams à l'export en 2024 » is a measurement of the
sector, not a target: a figure is a target when the words before it say so
(« objectif », « viser », « atteindre », « d'ici 2030 », « à l'horizon »,
« création de N emplois », « permettront de réaliser ») or its verb is in the
future or the conditional (spaCy's morphology); it is context when they
report (« a enregistré », « croissance de », « à ce jour », « représentant »)
or its verb is in the past; it is the convention's money when they fund
(« budget », « enveloppe », « investissement de », « d'un montant de »). The
nearest cue wins; a figure with none is left out."""

import re
from dataclasses import dataclass

from core.text import normalize

from .amounts import Quantity
from .text import contains

TARGET_CUES = (
    "objectif",
    "objectifs",
    "vise",
    "visent",
    "viser",
    "visant",
    "ambitionne",
    "ambition",
    "atteindre",
    "atteindra",
    "atteindront",
    "d ici",
    "a l horizon",
    "horizon",
    "a terme",
    "creation de",
    "creer",
    "creera",
    "generer",
    "generera",
    "permettra",
    "permettront",
    "permettre de",
    "prevoit",
    "prevoient",
    "prevu",
    "prevue",
    "escompte",
    "attendu",
    "attendus",
    "devrait",
    "devraient",
    "porter a",
    "portera",
    "cible",
    "target",
    "aims",
    "aim to",
    "expected",
    "will create",
    "by 2030",
    "يهدف",
    "تهدف",
    "بلوغ",
    "أفق",
    "إحداث",
    "خلق",
)
CONTEXT_CUES = (
    "a enregistre",
    "ont enregistre",
    "enregistre",
    "enregistrant",
    "s est etabli",
    "s est etablie",
    "a atteint",
    "ont atteint",
    "a realise",
    "ont realise",
    "croissance de",
    "croissance des",
    "hausse de",
    "baisse de",
    "progression de",
    "contre",
    "representant",
    "represente",
    "actuellement",
    "a ce jour",
    "deja",
    "au cours des",
    "au cours de",
    "se targue",
    "record",
    "soit",
    "dont",
    "plus de",
    "recorded",
    "reached",
    "سجل",
    "حققت",
)
FUNDING_CUES = (
    "budget",
    "enveloppe",
    "montant",
    "investissement",
    "investissements",
    "cout",
    "financement",
    "finance",
    "financee",
    "financer",
    "mobilisation",
    "mobiliser",
    "mobilisera",
    "allouer",
    "alloue",
    "allouee",
    "consacre",
    "consacree",
    "dote",
    "dotee",
    "dotation",
    "contribution",
    "apport",
    "subvention",
    "pret",
    "ligne de credit",
    "a hauteur de",
    "investir",
    "injecter",
    "funding",
    "budget of",
    "worth",
    "investment",
    "ميزانية",
    "كلفة",
    "الكلفة",
    "تكلفة",
    "بتكلفة",
    "مبلغ",
    "بمبلغ",
    "غلاف",
    "بغلاف",
    "قدره",
    "بقيمة",
    "استثمار",
    "باستثمار",
    "تمويل",
)


def _with_clitics(cues) -> tuple:
    """The cues as the text is compared (normalized: « إحداث » is « احداث »),
    each Arabic one also with the conjunctions and prepositions written joined
    to the next word (« ويهدف », « وإحداث », « بقيمة »)."""
    found = []
    for cue in cues:
        cue = normalize(cue)
        found.append(cue)
        if not cue.isascii():
            found.extend(prefix + cue for prefix in ("و", "ف", "ب", "ل") if not cue.startswith(prefix + "ا"))
    return tuple(dict.fromkeys(found))


TARGET_CUES, CONTEXT_CUES, FUNDING_CUES = (_with_clitics(c) for c in (TARGET_CUES, CONTEXT_CUES, FUNDING_CUES))
# A sentence that reports the past: its figures are context, not the convention's money.
REPORTING = ("a enregistre", "ont enregistre", "il convient de rappeler", "rappelons", "record", "bilan", "a realise")
_DEADLINE = re.compile(
    r"(?:d'ici|à l'horizon|a l'horizon|horizon|en|by|à fin|fin)\s+(?P<y>(?:19|20)\d\d)"
    r"|(?P<end>d'ici la fin de l'année)",
    re.I,
)


@dataclass
class Figure:
    quantity: Quantity
    role: str  # "amount", "target", "context"
    sentence: object
    cue: str | None = None


def _last_cue(before: str, cues) -> tuple[int, str] | None:
    """The position (from the end of `before`) of the nearest cue, and the cue."""
    best = None
    padded = f" {before} "
    for cue in cues:
        index = padded.rfind(f" {cue} ")
        if index >= 0:
            distance = len(padded) - index
            if best is None or distance < best[0]:
                best = (distance, cue)
    return best


def _verb_tense(sentence, quantity) -> str | None:
    """« future » or « past » for the verb the figure depends on, by spaCy's morphology."""
    span = sentence.span
    if span is None or not span.doc.has_annotation("MORPH"):
        return None
    token = next((t for t in span if t.idx >= quantity.start), None)
    for _ in range(8):
        if token is None:
            return None
        if token.pos_ in ("VERB", "AUX"):
            if "Fut" in token.morph.get("Tense") or "Cnd" in token.morph.get("Mood"):
                return "future"
            auxiliaries = [c for c in token.children if c.dep_.startswith("aux")]
            if any("Fut" in c.morph.get("Tense") or "Cnd" in c.morph.get("Mood") for c in auxiliaries):
                return "future"
            if token.morph.get("VerbForm") == ["Inf"]:
                token = token.head if token.head is not token else None
                continue
            if auxiliaries and "Past" in token.morph.get("Tense"):
                # « a signé », « a été estimé », « était prévu » report; « est estimé à »
                # (a passive in the present) describes the convention as it stands
                passive_present = all(c.lemma_ == "être" and "Pres" in c.morph.get("Tense") for c in auxiliaries)
                return None if passive_present else "past"
            if "Imp" in token.morph.get("Tense"):
                return "past"
            return None
        if token.head is token:
            return None
        token = token.head
    return None


def classify(quantity: Quantity, sentence, text: str, published_year: int | None = None) -> Figure:
    before = normalize(text[max(sentence.start, quantity.start - 140) : quantity.start])
    after = normalize(text[quantity.end : min(sentence.end, quantity.end + 40)])
    target = _last_cue(before, TARGET_CUES)
    context = _last_cue(before, CONTEXT_CUES)
    funding = _last_cue(before, FUNDING_CUES) if quantity.kind == "money" else None
    tense = _verb_tense(sentence, quantity)
    year = re.search(r"\b((?:19|20)\d\d)\b", text[sentence.start : sentence.end])
    if after.startswith("de l objectif") or after.startswith("of the target"):
        return Figure(quantity, "context", sentence, "share of a target")
    cues = [c for c in ((target, "target"), (context, "context"), (funding, "amount")) if c[0]]
    if not cues:
        if tense == "future":
            return Figure(quantity, "target", sentence, "future tense")
        return Figure(quantity, "context", sentence, None)
    (distance, cue), role = min(cues, key=lambda c: c[0][0])
    reported = any(contains(sentence.norm, marker) for marker in REPORTING)
    if role == "amount" and reported:
        role = "context"
    if role == "amount" and (tense == "past" and context):
        role = "context"
    if role == "context" and cue in ("soit", "dont", "plus de") and tense == "future":
        role = "target"
    if (
        role == "target"
        and tense == "past"
        and not target[1].startswith(("objectif", "d ici", "a l horizon", "horizon"))
    ):
        if year and published_year and int(year.group(1)) < published_year:
            role = "context"
    return Figure(quantity, role, sentence, cue)


def deadline(sentence_text: str) -> str | None:
    match = _DEADLINE.search(sentence_text)
    if not match:
        return None
    return match["y"] or "fin de l'année"


def indicator(quantity: Quantity, sentence, text: str) -> str:
    """What a target measures: what it counts (« emplois »), else the words
    after it (« de valeur ajoutée additionnelle »), else the noun phrase
    before it (« un chiffre d'affaires à l'export de »)."""
    if quantity.kind == "count" and quantity.unit:
        return quantity.unit
    after = re.match(
        r"\s*(?:de |d'|of )([\w'’ -]{3,60}?)(?=[,.;(]| et | a | pour | en |$)", text[quantity.end : sentence.end]
    )
    if after and not re.match(r"\s*(?:dirhams?|DH|euros?)\b", after.group(1), re.I):
        return after.group(1).strip()
    span = sentence.span
    if span is not None and span.doc.has_annotation("DEP"):
        chunks = [c for c in span.noun_chunks if c.end_char <= quantity.start and quantity.start - c.end_char < 40]
        chunks = [c for c in chunks if not re.search(r"\d", c.text)]
        if chunks:
            return re.sub(r"^(?:un|une|le|la|les|l'|des|du)\s*", "", chunks[-1].text)
    return quantity.unit or ""
