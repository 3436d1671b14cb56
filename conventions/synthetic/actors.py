"""The actors of the synthetic register (with acronyms, former names and a
long tail of participation), and the people and their mandates."""

import bisect
import datetime

from django.db import connection

from actors.models import Actor, ActorName, Mandate, Person
from core.dates import truncate

from .common import (
    DAY,
    FIRST_YEAR,
    REFERENCE_DATE,
    K,
    _cumulate,
    _of_region,
    _random_date,
    acronym_of,
    add_days,
    add_years,
    article_before_acronym,
    article_for,
    company_acronym,
    of_place,
    pick_precision,
)
from .names import (
    AGENCIES,
    AGENCY_PATTERNS,
    ASSOCIATION_PATTERNS,
    ASSOCIATIONS,
    BANK_PATTERNS,
    BANKS,
    COMPANY_FORMS,
    COMPANY_ROOTS,
    COMPANY_TRADES,
    COOPS,
    DEPARTMENTS,
    FAMILY_NAMES,
    FEDERATION_PATTERNS,
    FEDERATIONS,
    FIRST_NAMES,
    INTERNATIONALS,
    MEMBERS,
    MINISTRIES,
    REGIONAL_PATTERNS,
    TITLES,
)
from .places import CITIES, SECTORS
from .rows import ActorInfo, make


