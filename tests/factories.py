"""One factory per model; tests build exactly the rows they talk about."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from actors.models import Actor, ActorName, Mandate, Person, ReminderContact
from conventions.models import (
    Commitment,
    Convention,
    ConventionRelation,
    Document,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)
from core.dates import DatePrecision
from plans.models import Plan, PlanComponent, Region, Sector


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Association professionnelle n°{n}")
    acronym = factory.Sequence(lambda n: f"AP{n}")
    slug = factory.Sequence(lambda n: f"acteur-{n}")
    kind = Actor.Kind.ASSOCIATION


class ActorNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorName

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Ancien nom n°{n}")
    kind = ActorName.Kind.FORMER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Personne Numéro{n}")
    slug = factory.Sequence(lambda n: f"personne-{n}")


class ReminderContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderContact

    actor = factory.SubFactory(ActorFactory)
    email = factory.Sequence(lambda n: f"suivi{n}@example.ma")


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    person = factory.SubFactory(PersonFactory)
    actor = factory.SubFactory(ActorFactory)
    title = "Président"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    name = factory.Sequence(lambda n: f"Secteur {n}")
    slug = factory.Sequence(lambda n: f"secteur-{n}")


class RegionFactory(factory.django.DjangoModelFactory):
    """The 12 real regions come with the migrations; use this for others only."""

    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Région {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    code = factory.Sequence(lambda n: f"XX-{n}")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    name = factory.Sequence(lambda n: f"Plan industriel {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    start_year = 2021
    end_year = 2023


class PlanComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanComponent

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Mesure {n}")
    slug = factory.Sequence(lambda n: f"mesure-{n}")


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Convention de partenariat n°{n}")
    slug = factory.Sequence(lambda n: f"convention-{n}")
    signed_on = datetime.date(2025, 2, 12)
    signed_on_precision = DatePrecision.DAY
    publication_state = Convention.PublicationState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(publication_state=Convention.PublicationState.DRAFT, published_at=None)

    @factory.post_generation
    def complete(convention, create, extracted, **kwargs):
        """complete=True: what publishing asks for (two parties and a source)."""
        if create and extracted:
            PartyFactory(convention=convention)
            PartyFactory(convention=convention)
            convention.sources.add(SourceFactory())


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    convention = factory.SubFactory(ConventionFactory)
    actor = factory.SubFactory(ActorFactory)
    role = Party.Role.SIGNATORY


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    party = factory.SubFactory(PartyFactory)
    description = "Mettre à disposition un dispositif financier adapté."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Article {n}")
    outlet = "Le Matin"
    url = factory.Sequence(lambda n: f"https://example.org/articles/{n}")
    published_on = datetime.date(2021, 2, 1)
    published_on_precision = DatePrecision.MONTH


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    convention = factory.SubFactory(ConventionFactory)
    title = "Texte signé"
    file = factory.django.FileField(filename="convention.pdf", data=b"%PDF-1.4\n%%EOF\n")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    convention = factory.SubFactory(ConventionFactory)
    indicator = "Créations d'emplois"
    unit = "emplois"
    # The model leaves the direction blank (unknown); these test objectives say it.
    comparator = Objective.Comparator.AT_LEAST
    target_value = Decimal(13340)
    horizon_on = datetime.date(2020, 1, 1)
    horizon_on_precision = DatePrecision.YEAR


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    objective = factory.SubFactory(ObjectiveFactory)
    value = Decimal(5000)
    measured_on = datetime.date(2019, 2, 1)
    measured_on_precision = DatePrecision.MONTH


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    convention = factory.SubFactory(ConventionFactory)
    title = factory.Sequence(lambda n: f"Action de suivi {n}")
    responsible = factory.SubFactory(ActorFactory)
    due_on = datetime.date(2026, 6, 30)
    due_on_precision = DatePrecision.DAY


class ConventionRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConventionRelation

    from_convention = factory.SubFactory(ConventionFactory)
    kind = ConventionRelation.Kind.AMENDS
    to_convention = factory.SubFactory(ConventionFactory)
