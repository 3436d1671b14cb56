"""A draft written out in SCHEMA.md's shape, each proposal with its evidence
(the sentence it came from, with offsets into the text) and, for parties and
people, how it matched the register."""

from core.text import normalize

from . import actions, circumstances, dates, objectives
from .amounts import as_amount
from .conventions import _KIND_LABEL, Assembler, Draft, same_org, words


def _evidence_of(assembler: Assembler, start: int) -> dict | None:
    for sentence in assembler.sentences:
        if sentence.start <= start < sentence.end + 1:
            return sentence.evidence()
    return None


def signatories(assembler, draft) -> list[dict]:
    result = []
    for party in draft.parties:
        name = party.name[:1].upper() + party.name[1:]
        result.append(
            {
                "name": name,
                "acronym": party.acronym,
                "actor": None,
                "as_written": party.written or party.name,
                "span": [party.start, party.end],
                "evidence": _evidence_of(assembler, party.start),
                "match": assembler.register.match_actor(name, party.acronym),
            }
        )
        result[-1]["actor"] = result[-1]["match"]["actor"]
    return result


def _party_of(person, draft, assembler):
    """The party a person speaks for: the organisation of the title, an
    anaphora (« l'association ») resolved among the parties, a ministry."""
    if person.org is not None:
        resolved = assembler.resolve(person.org)
        return next((p for p in draft.parties if same_org(resolved, p)), None)
    if person.anaphora:
        return next(
            (p for p in draft.parties if p.head == person.anaphora or normalize(p.name).startswith(person.anaphora)),
            None,
        )
    if person.organization:
        wanted = words(person.organization)
        return next((p for p in draft.parties if wanted and len(wanted & words(p.name)) / len(wanted) >= 0.6), None)
    return None


def representatives(assembler, draft, signing_zone_people) -> list[dict]:
    region = {s.index for s in draft.region}
    result = []
    for person in assembler.people:
        party = _party_of(person, draft, assembler)
        if person.sentence not in region and len(assembler.all_drafts) > 1 and party is None:
            continue  # outside this convention's part of the article, only for a party of it
        if party is None and id(person) not in signing_zone_people:
            continue
        organization = (party.acronym or party.name) if party is not None else person.organization
        signatory_match = assembler.register.match_actor(party.name, party.acronym)["actor"] if party else None
        result.append(
            {
                "person": person.name,
                "title": person.title,
                "organization": organization,
                "span": [person.start, person.end],
                "evidence": _evidence_of(assembler, person.start),
                "match": assembler.register.match_person(person.name, signatory_match),
            }
        )
    return result


def signing_date(assembler, draft) -> dict:
    header = dates.header(assembler.text)
    skip_until = header[1][1] if header else 0
    if any(e.not_yet for e in draft.events) and not any(e.signed and not e.not_yet for e in draft.events):
        return {"value": None, "precision": "unknown", "evidence": None}
    relative_seen = False
    for group in ([e for e in draft.events if e.parties or e.signed], draft.events, draft.context):
        for event in group:
            sentence = event.sentence
            found = dates.find(assembler.text, max(sentence.start, skip_until), sentence.end, assembler.published)
            if found:
                best = found[0]
                return {
                    "value": best.value,
                    "precision": best.precision,
                    "as_written": best.as_written,
                    "evidence": sentence.evidence(),
                }
            relative_seen = relative_seen or any(
                w in sentence.norm.split()
                for w in ("hier", "mercredi", "lundi", "mardi", "jeudi", "vendredi", "samedi", "dimanche", "yesterday")
            )
    if relative_seen and assembler.published is None:
        year = dates.infer_year(assembler.sentences)
        if year:
            return {"value": year, "precision": "year", "as_written": None, "inferred": True, "evidence": None}
    return {"value": None, "precision": "unknown", "evidence": None}


