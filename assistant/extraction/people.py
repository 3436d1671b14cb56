"""People named with their titles: « le président de l'AMICA, Hakim
Abdelmoumen », « Mohamed Fikrat, président du directoire du CAM », « M. Itri »,
« paraphée par X, ministre de … ».

A name is a run of two to four capitalised words (spaCy's PER entities, or
a run next to a title or a civility); a title starts with a word of the
lexicon and runs through its complements, the organisation it names being
read by orgs.py (« de l'AMICA ») or, for a minister, built from the title
(« ministre de l'Industrie » -> « ministère de l'Industrie »)."""

import re
from dataclasses import dataclass

from core.text import normalize

from . import orgs
from .lexicon import ANAPHORIC_HEADS, CIVILITIES, ORG_HEADS, TITLES

_PARTICLES = frozenset("el al ben bin ait ou de".split())
_STOP_TITLE = frozenset("a ont est sont qui que lors selon pour".split())


@dataclass
class Person:
    name: str
    title: str | None
    organization: str | None  # as written in the title, or rebuilt from it
    org: object | None  # the orgs.Org the title names, when it names one
    start: int  # the name's offsets
    end: int
    sentence: int = -1
    anaphora: str | None = None  # « l'association »: a head to resolve to a named organisation

    @property
    def surname(self) -> str:
        return normalize(self.name).split()[-1]


def is_title(token) -> bool:
    """A word that opens a title, hyphenated compounds included (« vice-président »,
    « directeur-général », « président-directeur »)."""
    n = orgs.norm(token)
    return n in TITLES or (" " in n and n.split()[0] in TITLES)


def _name_word(token) -> bool:
    text = token.text
    return (
        len(text) > 1
        and text[0].isupper()
        and text[0].isalpha()
        and not orgs.is_acronym(token)
        and not is_title(token)
        and normalize(text) not in CIVILITIES
        and normalize(text) not in ORG_HEADS
        and token.pos_ not in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ")
        and orgs.norm(token) not in orgs._MONTHS_DAYS
    )


def _name_at(doc, i, end):
    """The end of a personal name starting at token i (2-4 words), or None."""
    j, words = i, 0
    while j < end and words < 5:
        if _name_word(doc[j]):
            words += 1
            j += 1
        elif normalize(doc[j].text) in _PARTICLES and j + 1 < end and _name_word(doc[j + 1]) and words:
            j += 1
        else:
            break
    if words < 2 or "\n" in doc[i:j].text:
        return None
    return j


def _title_forward(doc, i, end):
    """A title starting at token i (« président du directoire du CAM »): its end, or None."""
    while i < end and orgs.norm(doc[i]) in ("le", "la", "l", "les", "the", "son", "sa"):
        i += 1
    if i >= end or not is_title(doc[i]):
        return None, None
    j = i + 1
    while j < end:
        token = doc[j]
        n = orgs.norm(token)
        if token.text in (".", ";", ")", "(", "«", "»", ":") or token.is_space or "\n" in doc[j - 1].whitespace_:
            break
        if token.text == ",":
            if j + 1 < end and orgs.norm(doc[j + 1]) in ("de", "du", "des", "d"):
                j += 1
                continue
            break
        if n in ("et", "and") and j + 1 < end and (_name_at(doc, j + 1, end) or orgs.norm(doc[j + 1]) in CIVILITIES):
            break
        if token.pos_ in ("VERB", "AUX", "PRON", "SCONJ") and not (
            token.pos_ == "VERB" and n in ("charge", "chargee", "delegue", "deleguee")
        ):
            break
        if n in _STOP_TITLE:
            break
        if (
            _name_at(doc, j, end)
            and not orgs.is_head(token)
            and token.ent_type_ == "PER"
            and orgs.norm(doc[j - 1]) not in ("de", "du", "chez", "of", "at")  # « … de Kanto Chemicals »: a firm
        ):
            break
        j += 1
    return i, j


def _title_backward(doc, comma, start):
    """The title just before « , Name »: (first, end) of it, or (None, None)."""
    for k in range(comma - 1, max(start, comma - 30) - 1, -1):
        token = doc[k]
        if token.text in (".", ";", ")", "«", "»", ":") or token.pos_ in ("AUX", "PRON"):
            return None, None
        if token.pos_ == "VERB" and orgs.norm(token) not in ("charge", "chargee", "delegue", "deleguee"):
            return None, None
        if is_title(token):
            before = doc[k - 1] if k > start else None
            if (
                before is None
                or before.pos_ == "DET"
                or before.text in (",", "(")
                or orgs.norm(before) in ("le", "la", "l", "par", "du", "de")
            ):
                first, end = _title_forward(doc, k, comma)
                if first is not None and end == comma:
                    return first, end
    return None, None


