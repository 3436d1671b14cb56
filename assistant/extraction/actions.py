"""Follow-up actions and the plans a convention serves.

An action is a sentence of the convention's part of the article that commits
someone (« s'engage à », « sera chargé de », « la convention prévoit »,
« mobilisera », « a mandaté », a verb in the future); its text is the clause
after the cue, its responsible the organisation that is the sentence's
subject. A plan is linked when the article places the convention in it
(« dans le cadre du plan de relance industrielle », « s'inscrit dans »,
« soutenir le plan … ») or names it in the sentence of signature."""

import re

from core.text import normalize

from . import orgs
from .text import contains

ACTION_CUES = (
    "s engage a",
    "s engagent a",
    "s engage",
    "sera charge",
    "seront charges",
    "sera chargee",
    "prevoit",
    "prevoient",
    "mettre a la disposition",
    "mettre en place",
    "mise en place",
    "mobilisera",
    "mobiliseront",
    "a mandate",
    "ont convenu",
    "consistera",
    "portera sur",
    "porte sur",
    "vise a",
    "visant a",
    "permettra",
    "permettront",
    "sera realisee",
    "sera realise",
    "seront",
    "accompagnera",
    "elaborer",
    "identifier",
    "lancer",
    "creer",
    "will",
    "commits",
    "undertakes",
    "يلتزم",
    "تلتزم",
    "ستعمل",
    "سيتم",
)
PLAN_CUES = (
    "dans le cadre du",
    "dans le cadre de la",
    "dans le cadre des",
    "s inscrit dans",
    "s inscrivent dans",
    "entrent dans le cadre",
    "entre dans le cadre",
    "en ligne avec",
    "conformement",
    "soutenir le",
    "soutenir la",
    "contribuer au",
    "contribuer a la",
    "en application",
    "in line with",
    "under the",
    "في إطار",
)
_PLAN = re.compile(
    r"\b(?P<head>[Pp]lans?|[Ss]tratégie|[Pp]rogramme|[Pp]acte|[Vv]ision|[Pp]rojet national|[Ii]nitiative)"
    r"(?P<rest>(?:\s*(?:nationale|national|de|d'|du|des|la|l'|pour|«|»|\"|[A-ZÉ][\w'’-]*|"
    r"relance|accélération|acceleration|industrielle|industriel|développement|emploi|investissement|[a-zé]+ielles?\b)"
    r")*)(?:\s*(?P<years>(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d))?"
)
_QUOTED = re.compile(r"«\s*([^»]{2,60}?)\s*»")


def actions(sentences, doc, text: str, exclude: set) -> list[dict]:
    found = []
    for sentence in sentences:
        if sentence.index in exclude:
            continue
        norm_text = sentence.norm
        cue = next((c for c in ACTION_CUES if contains(norm_text, c)), None)
        if cue is None:
            continue
        raw = sentence.text
        position = _find_cue(raw, cue)
        action = raw[position:].strip(' ,.;«»"') if position is not None else raw.strip()
        if len(action) < 15:
            action = raw.strip()
        responsible = None
        if sentence.span is not None and doc is not None:
            cue_char = sentence.start + (position or 0)
            subject = [m for m in orgs.mentions(doc, sentence.span.start, sentence.span.end) if m.end <= cue_char]
            if subject:
                responsible = subject[-1].acronym or subject[-1].name
        found.append({"action": action[:300], "responsible": responsible, "evidence": sentence.evidence()})
    return found


def _find_cue(raw: str, cue: str) -> int | None:
    """Where a normalized cue starts in the raw sentence (accents and apostrophes aside)."""
    words = cue.split()
    pattern = r"\W+".join(re.escape(w) for w in words)
    folded = normalize_keep_length(raw)
    match = re.search(pattern, folded)
    return match.end() if match else None


def normalize_keep_length(raw: str) -> str:
    """Lower case without accents, one character for one."""
    return "".join((normalize(ch) or ch)[:1] if ch.isalpha() else ch for ch in raw.lower())


def plans(sentences, event_sentences: set, register) -> list[dict]:
    """Plans the convention serves: [{"name", "plan": slug or None, "evidence"}]."""
    found, seen = [], set()
    for sentence in sentences:
        cued = sentence.index in event_sentences or any(contains(sentence.norm, c) for c in PLAN_CUES)
        if not cued:
            continue
        names = []
        for match in _PLAN.finditer(sentence.text):
            name = (match.group(0)).strip(' «»"')
            quoted = _QUOTED.search(match.group("rest") or "")
            if quoted:
                name = quoted.group(1) + (f" {match['years']}" if match["years"] else "")
            if len(name.split()) < 2 and not match["years"] or name.count("«") != name.count("»"):
                continue
            name = name.rstrip(' «»"').removesuffix(" de").removesuffix(" du").removesuffix(" des")
            names.append(name)
        for quoted in _QUOTED.finditer(sentence.text):
            before = normalize(sentence.text[max(0, quoted.start() - 30) : quoted.start()])
            if before.endswith(("projet national", "programme", "initiative", "plan", "strategie", "label")):
                names.append(quoted.group(1))
        for slug, name in register.match_plans(sentence.norm):
            names.append((name, slug))
        for item in names:
            name, slug = item if isinstance(item, tuple) else (item, None)
            key = normalize(name)
            if key in seen or any(key in s or s in key for s in seen):
                continue
            seen.add(key)
            if slug is None:
                matched = register.match_plans(key)
                slug = matched[0][0] if matched else None
            found.append({"name": name, "plan": slug, "evidence": sentence.evidence()})
    return found