def figures(assembler, draft) -> tuple[list, list, list]:
    """(amounts, objectives, context figures) of the draft's part of the article."""
    published_year = int(assembler.published[:4]) if assembler.published else None
    amounts, targets, context = [], [], []
    for sentence in draft.region:
        for quantity in assembler.quantities.get(sentence.index, []):
            figure = objectives.classify(quantity, sentence, assembler.text, published_year)
            evidence = sentence.evidence()
            if figure.role == "amount" and quantity.kind == "money":
                if not any(
                    abs(a["original_value"] - quantity.value) < 1 and a["currency"] == quantity.currency
                    for a in amounts
                ):
                    amounts.append(
                        {**as_amount(quantity), "span": [quantity.start, quantity.end], "evidence": evidence}
                    )
            elif figure.role == "target":
                if any(abs(o["target_value"] - quantity.value) <= 0.01 * max(quantity.value, 1) for o in targets):
                    continue
                unit = (
                    quantity.currency
                    if quantity.kind == "money"
                    else (quantity.unit if quantity.kind == "count" else "%")
                )
                targets.append(
                    {
                        "indicator": objectives.indicator(quantity, sentence, assembler.text),
                        "target_value": quantity.value,
                        "unit": unit,
                        "deadline": objectives.deadline(sentence.text),
                        "as_written": quantity.as_written,
                        "span": [quantity.start, quantity.end],
                        "evidence": evidence,
                    }
                )
            elif quantity.kind in ("money", "percent"):
                context.append(
                    {
                        "value": quantity.value,
                        "unit": quantity.currency or "%",
                        "as_written": quantity.as_written,
                        "span": [quantity.start, quantity.end],
                        "evidence": evidence,
                    }
                )
    for figure in context:
        same_unit = [i for i, o in enumerate(targets) if o["unit"] == figure["unit"]]
        figure["measures_objective"] = same_unit[0] if len(same_unit) == 1 else None
    return amounts, targets, context


def title(kind: str, parties: list, draft: Draft) -> str:
    label = _KIND_LABEL.get(kind, "Convention")
    names = [p.acronym or p.name for p in parties][:4]
    if not names:
        return label
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    return f"{label} entre {joined}"


def record(assembler, draft) -> dict:
    kinds = [e.kind for e in draft.events if e.kind]
    written = [e for e in draft.events if e.kind_written]
    specific = max(written, key=lambda e: len(e.kind_written.split()), default=None)
    kind = specific.kind if specific else (kinds[0] if kinds else "convention de partenariat")
    event_sentences = [e.sentence for e in draft.events] + [e.sentence for e in draft.context]
    place = circumstances.place(event_sentences, assembler.text)
    occasion = circumstances.occasion(event_sentences)
    zone_people = set()
    for event in draft.events:
        if event.people_zone:
            zone = assembler.doc[event.people_zone[0] : event.people_zone[1]]
            zone_people |= {id(p) for p in assembler.people if zone.start_char <= p.start < zone.end_char}
    amounts, targets, context = figures(assembler, draft)
    event_indexes = {s.index for s in event_sentences}
    region_norm = " ".join(s.norm for s in draft.region)
    plans = actions.plans(draft.region, event_indexes, assembler.register)
    context_sentences = {s.index for s in draft.region if any(c["evidence"]["start"] == s.start for c in context)}
    return {
        "title": title(kind, draft.parties, draft),
        "kind": kind,
        "kind_as_written": specific.kind_written if specific else None,
        "date_signed": signing_date(assembler, draft),
        "place": place[0] if place else None,
        "event": occasion[0] if occasion else None,
        "signatories": signatories(assembler, draft),
        "representatives": representatives(assembler, draft, zone_people),
        "amounts": amounts,
        "objectives": targets,
        "follow_up_actions": actions.actions(
            draft.region, assembler.doc, assembler.text, event_indexes | context_sentences
        ),
        "linked_plans": [p["name"] for p in plans],
        "sectors": circumstances.sectors(region_norm or normalize(assembler.text)),
        "regions": circumstances.regions(region_norm),
        # Beyond SCHEMA.md, for the review screen:
        "plans": plans,
        "context_figures": context,
        "evidence": [s.evidence() for s in event_sentences[:3]],
    }
