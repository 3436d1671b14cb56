"""Objects with every relation their admin pages display, so that a page
that forgot a select_related or a prefetch shows it in the query count."""

import datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from actors.models import Actor, Person
from conventions.models import (
    Commitment,
    Convention,
    Document,
    FollowUpAction,
    Measurement,
    Objective,
    Party,
    Source,
)
from core.dates import DatePrecision
from plans.models import Plan, PlanComponent, Region, Sector
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    CommitmentFactory,
    ConventionFactory,
    ConventionRelationFactory,
    DocumentFactory,
    FollowUpActionFactory,
    MandateFactory,
    MeasurementFactory,
    ObjectiveFactory,
    PartyFactory,
    PersonFactory,
    PlanComponentFactory,
    PlanFactory,
    SectorFactory,
    SourceFactory,
)


def actor():
    parent = ActorFactory(kind=Actor.Kind.MINISTRY)
    child = ActorFactory(parent=parent)
    ActorNameFactory(actor=child)
    MandateFactory(actor=child)
    PartyFactory(actor=child)
    return child


def person():
    mandate = MandateFactory(actor=ActorFactory(parent=ActorFactory()))
    MandateFactory(person=mandate.person)
    return mandate.person


def sector():
    return SectorFactory(parent=SectorFactory())


def region():
    return Region.objects.order_by("code").first()


def plan():
    parent = PlanFactory()
    item = PlanFactory(owner=ActorFactory(), parent=parent, predecessor=PlanFactory())
    item.sectors.add(SectorFactory())
    component = PlanComponentFactory(plan=item, region=region())
    PlanComponentFactory(plan=item, parent=component)
    ObjectiveFactory(convention=None, plan=item)
    return item


def plan_component():
    parent = PlanComponentFactory()
    component = PlanComponentFactory(plan=parent.plan, parent=parent, region=region())
    ObjectiveFactory(convention=None, component=component)
    return component


def convention():
    item = ConventionFactory()
    item.sectors.add(SectorFactory())
    item.regions.add(region())
    item.plans.add(PlanFactory())
    for _ in range(2):
        party = PartyFactory(convention=item, representative=PersonFactory(), representative_title="Président")
        CommitmentFactory(party=party)
    document = DocumentFactory(convention=item)
    objective = ObjectiveFactory(convention=item, document=document, page=3)
    MeasurementFactory(objective=objective, source=SourceFactory())
    FollowUpActionFactory(convention=item)
    SourceFactory().conventions.add(item)
    ConventionRelationFactory(from_convention=item)
    ConventionRelationFactory(to_convention=item)
    return item


def party():
    item = PartyFactory(representative=PersonFactory(), representative_title="Ministre")
    CommitmentFactory(party=item, document=DocumentFactory(convention=item.convention))
    CommitmentFactory(party=item)
    return item


def commitment():
    return CommitmentFactory(party=PartyFactory(), source=SourceFactory())


def objective():
    """Objectives of the three owners, so that the owner column is exercised."""
    item = ObjectiveFactory()
    MeasurementFactory(objective=item)
    MeasurementFactory(objective=item, measured_on=datetime.date(2024, 1, 1), value=Decimal(9000))
    MeasurementFactory(objective=ObjectiveFactory(convention=None, plan=PlanFactory()))
    MeasurementFactory(objective=ObjectiveFactory(convention=None, component=PlanComponentFactory()))
    return item


def measurement():
    return MeasurementFactory(objective=ObjectiveFactory(), source=SourceFactory())


def follow_up_action():
    return FollowUpActionFactory(due_on=datetime.date(2020, 6, 1), due_on_precision=DatePrecision.MONTH)


def source():
    item = SourceFactory()
    item.conventions.add(ConventionFactory(), ConventionFactory())
    item.plans.add(PlanFactory())
    return item


def document():
    return DocumentFactory()


def group():
    return Group.objects.create(name=f"Rédaction {Group.objects.count()}")


def user():
    return get_user_model().objects.create_user(f"redacteur{get_user_model().objects.count()}")


BUILDERS = {
    Actor: actor,
    Person: person,
    Sector: sector,
    Region: region,
    Plan: plan,
    PlanComponent: plan_component,
    Convention: convention,
    Party: party,
    Commitment: commitment,
    Objective: objective,
    Measurement: measurement,
    FollowUpAction: follow_up_action,
    Source: source,
    Document: document,
    Group: group,
    get_user_model(): user,
}

if apps.is_installed("rest_framework.authtoken"):
    from rest_framework.authtoken.models import Token, TokenProxy

    def token():
        # The token admin addresses a token by its user's id, as TokenProxy.pk does.
        return TokenProxy.objects.get(pk=Token.objects.create(user=user()).pk)

    BUILDERS[TokenProxy] = token


def digest_sent():
    from follows.models import DigestSent

    return DigestSent.objects.create(email="suivi@exemple.ma", sent_on=datetime.date(2026, 3, 10), actions=2)


def subscription():
    from follows.models import Subscription

    return Subscription.objects.create(email="lectrice@exemple.ma", kind="actor", actor=actor())


if apps.is_installed("follows"):
    from follows.models import DigestSent, Subscription

    BUILDERS[DigestSent] = digest_sent
    BUILDERS[Subscription] = subscription
