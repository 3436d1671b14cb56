"""Who signs: the sentences that report a signature and their lists of parties.

A sentence reports an agreement when it names a kind of agreement
(« convention », « protocole d'accord », « contrat-programme »…, not « en
partenariat avec ») and, to be a signing, a verb or noun of signing (by its
spaCy lemma: « signer », « parapher », « conclure », « sceller »…). Its
parties are read after « entre » (« signée entre X, Y et Z »), « liant »,
« conclue/signée/paraphée par » (people with their titles: their
organisations sign), « avec » (plus the subject), or before the verb (« X et
Y ont signé »). A list is cut into organisations where a comma or « et » is
followed by a new name (« , l'Agence … », « et l'Association … ») and not by a
complement (« , des Petites et Moyennes Entreprises, de l'Emploi … »)."""

from dataclasses import dataclass, field

from core.text import normalize

from . import orgs
from .lexicon import CITIES, KINDS, NOT_AGREEMENTS, NOT_YET_SIGNED, NUMBER_WORDS, ORDINALS, SIGNING_LEMMAS, TITLES
from .text import contains

_KIND_KEYS = sorted(KINDS, key=lambda k: -len(k.split()))
_LIST_GLUE = frozenset([",", "et", "ainsi", "que", "and", "as", "well"])
_DEFINITE = frozenset("la le l cette ce cet ladite ledit the this".split())
# Verbs after the agreement that list its parties: « la convention lie X et Y »,
# « la deuxième convention associe X, Y et Z ».
_BINDING = frozenset("liant lie reliant associe associant reunit reunissant binding".split())


@dataclass
class Event:
    """A sentence reporting an agreement."""

    sentence: object
    kind: str | None
    kind_written: str | None
    parties: list = field(default_factory=list)  # orgs.Org
    signed: bool = False
    how: str = ""  # which rule found the parties: entre, liant, par, avec, subject
    ordinal: int | None = None  # « la première convention » 1, « une seconde » 2, « une autre » 0
    count: int | None = None  # « deux conventions »
    not_yet: bool = False
    people_zone: tuple[int, int] | None = None  # tokens of a « paraphée par … » list of people
    definite: bool = False  # « la convention », « ce protocole »: one already introduced


def kind_in(tokens) -> tuple[str, str, int] | None:
    """The first kind of agreement named in tokens: (kind, as written, token index)."""
    words = [normalize(t.text) for t in tokens]
    for index in range(len(words)):
        window = " ".join(words[index : index + 4])
        for key in _KIND_KEYS:
            if f"{window} ".startswith(f"{key} "):
                if key.startswith("accord") and index and words[index - 1] == "d":
                    break  # « être d'accord »
                around = " ".join(words[max(0, index - 2) : index + 4])
                if any(contains(around, phrase) for phrase in NOT_AGREEMENTS):
                    break
                length = len(key.split())
                written = tokens[index : index + length]
                text = " ".join(t.text for t in written) if isinstance(written, list) else written.text
                return KINDS[key], text, index
    return None


def _signed(span) -> bool:
    return any(
        t.lemma_.lower() in SIGNING_LEMMAS or normalize(t.text).startswith(("sign", "parraph", "paraph")) for t in span
    )


def described(doc, k, end):
    """« le fabricant chinois de matériaux pour batteries Sinolith New Energy »,
    « l'industriel japonais Kanto Chemicals »: a company introduced by what it
    does, a lowercase description (no title of a person, no punctuation) then
    its proper name. The org of the proper name, or None."""
    i = k
    if i < end and normalize(doc[i].text) in ("le", "la", "l", "les", "un", "une"):
        i += 1
    if i >= end or not doc[i].text[:1].islower() or doc[i].pos_ != "NOUN" or normalize(doc[i].text) in TITLES:
        return None
    for j in range(i + 1, min(end, i + 9)):
        token = doc[j]
        if orgs.is_capital(token) and token.pos_ in ("PROPN", "NOUN", "X", ""):
            return orgs.org_at(doc, j, end, single=True) or orgs.proper_name_at(doc, j, end)
        # VERB: the small model tags some adjectives of nationality as verbs (« danois »); a
        # pronoun, an auxiliary, a conjunction or punctuation ends the description
        if not token.text[:1].islower() or token.pos_ not in ("NOUN", "ADJ", "ADP", "DET", "VERB"):
            return None
    return None


def party_list(doc, k, end) -> list:
    """The organisations listed from token k: « X, Y et Z »."""
    items = []
    while k < end:
        while k < end and (normalize(doc[k].text) in _LIST_GLUE or doc[k].text == ","):
            k += 1
        org = orgs.org_at(doc, k, end, single=bool(items)) or described(doc, k, end)
        if org is None:
            break
        items.append(org)
        k = org.last
        if not (k < end and (doc[k].text == "," or normalize(doc[k].text) in ("et", "and", "ainsi"))):
            break
        nxt = k + 1
        while nxt < end and normalize(doc[nxt].text) in _LIST_GLUE:
            nxt += 1
        if nxt >= end or not (
            orgs.is_capital(doc[nxt]) or doc[nxt].pos_ == "DET" or normalize(doc[nxt].text) in ("le", "la", "l", "les")
        ):
            break
    return items