class ActorRows:
    """The part of `SyntheticRegister` that builds actors, their other names,
    people and mandates."""

    def _name(self, text: str) -> str | None:
        """`text` if no actor has that name yet."""
        key = text.lower()
        if key in self.actor_names_used:
            return None
        self.actor_names_used.add(key)
        return text

    def _build_actors(self, total: int) -> None:
        rng = self.rng
        self.actor_names_used: set[str] = set()
        self.infos: list[ActorInfo] = []
        self.actor_names: list[ActorName] = []

        def add(name, acronym, kind, article=None, parent=None, former=()):
            acronym = acronym if acronym is not None else ""
            actor = make(
                Actor,
                name_fr=name,
                acronym=acronym,
                kind=kind,
                parent=parent,
                slug=self.taken.claim("actor", acronym or name, max_length=120, fallback="acteur"),
            )
            if kind == K.COMPANY:
                art = ""
            elif acronym:
                art = article_before_acronym(name, acronym, article)
            else:
                art = article_for(name, article)
            # Titles name a company in full, an institution by its acronym.
            label = name if kind == K.COMPANY else acronym or name
            info = ActorInfo(actor=actor, article=art, label=label, long_article=article_for(name, article))
            if kind == K.COMPANY:
                info.long_article = ""
            for former_name, former_acronym, start, end, kind_of_name in former:
                self._former_name(info, former_name, former_acronym, start, end, kind_of_name)
            self.infos.append(info)
            return info

        share = {
            K.MINISTRY: 0.02,
            K.DEPARTMENT: 0.015,
            K.PUBLIC_AGENCY: 0.06,
            K.REGIONAL_BODY: 0.07,
            K.FEDERATION: 0.02,
            K.BANK: 0.015,
            K.INTERNATIONAL: 0.01,
            K.ASSOCIATION: 0.12,
        }
        wanted = {kind: max(1, round(part * total)) for kind, part in share.items()}
        wanted[K.MINISTRY] = max(3, wanted[K.MINISTRY])

        ministries = []
        for name, acronym, domain, formers in MINISTRIES[: wanted[K.MINISTRY]]:
            former = [(n, a, start, end, ActorName.Kind.FORMER) for n, a, start, end in formers]
            info = add(self._name(name), acronym, K.MINISTRY, former=former)
            ministries.append((domain, info))
        self.ministries = ministries
        self.ministry_by_domain = {}
        for domain, info in ministries:
            self.ministry_by_domain.setdefault(domain, info)
        for name, acronym, parent in DEPARTMENTS[: wanted[K.DEPARTMENT]]:
            if parent < len(ministries):
                add(self._name(name), acronym, K.DEPARTMENT, parent=ministries[parent][1].actor)

        def fixed_then_patterns(kind, fixed, patterns, count):
            made = 0
            for name, acronym, article, former in fixed:
                if made >= count:
                    return
                formers = [(former, acronym_of(former), None, None, ActorName.Kind.FORMER)] if former else []
                add(self._name(name), acronym, kind, article, former=formers)
                made += 1
            attempts = 0
            while made < count and attempts < count * 20 and patterns:
                attempts += 1
                pattern, acronym_prefix, article = rng.choice(patterns)
                name = self._fill(pattern)
                if self._name(name) is None:
                    continue
                acronym = ""
                if acronym_prefix and rng.random() < 0.8:
                    place = self._place_in(name)
                    acronym = f"{acronym_prefix} {place}"[:40] if place else acronym_of(name)
                add(name, acronym, kind, article)
                made += 1

        fixed_then_patterns(
            K.PUBLIC_AGENCY, AGENCIES, [(p, a, None) for p, a in AGENCY_PATTERNS], wanted[K.PUBLIC_AGENCY]
        )
        fixed_then_patterns(K.BANK, BANKS, [(p, "", None) for p in BANK_PATTERNS], wanted[K.BANK])
        fixed_then_patterns(
            K.INTERNATIONAL, [(n, a, art, None) for n, a, art in INTERNATIONALS], [], wanted[K.INTERNATIONAL]
        )
        fixed_then_patterns(
            K.FEDERATION,
            [(n, a, art, None) for n, a, art in FEDERATIONS],
            [(p, "F", None) for p in FEDERATION_PATTERNS],
            wanted[K.FEDERATION],
        )
        fixed_then_patterns(K.REGIONAL_BODY, [], REGIONAL_PATTERNS, wanted[K.REGIONAL_BODY])
        fixed_then_patterns(
            K.ASSOCIATION, ASSOCIATIONS, [(p, a, None) for p, a in ASSOCIATION_PATTERNS], wanted[K.ASSOCIATION]
        )
        while len(self.infos) < total:
            name = self._company_name()
            # Companies go by a syllable acronym (as SOMACA or COSUMAR do): ATLCAB for Atlas Câblage.
            acronym = company_acronym(name) if rng.random() < 0.75 else ""
            add(name, acronym, K.COMPANY)

        # Former names and variants for about 30 % of the actors in all.
        for info in self.infos[1:]:
            if info.names or rng.random() >= 0.28:
                continue
            for _ in range(1 if rng.random() < 0.75 else 2):
                self._invented_former_name(info)

        # Other names in ActorName's ordering (valid_from, name), where the database puts unknown dates.
        last = connection.features.nulls_order_largest
        for info in self.infos:
            info.name_rows.sort(
                key=lambda n: (
                    n.valid_from is None if last else n.valid_from is not None,
                    n.valid_from or datetime.date.min,
                    n.name,
                )
            )

        # Prominence: institutions lead the long tail, companies and associations fill it.
        base = {
            K.MINISTRY: 1.0,
            K.FEDERATION: 2.0,
            K.BANK: 2.0,
            K.PUBLIC_AGENCY: 3.0,
            K.INTERNATIONAL: 4.0,
            K.REGIONAL_BODY: 6.0,
            K.DEPARTMENT: 6.0,
            K.ASSOCIATION: 10.0,
            K.COMPANY: 14.0,
        }
        others = list(range(1, len(self.infos)))
        keys = {index: base[self.infos[index].kind] * rng.lognormvariate(0, 0.9) for index in others}
        others.sort(key=lambda index: (keys[index], index))
        self.ranked = others
        # Zipf-Mandelbrot weights: the second actor is party to a few percent of the conventions, the last
        # ones to one or two.
        self.rank_cum = _cumulate([1 / (rank + 8) ** 1.05 for rank in range(1, len(others) + 1)])
        self.main = self.infos[0]

    def _place_in(self, name: str) -> str:
        for region in self.regions.values():
            if region.name_fr in name:
                return region.name_fr
        for city, *_ in CITIES:
            if name.endswith(city):
                return city
        return ""

    def _fill(self, pattern: str) -> str:
        rng = self.rng
        city = rng.choice(CITIES)[0]
        region = rng.choice(list(self.regions.values())) if self.regions else None
        slug = rng.choice(SECTORS)[0]
        of_sector = self.sector_vocabulary[slug][0]
        return pattern.format(
            city=city,
            of_city=of_place(city),
            region=region.name_fr if region else "Casablanca-Settat",
            of_region=_of_region(region),
            of_sector=of_sector,
            members=rng.choice(MEMBERS),
            coop=rng.choice(COOPS),
        )

    def _company_name(self) -> str:
        rng = self.rng
        for attempt in range(50):
            root, trade = rng.choice(COMPANY_ROOTS), rng.choice(COMPANY_TRADES)
            form = rng.choice(COMPANY_FORMS)
            if rng.random() < 0.15:
                name = f"Groupe {root} {trade}"
            else:
                name = f"{root} {trade} {form}".strip()
            if attempt > 5:
                name = f"{root} {trade} {rng.choice(CITIES)[0]} {form}".strip()
            if attempt > 20:
                name = f"{root} {trade} {rng.choice(CITIES)[0]} {attempt}"
            if self._name(name):
                return name
        raise RuntimeError("no company name left")  # pragma: no cover

    def _former_name(self, info, name, acronym, start, end, kind) -> None:
        info.other_names.add(name.lower())
        actor_name = make(ActorName, actor=info.actor, name=name, acronym=acronym or "", kind=kind)
        if start is not None:
            actor_name.valid_from, actor_name.valid_from_precision = start, DAY
        if end is not None:
            actor_name.valid_until, actor_name.valid_until_precision = end, DAY
        self.actor_names.append(actor_name)
        info.name_rows.append(actor_name)
        info.names.append((name, start or datetime.date(FIRST_YEAR - 5, 1, 1), end or datetime.date(2015, 12, 31)))

    def _invented_former_name(self, info: ActorInfo) -> None:
        rng = self.rng
        name = info.actor.name_fr
        kind = info.kind
        if kind == K.COMPANY:
            words = name.split()
            candidates = [
                " ".join(words[:-1] + ["SARL"]) if words[-1] in COMPANY_FORMS else name + " SARL",
                f"{words[0]} {rng.choice(COMPANY_TRADES)}",
                f"Société {words[0]} {words[1] if len(words) > 1 else ''}".strip(),
            ]
        elif kind in (K.ASSOCIATION, K.FEDERATION):
            candidates = [
                name.replace("marocaine", "nationale") if "marocaine" in name else name + " du Maroc",
                name.replace("Association", "Groupement", 1).replace("Fédération", "Union", 1),
            ]
        elif kind == K.REGIONAL_BODY:
            candidates = [
                name.replace("Conseil de la région", "Conseil régional de", 1),
                name.replace("Commune de", "Commune urbaine de", 1),
                name.replace("Conseil provincial", "Assemblée provinciale", 1),
                name.replace(
                    "Chambre de commerce, d'industrie et de services", "Chambre de commerce et d'industrie", 1
                ),
            ]
        elif kind in (K.MINISTRY, K.DEPARTMENT):
            head, _comma, _rest = name.partition(", ")
            candidates = [
                head + " et de l'Investissement" if head == name else head,
                name.replace("générale ", "", 1),
                name.replace("Direction", "Division", 1),
            ]
        elif kind == K.PUBLIC_AGENCY:
            candidates = [
                name.replace("Agence nationale", "Office national", 1).replace(
                    "Agence marocaine", "Office marocain", 1
                ),
                name.replace("Institut", "Centre", 1),
                name.replace("Office", "Agence", 1),
            ]
        else:  # banks and international organisations keep their names
            candidates = []
        options = [c for c in candidates if c.lower() not in info.other_names and c.lower() != name.lower()]
        options = list(dict.fromkeys(options))
        if not options:
            return
        former = rng.choice(options)
        info.other_names.add(former.lower())
        if rng.random() < 0.7:
            until = _random_date(rng, datetime.date(2012, 1, 1), datetime.date(2024, 12, 31))
            start = add_years(until, -rng.randint(3, 15))
            until_precision = pick_precision(rng, 5, 3, 2)
            start_precision = pick_precision(rng, 2, 2, 6)
            start, until = truncate(start, start_precision), truncate(until, until_precision)
            actor_name = make(
                ActorName,
                actor=info.actor,
                name=former,
                acronym=acronym_of(former) if info.actor.acronym else "",
                kind=ActorName.Kind.FORMER,
                valid_from=start,
                valid_from_precision=start_precision,
                valid_until=until,
                valid_until_precision=until_precision,
                note="ancienne dénomination relevée dans la presse",
            )
            info.names.append((former, start, until))
        else:
            attested = _random_date(rng, datetime.date(FIRST_YEAR, 1, 1), REFERENCE_DATE)
            actor_name = make(
                ActorName,
                actor=info.actor,
                name=former,
                kind=rng.choice([ActorName.Kind.VARIANT, ActorName.Kind.INFORMAL]),
                attested_on=attested,
                attested_on_precision=DAY,
                note="variante employée par un article",
            )
        self.actor_names.append(actor_name)
        info.name_rows.append(actor_name)

    def _draw_actor(self) -> int:
        return self.ranked[bisect.bisect_right(self.rank_cum, self.rng.random() * self.rank_cum[-1])]

    def _build_people(self, total: int) -> None:
        rng = self.rng
        self.persons: list[Person] = []
        self.mandates: list[Mandate] = []
        for _ in range(total):
            first, family = rng.choice(FIRST_NAMES), rng.choice(FAMILY_NAMES)
            family = family.replace("-", " ") if rng.random() < 0.5 and family.startswith("El-") else family
            name = f"{first} {family}"
            person = make(
                Person,
                name=name,
                family_name=family,
                slug=self.taken.claim("person", name, max_length=120, fallback="personne"),
            )
            self.persons.append(person)
            start = _random_date(rng, datetime.date(2004, 1, 1), datetime.date(2025, 6, 30))
            count = 1 if rng.random() < 0.7 else 2
            for number in range(count):
                # Half the mandates go to the prominent actors, half anywhere.
                index = self._draw_actor() if rng.random() < 0.5 else rng.randrange(len(self.infos))
                if rng.random() < 0.03:
                    index = 0
                info = self.infos[index]
                title = rng.choice(TITLES.get(info.kind, ["Directeur"]))
                length = rng.randint(2, 9)
                end = add_years(start, length)
                # All but the last mandate have ended; the last one did in 40 % of cases.
                ends = end < REFERENCE_DATE and (number < count - 1 or rng.random() < 0.4)
                start_precision = pick_precision(rng, 4, 3, 3)
                stored_start = truncate(start, start_precision)
                mandate = make(
                    Mandate,
                    person=person,
                    actor=info.actor,
                    title_fr=title,
                    start_on=stored_start,
                    start_on_precision=start_precision,
                )
                if ends:
                    end_precision = pick_precision(rng, 5, 3, 2)
                    # Two years at least after the start: the truncated end still follows it.
                    mandate.end_on, mandate.end_on_precision = truncate(end, end_precision), end_precision
                if rng.random() < 0.3:
                    mandate.attested_on = min(add_days(start, rng.randint(30, 700)), REFERENCE_DATE)
                    mandate.attested_on_precision = DAY
                self.mandates.append(mandate)
                info.mandates.append((start, end if ends else None, person, title))
                if not ends:
                    break
                start = add_days(end, rng.randint(0, 200))
                if start >= REFERENCE_DATE:
                    break
        for info in self.infos:
            info.mandates.sort(key=lambda item: item[0])
