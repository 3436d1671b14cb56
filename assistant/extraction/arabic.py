"""Arabic articles, by rules alone (there is no Arabic model on the index):
the signing sentence (« تم توقيع اتفاقية شراكة بين وزارة … والجمعية … »), its
parties cut where « و » or « ، » opens a new organisation name, people
introduced by their title (« رئيس الجمعية، السيد … »), dates and amounts
through the shared rules."""

import re

from . import dates, objectives
from .amounts import as_amount, quantities
from .lexicon import CITY_NAMES_AR, KINDS, ORG_HEADS_AR, SIGNING_WORDS_AR, TITLES_AR

_KINDS_AR = sorted((k for k in KINDS if not k.isascii()), key=len, reverse=True)
_LIST_END = re.compile(r"\s(?:بهدف|من أجل|تروم|ترمي|لتعزيز|لدعم|قصد|حول|في إطار|على هامش|وذلك|بحضور|يوم|أمس)\s|[.،؛:]")
_HEAD = "|".join(sorted(ORG_HEADS_AR, key=len, reverse=True))
_SPLIT = re.compile(rf"\s*(?:،\s*|\sو)(?=(?:{_HEAD})(?:\s|$))")
_PERSON = re.compile(
    rf"(?P<title>(?:{'|'.join(TITLES_AR)})[^،.]{{0,80}}?)\s*،\s*(?:السيد|السيدة)?\s*(?P<name>[\u0621-\u064a]+(?:\s[\u0621-\u064a]+){{1,2}})(?=\s*[،.]|$)"
)

# Prepositions and particles that open an aside after a title, never a name.
_NOT_NAMES = frozenset("في من على إلى الى عن أن ان مع خلال".split())


def _place(sentence: str) -> str | None:
    """The city where the signing took place (« بالدار البيضاء »), when the sentence names one."""
    found = [(sentence.find(city), city) for city in CITY_NAMES_AR if city in sentence]
    return min(found)[1] if found else None


def _kind(sentence: str):
    for key in _KINDS_AR:
        if key in sentence:
            return KINDS[key], key
    return None


def _parties(sentence: str) -> list[dict]:
    index = sentence.find("بين ")
    if index < 0:
        return []
    rest = sentence[index + 4 :]
    end = _LIST_END.search(rest)
    rest = rest[: end.start()] if end else rest
    names = [n.strip() for n in _SPLIT.split(rest) if n.strip()]
    return [{"name": n, "acronym": None, "actor": None} for n in names if len(n) > 2]


def extract(text, sentences, published, register) -> list[dict]:
    events = [s for s in sentences if _kind(s.text) and any(w in s.text for w in SIGNING_WORDS_AR)]
    if not events:
        return []
    event = next((s for s in events if "بين " in s.text), events[0])
    kind, written = _kind(event.text)
    signatories = _parties(event.text)
    for party in signatories:
        party["match"] = register.match_actor(party["name"], None)
        party["actor"] = party["match"]["actor"]
        party["evidence"] = event.evidence()
    people = []
    for sentence in sentences:
        for match in _PERSON.finditer(sentence.text):
            if match["name"].split()[0] in _NOT_NAMES:
                continue  # « الوزير، في كلمة بالمناسبة، »: an aside, not a name
            people.append(
                {
                    "person": match["name"],
                    "title": match["title"].strip(),
                    "organization": None,
                    "evidence": sentence.evidence(),
                    "match": register.match_person(match["name"]),
                }
            )
    found = dates.find(text, event.start, event.end, published)
    date = (
        {"value": found[0].value, "precision": found[0].precision, "as_written": found[0].as_written}
        if found
        else {"value": None, "precision": "unknown"}
    )
    amounts, targets = [], []
    for sentence in sentences:
        for quantity in quantities(text[sentence.start : sentence.end], "ar"):
            quantity.start += sentence.start
            quantity.end += sentence.start
            role = objectives.classify(quantity, sentence, text).role
            if role == "amount" and quantity.kind == "money":
                amounts.append({**as_amount(quantity), "evidence": sentence.evidence()})
            elif role == "target":
                targets.append(
                    {
                        "indicator": quantity.unit or "",
                        "target_value": quantity.value,
                        "unit": quantity.currency or quantity.unit,
                        "deadline": objectives.deadline(sentence.text),
                        "evidence": sentence.evidence(),
                    }
                )
    return [
        {
            "title": written,
            "kind": kind,
            "kind_as_written": written,
            "date_signed": date,
            "place": _place(event.text),
            "event": None,
            "signatories": signatories,
            "representatives": people,
            "amounts": amounts,
            "objectives": targets,
            "follow_up_actions": [],
            "linked_plans": [],
            "sectors": [],
            "regions": [],
            "evidence": [event.evidence()],
        }
    ]
