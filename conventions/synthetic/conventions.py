"""The conventions of the synthetic register, one `Bundle` at a time: parties
and commitments, objectives, follow-up actions, sources, titles and
summaries, and the search text the service layer would have written."""

import bisect
import datetime
from collections import deque
from collections.abc import Iterator
from decimal import Decimal

from django.utils.text import slugify

from conventions import search
from conventions.models import Commitment, Convention, ConventionRelation, FollowUpAction, Party, Source
from core.dates import truncate
from plans.models import Plan, PlanComponent

from .common import (
    DAY,
    FIRST_YEAR,
    MAIN_MINISTRY_SHARE,
    MONTH,
    PS,
    REFERENCE_DATE,
    ST,
    UNKNOWN,
    _cumulate,
    _mandate_on,
    _of_region,
    _random_date,
    _the_region,
    add_days,
    add_years,
    article_for,
    capitalize,
    french_date,
    grouped,
    mad_words,
    nice_amount,
    of_place,
    pick_precision,
    to_a,
    to_de,
)
from .rows import Bundle, _Rows, _View, make
from .wording import (
    ACTIONS,
    COMMITMENT_FAMILY,
    COMMITMENTS,
    EVENTS,
    KINDS,
    MEASURES,
    OUTLET_WEIGHTS,
    OUTLETS,
    PURPOSES,
    RESPONSIBLE_NOTES,
    ROLE_WEIGHTS,
    ROLES,
    UNKNOWN_DATE_NOTES,
)


