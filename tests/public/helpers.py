"""Builders for the public page tests: a convention with everything a page
shows, and a draft dressed the same way, to prove it never leaks."""

import datetime
from decimal import Decimal

from conventions.models import FollowUpAction, Party
from core.dates import DatePrecision
from tests import factories as f


def full_convention(*, size: int = 3, draft: bool = False, prefix: str = "", **kwargs):
    """A convention with `size` parties (each with a representative and a
    commitment), `size` objectives (each with two measurements) and `size`
    follow-up actions, plus a sector, a region, a plan, a component, a source
    and a document."""
    convention = f.ConventionFactory(draft=draft, **kwargs)
    plan = f.PlanFactory(name=f"{prefix}Plan lié")
    component = f.PlanComponentFactory(plan=plan, name=f"{prefix}Composante liée")
    convention.plans.add(plan)
    convention.components.add(component)
    convention.sectors.add(f.SectorFactory(name=f"{prefix}Secteur lié"))
    source = f.SourceFactory(title=f"{prefix}Article source")
    convention.sources.add(source)
    document = f.DocumentFactory(convention=convention, title=f"{prefix}Texte signé")
    for n in range(size):
        party = f.PartyFactory(
            convention=convention,
            actor=f.ActorFactory(name=f"{prefix}Partie {n}"),
            position=n,
            representative=f.PersonFactory(name=f"{prefix}Représentant {n}"),
            representative_title="Président",
            representative_capacity=Party.RepresentativeCapacity.SPOKE
            if n % 2
            else Party.RepresentativeCapacity.SIGNED,
        )
        f.CommitmentFactory(party=party, description=f"{prefix}Engagement {n}", document=document, page=n + 1)
        objective = f.ObjectiveFactory(
            convention=convention,
            indicator=f"{prefix}Objectif {n}",
            unit="MAD",
            target_value=Decimal(34_000_000_000),
            source=source,
        )
        f.MeasurementFactory(objective=objective, value=Decimal(10_000_000_000), measured_on=datetime.date(2023, 1, 1))
        f.MeasurementFactory(
            objective=objective,
            value=Decimal(21_000_000_000),
            measured_on=datetime.date(2024, 1, 1),
            measured_on_precision=DatePrecision.YEAR,
            source=source,
        )
        f.FollowUpActionFactory(
            convention=convention,
            title=f"{prefix}Action {n}",
            responsible=party.actor,
            due_on=datetime.date(2020, 1, 1) if n == 0 else datetime.date(2030, 1, 1),
            state=FollowUpAction.State.PLANNED,
        )
    return convention
