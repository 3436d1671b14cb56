"""From the events of an article to draft conventions in SCHEMA.md's shape.

Several conventions in one article give several drafts: an event with
parties opens a new draft when it is marked as another one (« une seconde
convention », « une autre », « également ») or when its parties are not
those of a draft already open; otherwise it tells more about that draft
(« Le CAM et l'AMICA ont convenu … dans le cadre d'une convention de
partenariat »). Each draft owns the sentences from its first event to the
next draft's: its people, figures and actions are read there (the whole
article for a single signed convention)."""

from dataclasses import dataclass, field

from core.text import normalize

from . import orgs
from .lexicon import ORG_HEADS

_STOP = frozenset("de du des la le les l d et pour en a au aux of the and".split())
# Common nouns written before a company's own name, not part of it.
_COMPANY_WORDS = frozenset("groupe laboratoire societe holding compagnie cabinet firme group company".split())
_KIND_LABEL = {
    "convention de partenariat": "Convention de partenariat",
    "protocole d'accord": "Protocole d'accord",
    "contrat-programme": "Contrat-programme",
    "accord": "Accord",
}


@dataclass
class Draft:
    events: list = field(default_factory=list)
    parties: list = field(default_factory=list)  # orgs.Org
    ordinal: int | None = None
    first: int = 0  # sentence index where its part of the article starts
    last: int = 10**9
    strong: bool = True


def words(text: str) -> set[str]:
    return {w for w in normalize(text).split() if w not in _STOP and len(w) > 1}


def same_org(a: orgs.Org, b: orgs.Org) -> bool:
    """Two mentions of one organisation: a shared acronym, an acronym and its
    expansion, or names sharing most of their words."""
    acr_a, acr_b = normalize(a.acronym or ""), normalize(b.acronym or "")
    if acr_a and acr_b:
        return acr_a == acr_b
    if acr_a and (acr_a == normalize(b.name) or orgs.acronym_of(b.name).lower() == acr_a):
        return True
    if acr_b and (acr_b == normalize(a.name) or orgs.acronym_of(a.name).lower() == acr_b):
        return True
    wa, wb = words(a.name), words(b.name)
    if not wa or not wb:
        return False
    overlap = len(wa & wb) / min(len(wa), len(wb))
    return overlap >= 0.75 and (a.head == b.head or not a.head or not b.head or overlap == 1)