class ConventionRows:
    """The part of `SyntheticRegister` that yields the conventions."""

    # Conventions -----------------------------------------------------------------------------------

    def conventions(self) -> Iterator[Bundle]:
        self.kind_cum = _cumulate([kind[-1] for kind in KINDS])
        self.outlet_cum = _cumulate(OUTLET_WEIGHTS)
        year_weights = [1 + 0.12 * (year - FIRST_YEAR) for year in range(FIRST_YEAR, REFERENCE_DATE.year + 1)]
        self.year_cum = _cumulate(year_weights)
        self.recent_sources: deque = deque(maxlen=40)
        self.recent_conventions: deque = deque(maxlen=200)
        self.source_serial = 0
        for _ in range(self.count):
            yield self._convention()

    def _pick(self, cum) -> int:
        return bisect.bisect_right(cum, self.rng.random() * cum[-1])

    def _parties(self, count: int) -> list[int]:
        rng = self.rng
        chosen: list[int] = []
        if rng.random() < MAIN_MINISTRY_SHARE:
            chosen.append(0)
        while len(chosen) < count:
            index = self._draw_actor()
            if index not in chosen:
                chosen.append(index)
        if chosen[0] == 0 and rng.random() < 0.35:
            chosen.insert(rng.randrange(1, len(chosen)), chosen.pop(0))
        return chosen

    def _convention(self) -> Bundle:
        rng = self.rng
        kind, label, noun, pronoun, agreement, kind_en, kind_ar, _weight = KINDS[self._pick(self.kind_cum)]
        parties_count = rng.choices([2, 3, 4, 5, 6], weights=[35, 30, 18, 10, 7])[0]
        party_indexes = self._parties(parties_count)
        infos = [self.infos[i] for i in party_indexes]
        sector = self.sectors[self._pick(self.sector_cum)]
        sectors = [sector]
        if rng.random() < 0.3:
            other = self.sectors[self._pick(self.sector_cum)]
            if other is not sector:
                sectors.append(other)
        of, ecosystems, products, trades, sector_en, sector_ar = self.sector_vocabulary[sector.slug]
        city, region = self._city()

        # Dates and states.
        year = FIRST_YEAR + self._pick(self.year_cum)
        base = _random_date(rng, datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), REFERENCE_DATE))
        state = rng.choices([PS.PUBLISHED, PS.DRAFT, PS.REVIEW, PS.ARCHIVED], weights=[85, 10, 3, 2])[0]
        preparing = (state in (PS.DRAFT, PS.REVIEW) and rng.random() < 0.4) or rng.random() < 0.01
        precision = UNKNOWN if preparing else pick_precision(rng, 80, 9, 6, 5)
        signed_on = truncate(base, precision)
        note = ""
        if preparing:
            note = "convention en préparation, pas encore signée"
        elif precision == UNKNOWN:
            note = rng.choice(UNKNOWN_DATE_NOTES)
        elif precision == MONTH and rng.random() < 0.3:
            note = "« le mois dernier », selon l'article"
        start_on = end_on = None
        if signed_on and rng.random() < 0.6:
            start_on = base
            end_on = add_years(base, rng.randint(2, 6))
        if preparing:
            status = ST.IN_PREPARATION
        elif end_on and end_on < REFERENCE_DATE:
            status = rng.choices([ST.COMPLETED, ST.EXPIRED, ST.TERMINATED], weights=[60, 35, 5])[0]
        elif base < add_days(REFERENCE_DATE, -90):
            status = rng.choices([ST.IN_EXECUTION, ST.SIGNED, ST.TERMINATED], weights=[75, 21, 4])[0]
        else:
            status = ST.SIGNED
        published_at = None
        if state in (PS.PUBLISHED, PS.ARCHIVED):
            published = min(add_days(base, rng.randint(1, 60)), REFERENCE_DATE)
            published_at = datetime.datetime.combine(
                published, datetime.time(rng.randint(7, 19), rng.randint(0, 59)), tzinfo=datetime.UTC
            )

        # Place, event, scope, regions.
        event = event_phrase = ""
        if rng.random() < 0.25:
            event_article, event_name, event_city = rng.choice(EVENTS)
            event = event_name.format(n=rng.randint(2, 12))
            event_phrase = f"{event_article} {event}"
            if event_city:
                city, region = next((c, r) for c, r in self.cities if c == event_city)
        place = city if rng.random() < 0.8 else ""
        scope = rng.choices(
            [
                Convention.Scope.NATIONAL,
                Convention.Scope.REGIONAL,
                Convention.Scope.LOCAL,
                Convention.Scope.INTERNATIONAL,
            ],
            weights=[50, 32, 12, 6],
        )[0]
        regions = []
        if scope in (Convention.Scope.REGIONAL, Convention.Scope.LOCAL) and region is not None:
            regions.append(region)
            if rng.random() < 0.15:
                other = rng.choice(list(self.regions.values()))
                if other is not region:
                    regions.append(other)
        elif region is not None and rng.random() < 0.1:
            regions.append(region)

        # Words.
        purpose_fr, purpose_en, purpose_ar = rng.choice(PURPOSES)
        values = {
            "eco": rng.choice(ecosystems),
            "of": of,
            "product": rng.choice(products),
            "city": city,
            "of_city": of_place(city),
            "trades": trades,
            "n": grouped(rng.randint(4, 100) * 50),
            "of_region": _of_region(region),
            "in_region": "dans " + _the_region(region),
        }
        purpose = purpose_fr.format(**values)
        at_city = ""
        if "city}" not in purpose_fr and "region}" not in purpose_fr and rng.random() < 0.35:
            at_city = f" à {city}"
        feminine = agreement == "e"
        title = self._title(kind, label, feminine, purpose, at_city, infos)
        amount = None
        if rng.random() < 0.6:
            amount = nice_amount(rng, 10**6, 10**10)
        plans, components = self._plans_for(year, sector.slug)
        summary = self._summary(
            noun, pronoun, agreement, purpose, precision, base, place, event_phrase, infos, amount, plans
        )
        convention = make(
            Convention,
            title_fr=title[:400],
            slug=self.taken.claim("convention", title, max_length=140, fallback="convention"),
            kind=kind,
            status=status,
            summary_fr=summary,
            signed_on=signed_on,
            signed_on_precision=precision,
            signed_on_note=note,
            place=place,
            event=event,
            start_on=start_on,
            end_on=end_on,
            amount=Decimal(amount) if amount else None,
            scope=scope,
            publication_state=state,
            published_at=published_at,
            reference=f"CONV-{year}-{rng.randint(1, 999):03d}" if rng.random() < 0.2 else "",
        )
        _fr, city_ar, city_en, _code, _weight = self.city_info[city]
        if rng.random() < 0.3:
            convention.title_en = f"{kind_en} on {purpose_en} ({city_en})"
        if rng.random() < 0.3:
            convention.title_ar = f"{kind_ar} حول {purpose_ar} - {city_ar}"

        # Sources: mostly one or two new articles; sometimes an article that already reported another
        # signing (several conventions signed at one event).
        sources, new_sources = [], []
        if self.recent_sources and rng.random() < 0.1:
            sources.append(rng.choice(self.recent_sources))
        for _ in range((0 if sources else 1) + (1 if rng.random() < 0.3 else 0)):
            source = self._source(base, city, purpose, infos, label, feminine)
            new_sources.append(source)
            sources.append(source)
        self.recent_sources.extend(new_sources)

        # Parties and commitments.
        parties, commitments = [], []
        for position, info in enumerate(infos):
            weights = ROLE_WEIGHTS.get(info.kind, [50, 0, 0, 0, 50, 0])
            role = ROLES[0] if position == 0 else rng.choices(ROLES, weights=weights)[0]
            party = make(Party, convention=convention, actor=info.actor, role=role, position=position)
            if signed_on is not None:
                for former, start, until in info.names:
                    if start <= base <= until and rng.random() < 0.7:
                        party.name_as_written = former
                        break
                mandate = _mandate_on(info.mandates, base)
                if mandate is not None and rng.random() < 0.7:
                    party.representative = mandate[2]
                    party.representative_title = mandate[3]
                    party.representative_capacity = (
                        Party.RepresentativeCapacity.SIGNED
                        if rng.random() < 0.55
                        else Party.RepresentativeCapacity.SPOKE
                    )
            parties.append(party)
            family = COMMITMENT_FAMILY.get(info.kind, "company")
            for number in range(rng.choices([0, 1, 2], weights=[30, 45, 25])[0]):
                text = rng.choice(COMMITMENTS[family])
                commitment = make(Commitment, party=party, description_fr=capitalize(text) + ".", position=number)
                if family in ("finance", "donor", "state", "territory") and rng.random() < 0.5:
                    value = nice_amount(rng, 10**6, 2 * 10**9)
                    commitment.amount = Decimal(value)
                    commitment.description_fr = f"{capitalize(text)}, à hauteur de {mad_words(value)}."
                if sources and rng.random() < 0.4:
                    commitment.source = sources[0]
                commitments.append(commitment)

        # Objectives and their measurements.
        objectives, measurements = [], []
        for position in range(rng.choices([0, 1, 2, 3], weights=[30, 35, 22, 13])[0]):
            objective, series = self._objective(base, position, sources=sources, convention=convention)
            objectives.append(objective)
            measurements += series

        # Follow-up actions.
        actions = []
        for position in range(rng.choices([0, 1, 2, 3, 4], weights=[30, 30, 20, 12, 8])[0]):
            actions.append(self._action(convention, base, position, infos, sources))

        relations = []
        if kind == Convention.Kind.AMENDMENT:
            earlier = [c for c in self.recent_conventions if c.signed_on and signed_on and c.signed_on < signed_on]
            if earlier:
                relations.append(
                    make(
                        ConventionRelation,
                        from_convention=convention,
                        kind=ConventionRelation.Kind.AMENDS,
                        to_convention=rng.choice(earlier),
                    )
                )
        self.recent_conventions.append(convention)
        # In the order the prefetches of refresh_search_text() return them (the models' orderings), so the
        # text is the very one it would compute.
        plans = sorted(plans, key=_plan_order)
        components = sorted(components, key=lambda c: (*_plan_order(c.plan), c.position, c.name_fr))
        sectors = sorted(sectors, key=lambda sector: sector.name_fr)
        convention.search_text = search.document_for(
            _View(
                convention,
                parties=_Rows(
                    _View(party, actor=_View(party.actor, names=_Rows(info.name_rows)))
                    for party, info in zip(parties, infos, strict=True)
                ),
                plans=_Rows(plans),
                components=_Rows(components),
                sectors=_Rows(sectors),
                regions=_Rows(sorted(regions, key=lambda region: region.code)),
            )
        )

        return Bundle(
            convention=convention,
            parties=parties,
            commitments=commitments,
            objectives=objectives,
            measurements=measurements,
            actions=actions,
            new_sources=new_sources,
            sources=sources,
            sectors=sectors,
            regions=regions,
            plans=plans,
            components=components,
            relations=relations,
        )

    def _title(self, kind, label, feminine, purpose, at_city, infos) -> str:
        rng = self.rng
        names = [info.in_text() for info in infos]
        if len(names) == 2:
            between = f" entre {names[0]} et {names[1]}"
        elif len(names) == 3:
            between = f" entre {names[0]}, {names[1]} et {names[2]}"
        else:
            between = f" entre {names[0]}, {names[1]} et leurs partenaires"
        if kind == Convention.Kind.AMENDMENT:
            return f"Avenant n° {rng.randint(1, 4)} à la convention relative {to_a(purpose)}{at_city}"
        form = rng.random()
        if form < 0.45:
            return f"{label} pour {purpose}{at_city}{between}"
        if form < 0.7:
            return f"{label} {'relative' if feminine else 'relatif'} {to_a(purpose)}{at_city}"
        if form < 0.88:
            return f"{label} portant sur {purpose}{at_city}{between if rng.random() < 0.5 else ''}"
        pair = "–".join(info.label for info in infos[:2]) if all(len(i.label) < 20 for i in infos[:2]) else ""
        return f"{label} {pair} : {purpose}" if pair else f"{label} pour {purpose}{at_city}"

    def _summary(self, noun, pronoun, agreement, purpose, precision, base, place, event, infos, amount, plans) -> str:
        rng = self.rng
        first = f"{noun} a pour objet {purpose}."
        when = f" {french_date(base, precision)}" if precision != UNKNOWN else ""
        where = f" à {place}" if place else ""
        if event:
            where += f", en marge {event},"
        for short in (False, True):
            names = [info.in_text(short=short) for info in infos]
            if len(names) > 3:
                names = names[:2] + [f"{len(names) - 2} autres partenaires"]
            who = ", ".join(names[:-1]) + " et " + names[-1]
            if precision == UNKNOWN:
                second = f"{pronoun} associe {who}."
            else:
                second = f"{pronoun} a été signé{agreement}{when}{where} par {who}."
            if len(first) + len(second) < 420:
                break
        measures = [
            m.format(n=grouped(rng.randint(2, 60) * 50), h=rng.randint(5, 300)) for m in rng.sample(MEASURES, 3)
        ]
        optional = [
            f"{pronoun} prévoit {measures[0]}, {measures[1]} et {measures[2]}.",
            f"Le programme doit permettre la création de {grouped(rng.randint(2, 300) * 50)} emplois d'ici "
            f"{base.year + rng.randint(2, 6)}.",
            f"Un comité de pilotage se réunira {rng.choice(['deux fois par an', 'chaque trimestre', 'chaque année'])}"
            " pour suivre la mise en œuvre.",
        ]
        if amount:
            optional.append(f"Le budget global est estimé à {mad_words(amount)}.")
        if len(infos) >= 2:
            a, b = infos[0], infos[1]
            does_a = rng.choice(COMMITMENTS[COMMITMENT_FAMILY.get(a.kind, "company")])
            does_b = rng.choice(COMMITMENTS[COMMITMENT_FAMILY.get(b.kind, "company")])
            optional.append(f"{capitalize(a.in_text())} s'engage à {does_a} ; {b.in_text()} se charge {to_de(does_b)}.")
        if plans:
            plan, article = plans[0], self.plan_article[plans[0].slug]
            optional.append(
                f"{pronoun} s'inscrit dans le cadre {to_de(article_for(plan.name_fr, article) + plan.name_fr)}."
            )
        rng.shuffle(optional)
        text = f"{first} {second}"
        for sentence in optional:
            if len(text) + 1 + len(sentence) <= 600:
                text += " " + sentence
            if len(text) >= 200 and rng.random() < 0.35:
                break
        return text

    def _plans_for(self, year: int, sector_slug: str) -> tuple[list[Plan], list[PlanComponent]]:
        rng = self.rng
        how_many = rng.choices([0, 1, 2], weights=[35, 50, 15])[0]
        if not how_many:
            return [], []
        candidates = [
            index
            for index, (_plan, _article, start, end, slugs) in enumerate(self.plan_meta)
            if start - 1 <= year <= end + 1
        ]
        fitting = [index for index in candidates if sector_slug in self.plan_meta[index][4]]
        pool = fitting or candidates
        if not pool:
            return [], []
        chosen = rng.sample(pool, min(how_many, len(pool)))
        plans = [self.plans[index] for index in chosen]
        components = [rng.choice(self.components_of[index]) for index in chosen if rng.random() < 0.5]
        return plans, components

    def _source(self, base, city, purpose, infos, label, feminine) -> Source:
        rng = self.rng
        outlet, domain, kind = OUTLETS[self._pick(self.outlet_cum)]
        a, b = infos[0].in_text(), infos[1].in_text()
        forms = [
            f"{capitalize(a)} et {b} signent une convention pour {purpose}",
            f"{city} : {purpose} au cœur d'une convention"
            if city not in purpose
            else f"{capitalize(a)} et {b} s'engagent",
            f"Signature d'{'une' if feminine else 'un'} {label[0].lower() + label[1:]} pour {purpose}",
            f"{capitalize(purpose)} : {a} s'allie {to_a(b)}",
        ]
        title = capitalize(rng.choice(forms))[:400]
        self.source_serial += 1
        url = self.taken.claim_url(
            f"https://{domain}/{rng.choice(['economie', 'actualites', 'entreprises', 'regions'])}/"
            f"{slugify(title)[:90].strip('-')}-{100000 + self.source_serial}"
        )
        published_on, date_precision = None, UNKNOWN
        if rng.random() < 0.92:
            published_on = min(add_days(base, rng.randint(0, 3)), REFERENCE_DATE)
            date_precision = DAY
        return make(
            Source,
            kind=kind,
            title=title,
            outlet=outlet,
            url=url,
            published_on=published_on,
            published_on_precision=date_precision,
            quote=f"{capitalize(purpose)}." if rng.random() < 0.4 else "",
        )

    def _action(self, convention, base, position, infos, sources) -> FollowUpAction:
        rng = self.rng
        due = add_days(base, rng.randint(60, 1100))
        precision = pick_precision(rng, 40, 40, 15, 5)
        action = make(
            FollowUpAction,
            convention=convention,
            title_fr=rng.choice(ACTIONS),
            due_on=truncate(due, precision),
            due_on_precision=precision,
            position=position,
            source=sources[0] if sources and rng.random() < 0.3 else None,
        )
        if rng.random() < 0.85:
            action.responsible = rng.choice(infos).actor
        else:
            action.responsible_note = rng.choice(RESPONSIBLE_NOTES)
        if due < REFERENCE_DATE:
            action.state = rng.choices(
                [FollowUpAction.State.DONE, FollowUpAction.State.CANCELLED, FollowUpAction.State.IN_PROGRESS,
                 FollowUpAction.State.PLANNED],
                weights=[64, 8, 17, 11],
            )[0]  # fmt: skip
        else:
            action.state = rng.choices(
                [FollowUpAction.State.PLANNED, FollowUpAction.State.IN_PROGRESS, FollowUpAction.State.DONE],
                weights=[55, 35, 10],
            )[0]
        if action.state == FollowUpAction.State.DONE:
            action.completed_on = min(add_days(due, rng.randint(-60, 90)), REFERENCE_DATE)
        return action


def _plan_order(plan: Plan) -> tuple:
    return (-(plan.start_year or 0), plan.name_fr)
