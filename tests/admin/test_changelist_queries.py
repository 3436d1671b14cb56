"""No changelist runs a query per row: the same bound holds for 5 and 50 rows.

Every page starts with 2 queries (the session, the user) and runs 2 counts
(the filtered rows for the paginator, all rows for "N total") and 1 query for
the rows; the rest is listed per model below."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actors.models import Actor, Person
from conventions.models import Commitment, Convention, Document, FollowUpAction, Measurement, Objective, Party, Source
from plans.models import Plan, PlanComponent, Region, Sector
from tests.factories import (
    ActorFactory,
    ActorNameFactory,
    CommitmentFactory,
    ConventionFactory,
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

pytestmark = pytest.mark.django_db


def convention_row(n):
    convention = ConventionFactory(signed_on=datetime.date(2015 + n % 10, 1, 1))
    PartyFactory(convention=convention)
    PartyFactory(convention=convention, actor=ActorFactory(acronym=""))
    convention.sectors.add(SectorFactory())
    convention.plans.add(PlanFactory())
    convention.regions.add(Region.objects.order_by("code")[n % 12])


def actor_row(n):
    actor = ActorFactory(parent=Actor.objects.order_by("pk").last())
    ActorNameFactory(actor=actor)
    PartyFactory(actor=actor, convention=ConventionFactory())


def person_row(n):
    person = PersonFactory()
    MandateFactory(person=person)


def party_row(n):
    party = PartyFactory(representative=PersonFactory(), representative_title="Président")
    CommitmentFactory(party=party)


def commitment_row(n):
    CommitmentFactory()


def objective_row(n):
    owner = [{}, {"convention": None, "plan": PlanFactory()}, {"convention": None, "component": PlanComponentFactory()}]
    objective = ObjectiveFactory(**owner[n % 3])
    MeasurementFactory(objective=objective)
    MeasurementFactory(objective=objective, value=Decimal(7000), measured_on=datetime.date(2020, 1, 1))


def measurement_row(n):
    MeasurementFactory(objective=ObjectiveFactory(convention=None, plan=PlanFactory()) if n % 2 else ObjectiveFactory())


def action_row(n):
    FollowUpActionFactory()


def source_row(n):
    SourceFactory().conventions.add(ConventionFactory())


def document_row(n):
    DocumentFactory()


def plan_row(n):
    plan = PlanFactory(owner=ActorFactory(), parent=Plan.objects.order_by("pk").last())
    PlanComponentFactory.create_batch(2, plan=plan)


def component_row(n):
    PlanComponentFactory(region=Region.objects.order_by("code")[n % 12], parent=PlanComponent.objects.last())


def sector_row(n):
    SectorFactory(parent=Sector.objects.order_by("pk").last())


CASES = {
    # + the sector, plan and region filter choices, the signature years,
    #   and the parties with their actors (one prefetch)
    Convention: (convention_row, 10),
    # the conventions column is a subquery inside the rows query
    Actor: (actor_row, 5),
    # + the mandates with their actors (one prefetch)
    Person: (person_row, 6),
    # actor, convention and representative are joined; commitments counted in a subquery
    Party: (party_row, 5),
    Commitment: (commitment_row, 5),
    # + the measurements (one prefetch); owners are joined
    Objective: (objective_row, 6),
    Measurement: (measurement_row, 5),
    FollowUpAction: (action_row, 5),
    Source: (source_row, 5),
    Document: (document_row, 5),
    Plan: (plan_row, 5),
    # + the plan and region filter choices
    PlanComponent: (component_row, 7),
    Sector: (sector_row, 5),
}


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("model", CASES, ids=lambda model: model._meta.label)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, django_assert_num_queries, model, rows):
    build, bound = CASES[model]
    for n in range(rows):
        build(n)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    with django_assert_num_queries(bound):
        response = admin_client.get(url)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == model.objects.count() >= rows