class Assembler:
    def __init__(self, *, doc, text, sentences, published, register, people):
        self.doc, self.text, self.sentences = doc, text, sentences
        self.published, self.register, self.people = published, register, people
        self.mentions = orgs.mentions(doc) if doc.has_annotation("TAG") or True else []
        self.expansions = {m.acronym: m.name for m in self.mentions if m.acronym and m.name != m.acronym}

    # --- organisations --------------------------------------------------------------------------------------------

    def resolve(self, org: orgs.Org) -> orgs.Org:
        """An acronym alone gets its expansion; « le ministère » the last named
        ministry; « groupe X » is X; an unexpanded name its acronym when the
        article uses the acronym of its initials (« Crédit Agricole du Maroc », « CAM »)."""
        name = org.name
        if org.head == "acronym":
            name = self.expansions.get(org.acronym, org.acronym)
        elif org.head in ORG_HEADS and len(name.split()) == 1:
            previous = [
                m for m in self.mentions if m.head == org.head and m.start < org.start and len(m.name.split()) > 1
            ]
            if previous:
                return previous[-1]
        first_word = name.split()[0] if name.split() else ""
        if (
            len(name.split()) > 1
            and name.split()[1][:1].isupper()
            and (
                normalize(first_word) == "groupe" or (first_word.islower() and normalize(first_word) in _COMPANY_WORDS)
            )
        ):
            name = name.split(" ", 1)[1]  # « le groupe OCP », « le laboratoire Sanofi Maroc »: the company's name
        acronym = org.acronym
        if acronym is None:
            initials = orgs.acronym_of(name)
            if len(initials) >= 2 and any(m.acronym == initials for m in self.mentions):
                acronym = initials
        return orgs.Org(name, acronym, org.start, org.end, org.head, org.first, org.last, org.written or org.name)

    def main_actor(self, exclude) -> orgs.Org | None:
        """The organisation the article names most often (the subject of « un
        partenariat avec le ministère »)."""
        resolved = [self.resolve(m) for m in self.mentions if m.head != ""]
        counts = []
        for mention in resolved:
            if any(same_org(mention, e) for e in exclude):
                continue
            for entry in counts:
                if same_org(entry[0], mention):
                    entry[1] += 1
                    break
            else:
                counts.append([mention, 1])
        best = max(counts, key=lambda e: e[1], default=None)
        return best[0] if best and best[1] >= 2 else None

    def fallback_parties(self, event) -> list:
        for sentence in self.sentences:
            if "entre" in sentence.norm.split() or "between" in sentence.norm.split():
                from .parties import party_list

                index = next(t.i for t in sentence.span if normalize(t.text) in ("entre", "between"))
                found = party_list(self.doc, index + 1, sentence.span.end)
                if len(found) >= 2:
                    return found
        span = event.sentence.span
        return orgs.mentions(self.doc, span.start, span.end)

    def party_orgs(self, event) -> list:
        parties = list(event.parties)
        if event.people_zone:
            zone = self.doc[event.people_zone[0] : event.people_zone[1]]
            signers = [p for p in self.people if zone.start_char <= p.start < zone.end_char and p.organization]
            if signers:  # « paraphé par X, ministre de …, et Y, directeur général de la CDG »
                parties = [
                    p.org
                    or orgs.Org(
                        p.organization, None, p.start, p.end, normalize(p.organization).split()[0], 0, 0, p.organization
                    )
                    for p in signers
                ]
        return [self.resolve(p) for p in parties]

    # --- drafts ---------------------------------------------------------------------------------------------------

    def drafts(self, events) -> list[Draft]:
        drafts: list[Draft] = []
        counted = next((e for e in events if e.count), None)
        for event in events:
            parties = self.party_orgs(event)
            if parties:
                target = None
                if event.ordinal == 1 and drafts and drafts[0].ordinal is None:
                    target = drafts[0]
                elif event.ordinal in (None, 1):
                    target = next(
                        (d for d in drafts if all(any(same_org(p, q) for q in d.parties) for p in parties)), None
                    )
                    if target is None and event.ordinal is None and event.definite and drafts:
                        # « La convention a été signée par le président du Conseil régional … »:
                        # the one just told, its parties named again in other words
                        target = drafts[-1]
                        if len(target.parties) >= 2:
                            parties = []
                if event.how == "avec" and not any(same_org(p, q) for p in parties for d in drafts for q in d.parties):
                    main = self.main_actor(parties)
                    if main is not None:
                        parties = [main, *parties]
                if target is None:
                    target = Draft(ordinal=event.ordinal, first=event.sentence.index)
                    drafts.append(target)
                for party in parties:
                    if not any(same_org(party, q) for q in target.parties):
                        target.parties.append(party)
                target.events.append(event)
            elif event.ordinal and event.ordinal <= len(drafts):
                drafts[event.ordinal - 1].events.append(event)
            elif event.ordinal and event.ordinal > 1 and counted and counted.parties:
                draft = Draft(ordinal=event.ordinal, first=event.sentence.index, events=[event])
                draft.parties = [self.resolve(p) for p in counted.parties]
                drafts.append(draft)
            elif drafts and not event.count:
                drafts[-1].events.append(event)
        if not drafts:
            signed = [e for e in events if e.signed and not e.count] or [e for e in events if not e.count] or events
            event = signed[0]
            draft = Draft(events=[event], first=event.sentence.index, strong=event.signed)
            draft.parties = []
            for party in [self.resolve(p) for p in self.fallback_parties(event)]:
                if not any(same_org(party, q) for q in draft.parties):
                    draft.parties.append(party)
            drafts.append(draft)
        if counted and counted.parties and len(drafts) < min(counted.count, 5):
            while len(drafts) < min(counted.count, 5):
                drafts.append(Draft(events=[counted], parties=list(drafts[0].parties), first=drafts[0].first))
        ordered = sorted(drafts, key=lambda d: d.first)
        for draft, following in zip(ordered, ordered[1:], strict=False):
            draft.last = following.first - 1 if following.first > draft.first else draft.last
        if len(ordered) == 1:
            ordered[0].first = 0
        for draft in ordered:
            if not draft.strong:
                paragraph = draft.events[0].sentence.paragraph
                draft.region = [s for s in self.sentences if s.paragraph == paragraph]
            else:
                draft.region = [s for s in self.sentences if draft.first <= s.index <= draft.last]
        shared = [e for e in events if e.count or (e.signed and not e.parties)]
        for draft in drafts:
            draft.context = shared
        return drafts