def announced_list(doc, colon, end) -> list:
    """« Trois institutions sont parties à l'accord : la CGEM, représentée par
    …, X ; Attijariwafa bank, représentée par … ; et Tamwilcom, … »: after a
    colon, items cut at semicolons, each opening with its organisation (what
    follows it, who represents it, is left to the people's rules)."""
    items, k = [], colon + 1
    while k < end:
        while k < end and (doc[k].text == ";" or normalize(doc[k].text) in ("et", "and")):
            k += 1
        # an item opens with its party: even a name the model takes for a person's is one here
        org = orgs.org_at(doc, k, end, single=True) or described(doc, k, end) or orgs.proper_name_at(doc, k, end)
        if org is None:
            return []
        items.append(org)
        k = next((t.i for t in doc[org.last : end] if t.text == ";"), end)
    return items if len(items) >= 2 else []


def _index_of(span, words) -> int | None:
    for token in span:
        if normalize(token.text) in words:
            return token.i
    return None


def event_in(sentence) -> Event | None:
    """The agreement a sentence reports, with its parties, or None."""
    span = sentence.span
    doc = span.doc
    found = kind_in(span)
    signed = _signed(span)
    if found is None:
        return None
    kind, written, kind_index = found
    kind_token = span.start + kind_index
    event = Event(sentence, kind, written, signed=signed)
    norm_text = sentence.norm
    event.not_yet = any(contains(norm_text, phrase) for phrase in NOT_YET_SIGNED)
    before_kind = [normalize(t.text) for t in doc[max(span.start, kind_token - 3) : kind_token]]
    for word in before_kind:
        if word in ORDINALS:
            event.ordinal = ORDINALS[word]
        elif word in NUMBER_WORDS and NUMBER_WORDS[word] > 1:
            event.count = NUMBER_WORDS[word]
        elif word.isdigit() and 1 < int(word) < 20:
            event.count = int(word)
    if (
        contains(norm_text, "egalement")
        and event.ordinal is None
        and normalize(doc[kind_token - 1].text) in ("une", "un")
    ):
        event.ordinal = 0
    event.definite = kind_token > span.start and normalize(doc[kind_token - 1].text) in _DEFINITE
    end = span.end
    between = _index_of(span, ("entre", "between"))
    binding = _index_of(span, _BINDING)
    if between is not None:
        event.parties, event.how = party_list(doc, between + 1, end), "entre"
    if not event.parties and binding is not None:
        event.parties, event.how = party_list(doc, binding + 1, end), "liant"
    colon = next((t.i for t in span if t.text == ":" and t.i > kind_token), None)
    if not event.parties and colon is not None and any(t.text == ";" for t in doc[colon:end]):
        event.parties, event.how = announced_list(doc, colon, end), "colon"
    if not event.parties:
        by = next(
            (
                t.i
                for t in span
                if normalize(t.text) in ("par", "by")
                and t.i > span.start
                and (
                    doc[t.i - 1].lemma_.lower() in SIGNING_LEMMAS
                    or normalize(doc[t.i - 1].text).startswith(("sign", "paraph", "concl", "scell"))
                )
            ),
            None,
        )
        if by is not None:
            event.parties, event.how = party_list(doc, by + 1, end), "par"
            event.people_zone = (by + 1, end)
    if not event.parties:
        with_ = next(
            (
                t.i
                for t in span
                if normalize(t.text) in ("avec", "with")
                and t.i > kind_token - 6
                and normalize(doc[t.i - 1].text) not in ("en", "in")
            ),
            None,
        )
        if with_ is not None:
            event.parties, event.how = party_list(doc, with_ + 1, end), "avec"
            subject = orgs.mentions(doc, span.start, min(with_, kind_token))
            event.parties = subject[-2:] + event.parties if subject else event.parties
    if not event.parties and signed:
        verb = next(
            (
                t.i
                for t in span
                if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in SIGNING_LEMMAS or t.lemma_ == "avoir")
            ),
            None,
        )
        if verb is not None:
            # « X et Y ont signé une convention »; but in « Trois conventions portant sur … dans la
            # région de l'Oriental ont été signées » the agreement is the subject: what follows it
            # describes it and signs nothing
            stop = min(verb, kind_token) if kind_token < verb else verb
            event.parties, event.how = orgs.mentions(doc, span.start, stop), "subject"
    # A dateline or a place (« Meknès – Une convention … ») is no party.
    event.parties = [p for p in event.parties if normalize(p.name) not in CITIES]
    return event