def _organization(doc, first, end, title_tokens):
    """What a title names: an orgs.Org, the head of an anaphora, a ministry."""
    words = title_tokens.text.split(None, 1)
    if orgs.norm(doc[first]) in ("ministre", "minister") and len(words) > 1:
        rest = re.sub(
            r"^(?:délégué[e]?\s+)?(?:auprès\s+du\s+chef\s+du\s+gouvernement\s*,?\s*)?(?:chargé[e]?\s+)?", "", words[1]
        )
        if rest.lower().startswith(("de ", "du ", "des ", "d'")):
            return None, "ministère " + rest, None
    found = orgs.mentions(doc, first + 1, end)
    if found:
        return found[-1], found[-1].name, None
    for k in range(first + 1, end - 1):
        # « vice-président exécutif de Kanto Chemicals »: after a title, a capitalised run
        # introduced by « de » or « chez » is the organisation, whatever the model's entity
        if orgs.norm(doc[k]) in ("de", "du", "chez", "of", "at") and orgs.is_capital(doc[k + 1]):
            named = orgs.proper_name_at(doc, k + 1, end)
            if named is not None:
                return named, named.name, None
    for token in doc[first + 1 : end]:
        n = orgs.norm(token)
        if n in ANAPHORIC_HEADS:
            return None, doc[token.i - 1 : token.i + 1].text if token.i > first + 1 else token.text, n
    return None, None, None


# « présidée par X »: the title the verb gives the person.
_LEADER_TITLES = {"presidee": "présidente", "preside": "président", "dirigee": "directrice", "dirige": "directeur"}
_LEADING_LEMMAS = frozenset("représenter présider diriger conduire".split())


def org_verb_index(doc, first, name_start) -> int:
    """The token of the verb before « par » in « présidée par [son président,] X »."""
    k = (first if first is not None else name_start) - 1
    while k > 0 and orgs.norm(doc[k]) in ("son", "sa", "ses", "leur", "par"):
        k -= 1
    return k


def _led_by(doc, k, start):
    """« La CGEM, représentée par son président, X », « la FMIIP, qui … , est
    présidée par X »: the organisation that the person represents or leads,
    read before the verb: (org, name) or None."""
    verb = org_verb_index(doc, None, k)
    if verb <= start or orgs.norm(doc[verb + 1]) not in ("par", "son", "sa") or doc[verb].lemma_ not in _LEADING_LEMMAS:
        return None
    before = orgs.mentions(doc, start, verb)
    if not before:
        return None
    # the organisation the clause hangs on: the one just before the comma, else the sentence's subject
    led = before[-1] if doc[verb - 1].text == "," and before[-1].last == verb - 1 else before[0]
    return led, led.name


def find(doc, sentence_spans) -> list[Person]:
    """Every named person with a title or a civility, in order; each once."""
    found: list[Person] = []
    for index, span in sentence_spans:
        start, end = span.start, span.end
        i = start
        while i < end:
            token = doc[i]
            civility = orgs.norm(token) in CIVILITIES and (token.text[0].isupper() or orgs.norm(token) == "m")
            name_start = i + 1 + (1 if civility and i + 1 < end and doc[i + 1].text == "." else 0) if civility else i
            name_end = _name_at(doc, name_start, end) if (civility or _name_word(token)) else None
            if name_end is None and civility and name_start < end and _name_word(doc[name_start]):
                name_end = name_start + 1  # « M. Itri »
            if name_end is None:
                i += 1
                continue
            name = doc[name_start:name_end]
            if orgs.is_head(doc[name_start]) or any(orgs.is_head(t) for t in name):
                i = name_end
                continue
            title = first = title_end = None
            comma = i - 1 if civility else name_start - 1
            if comma > start and doc[comma].text == ",":
                first, title_end = _title_backward(doc, comma, start)
            if first is None and name_end < end and doc[name_end].text == ",":
                first, title_end = _title_forward(doc, name_end + 1, end)
            if first is None and name_start - 1 >= start and orgs.norm(doc[name_start - 1]) in TITLES:
                first, title_end = _title_backward(doc, name_start, start)  # « le ministre Ryad Mezzour »
                if first is None:
                    first, title_end = name_start - 1, name_start
            is_person = (
                civility or first is not None or name.root.ent_type_ == "PER" or any(t.ent_type_ == "PER" for t in name)
            )
            if not is_person or (first is None and not civility and len(name) < 2):
                i = name_end
                continue
            org = organization = anaphora = None
            if first is not None:
                title = doc[first:title_end].text.strip(" ,")
                org, organization, anaphora = _organization(doc, first, title_end, doc[first:title_end])
            if org is None and organization is None and anaphora is None:
                led = _led_by(doc, first if first is not None else name_start, start)
                if led is not None:
                    org, organization = led
                    title = title or _LEADER_TITLES.get(orgs.norm(doc[org_verb_index(doc, first, name_start)]))
            found.append(Person(name.text, title, organization, org, name.start_char, name.end_char, index, anaphora))
            i = max(name_end, title_end or 0)
    return _merged(found)


def _merged(found: list[Person]) -> list[Person]:
    """One entry per person: « M. Itri » and « Itri » are « Tarek Itri »; the
    first title given is kept, a later one fills a missing one."""
    people: list[Person] = []
    for person in found:
        same = next(
            (
                p
                for p in people
                if p.surname == person.surname
                and (
                    len(person.name.split()) == 1
                    or len(p.name.split()) == 1
                    or normalize(p.name)[0] == normalize(person.name)[0]
                )
            ),
            None,
        )
        if same is None:
            people.append(person)
            continue
        if len(person.name.split()) > len(same.name.split()):
            same.name, same.start, same.end = person.name, person.start, person.end
        if same.title is None and person.title:
            same.title, same.organization, same.org, same.anaphora = (
                person.title,
                person.organization,
                person.org,
                person.anaphora,
            )
    return [p for p in people if len(p.name.split()) >= 2]
