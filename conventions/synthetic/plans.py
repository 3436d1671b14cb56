"""The plans of the synthetic register, their component trees, and the
objectives (with their series of measurements) of plans and conventions."""

import bisect
import datetime
from decimal import Decimal

from django.utils.text import slugify

from conventions.models import Measurement, Objective
from core.dates import truncate
from plans.models import Plan, PlanComponent, Region, Sector

from .common import (
    REFERENCE_DATE,
    YEAR,
    _of_region,
    add_days,
    article_for,
    capitalize,
    mad_words,
    nice_amount,
    of_place,
    pick_precision,
)
from .names import BLOCK_THEMES, MEASURE_THEMES, PLANS, SITE_KINDS
from .rows import make
from .wording import HORIZON_LABELS, INDICATORS, MEASUREMENT_NOTES


class PlanRows:
    """The part of `SyntheticRegister` that builds plans, their components,
    and objectives."""

    def _build_plans(self) -> None:
        rng = self.rng
        self.plans: list[Plan] = []
        self.plan_meta: list[tuple] = []  # (plan, article, start, end, sector slugs)
        self.plan_sectors: list[tuple[Plan, Sector]] = []
        self.components: list[PlanComponent] = []
        self.components_of: dict[int, list[PlanComponent]] = {}
        self.plan_objectives: list[Objective] = []
        self.plan_measurements: list[Measurement] = []
        self.plan_article: dict[str, str] = {}
        for index, (name, short, article, kind, start, end, domain, parent, predecessor, slugs) in enumerate(PLANS):
            owner = self.ministry_by_domain.get(domain, self.main).actor
            plan = make(
                Plan,
                name_fr=name,
                short_name_fr=short,
                kind=kind,
                start_year=start,
                end_year=end,
                owner=owner,
                parent=self.plans[parent] if parent is not None else None,
                predecessor=self.plans[predecessor] if predecessor is not None else None,
                slug=self.taken.claim("plan", name, max_length=120, fallback="plan"),
                summary_fr=(
                    f"{capitalize(article_for(name, article))}{name} ({start}-{end}) fixe les priorités de l'État "
                    f"pour {rng.choice(BLOCK_THEMES)} et {rng.choice(BLOCK_THEMES)}."
                ),
            )
            self.plans.append(plan)
            self.plan_meta.append((plan, article, start, end, slugs))
            self.plan_article[plan.slug] = article
            self.plan_sectors += [(plan, self.sectors_by_slug[slug]) for slug in slugs]
            self.components_of[index] = self._build_components(plan, slugs)
            self.components += self.components_of[index]
            for position in range(rng.randint(1, 3)):
                objective, measurements = self._objective(
                    datetime.date(start, 1, 1), position, plan=plan, horizon_year=end
                )
                self.plan_objectives.append(objective)
                self.plan_measurements += measurements

    def _build_components(self, plan: Plan, sector_slugs: list[str]) -> list[PlanComponent]:
        rng = self.rng
        count = rng.randint(5, 15)
        made: list[PlanComponent] = []
        slugs: set[str] = set()

        def add(name, kind, parent=None, **values):
            slug = base = slugify(name)[:120].strip("-") or "composante"
            number = 1
            while slug in slugs:
                number += 1
                slug = f"{base[: 120 - len(str(number)) - 1]}-{number}"
            slugs.add(slug)
            component = make(
                PlanComponent,
                plan=plan,
                parent=parent,
                kind=kind,
                name_fr=name,
                slug=slug,
                position=len(made),
                **values,
            )
            made.append(component)
            return component

        blocks = [
            add(f"Bloc {number} : {theme}", PlanComponent.Kind.BLOCK)
            for number, theme in enumerate(rng.sample(BLOCK_THEMES, rng.randint(2, 3)), start=1)
        ]
        fund_amount = nice_amount(rng, 5 * 10**8, 2 * 10**10)
        add(
            f"Fonds de développement {self.sector_vocabulary[sector_slugs[0]][0]}",
            PlanComponent.Kind.FUND,
            amount=Decimal(fund_amount),
            description_fr=f"Enveloppe de {mad_words(fund_amount)}.",
        )
        _city, region = self._city()
        pole = add(f"Pôle régional {_of_region(region)}", PlanComponent.Kind.REGIONAL_POLE, region=region)
        measure_number = 0
        while len(made) < count:
            roll = rng.random()
            if roll < 0.3:
                site_city, site_region = self._city()
                add(
                    f"{rng.choice(SITE_KINDS)} {of_place(site_city)}",
                    PlanComponent.Kind.SITE,
                    parent=pole,
                    region=site_region,
                    location=site_city,
                )
            elif roll < 0.45:
                ecosystem = rng.choice(self.sector_vocabulary[rng.choice(sector_slugs)][1])
                add(f"Écosystème {ecosystem}", PlanComponent.Kind.ECOSYSTEM, parent=rng.choice(blocks))
            else:
                measure_number += 1
                theme = rng.choice(MEASURE_THEMES)
                add(f"Mesure {measure_number} : {theme}", PlanComponent.Kind.MEASURE, parent=rng.choice(blocks))
        return made

    def _city(self) -> tuple[str, Region | None]:
        index = bisect.bisect_right(self.city_cum, self.rng.random() * self.city_cum[-1])
        return self.cities[index]

    # Objectives ------------------------------------------------------------------------------------

    def _objective(self, signed: datetime.date, position: int, *, horizon_year=None, sources=(), **owner):
        rng = self.rng
        indicator, unit, low, high, comparator, is_share = rng.choice(INDICATORS)
        baseline = None
        if is_share:
            target = Decimal(rng.randint(low, high))
            baseline = Decimal(rng.randint(max(5, low - 25), int(target) - 5))
        else:
            target = Decimal(nice_amount(rng, low, high))
            if rng.random() < 0.25:
                baseline = (target * Decimal(rng.randint(10, 60)) / 100).quantize(Decimal(1))
        objective = make(
            Objective,
            indicator_fr=indicator,
            unit=unit,
            comparator=comparator,
            target_value=target,
            baseline_value=baseline,
            baseline_year=signed.year if baseline is not None else None,
            position=position,
            **owner,
        )
        if rng.random() < 0.85:
            year = horizon_year or min(signed.year + rng.randint(2, 6), 2035)
            precision = pick_precision(rng, 1, 1, 8)
            horizon = datetime.date(year, 12, 31) if precision != YEAR else datetime.date(year, 1, 1)
            objective.horizon_on, objective.horizon_on_precision = truncate(horizon, precision), precision
        else:
            objective.horizon_label_fr = rng.choice(HORIZON_LABELS)
        measurements = []
        count = rng.choices([0, 1, 2, 3, 4], weights=[35, 25, 20, 12, 8])[0]
        when = add_days(signed, rng.randint(-120, 540))
        start = float(baseline or 0)
        value = start
        for _ in range(count):
            if when > REFERENCE_DATE:
                break
            # Progress towards the target, mostly forward, sometimes past it.
            value += (float(target) - start) * rng.uniform(0.05, 0.45)
            precision = pick_precision(rng, 5, 3, 2)
            note = rng.choice(MEASUREMENT_NOTES).format(n=rng.randint(10, 400), m=rng.randint(2, 12))
            measurements.append(
                make(
                    Measurement,
                    objective=objective,
                    value=Decimal(round(value, 1 if is_share else 0)).quantize(Decimal("0.01")),
                    measured_on=truncate(when, precision),
                    measured_on_precision=precision,
                    note=note,
                    source=rng.choice(sources) if sources and rng.random() < 0.5 else None,
                )
            )
            when = add_days(when, rng.randint(150, 450))
        return objective, measurements
