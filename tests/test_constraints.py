"""Each integrity rule holds in the database itself, not only in forms:
the bad row is refused with an IntegrityError on SQLite and PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from actors.models import Actor
from conventions.models import Convention, FollowUpAction, Objective, Party
from core.dates import DatePrecision
from plans.models import Plan, PlanComponent
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


# --- actors ---------------------------------------------------------------


def test_actor_slug_is_unique():
    f.ActorFactory(slug="amica")
    refused(lambda: f.ActorFactory(slug="amica"))


def test_actor_cannot_be_its_own_parent():
    actor = f.ActorFactory()
    refused(lambda: Actor.objects.filter(pk=actor.pk).update(parent=actor))


def test_actor_name_is_unique_per_actor_whatever_the_case():
    alias = f.ActorNameFactory(name="Groupe Crédit Agricole du Maroc")
    refused(lambda: f.ActorNameFactory(actor=alias.actor, name="groupe crédit agricole du maroc"))


def test_actor_name_validity_cannot_end_before_it_starts():
    refused(
        lambda: f.ActorNameFactory(
            valid_from=D(2021, 10, 1),
            valid_from_precision=DatePrecision.MONTH,
            valid_until=D(2019, 10, 1),
            valid_until_precision=DatePrecision.MONTH,
        )
    )


@pytest.mark.parametrize(
    ("field", "value", "precision"),
    [("attested_on", D(2019, 2, 1), DatePrecision.UNKNOWN), ("attested_on", None, DatePrecision.MONTH)],
)
def test_actor_name_date_and_precision_go_together(field, value, precision):
    refused(lambda: f.ActorNameFactory(**{field: value, f"{field}_precision": precision}))


def test_mandate_cannot_end_before_it_starts():
    refused(
        lambda: f.MandateFactory(
            start_on=D(2021, 10, 7),
            start_on_precision=DatePrecision.DAY,
            end_on=D(2021, 1, 1),
            end_on_precision=DatePrecision.YEAR,
        )
    )


def test_mandate_date_needs_a_precision():
    refused(lambda: f.MandateFactory(start_on=D(2021, 10, 7), start_on_precision=DatePrecision.UNKNOWN))


def test_person_slug_is_unique():
    f.PersonFactory(slug="ryad-mezzour")
    refused(lambda: f.PersonFactory(slug="ryad-mezzour"))


def test_deleting_an_actor_that_is_a_party_is_refused():
    party = f.PartyFactory()
    with pytest.raises(ProtectedError):
        party.actor.delete()


def test_deleting_a_person_who_holds_a_mandate_is_refused():
    mandate = f.MandateFactory()
    with pytest.raises(ProtectedError):
        mandate.person.delete()


# --- plans ----------------------------------------------------------------


def test_plan_period_cannot_end_before_it_starts():
    refused(lambda: f.PlanFactory(start_year=2020, end_year=2014))


def test_plan_cannot_succeed_itself():
    plan = f.PlanFactory()
    refused(lambda: Plan.objects.filter(pk=plan.pk).update(predecessor=plan))


def test_plan_cannot_contain_itself():
    plan = f.PlanFactory()
    refused(lambda: Plan.objects.filter(pk=plan.pk).update(parent=plan))


def test_plan_has_at_most_one_successor():
    emergence = f.PlanFactory()
    f.PlanFactory(predecessor=emergence)
    refused(lambda: f.PlanFactory(predecessor=emergence))


def test_component_slug_is_unique_within_its_plan():
    component = f.PlanComponentFactory(slug="medest")
    f.PlanComponentFactory(slug="medest")  # another plan may reuse it
    refused(lambda: f.PlanComponentFactory(plan=component.plan, slug="medest"))


def test_component_amount_is_not_negative():
    refused(lambda: f.PlanComponentFactory(amount=Decimal("-1")))


def test_component_cannot_be_its_own_parent():
    component = f.PlanComponentFactory()
    refused(lambda: PlanComponent.objects.filter(pk=component.pk).update(parent=component))


def test_sector_slug_is_unique():
    f.SectorFactory(slug="automobile")
    refused(lambda: f.SectorFactory(slug="automobile"))


def test_region_code_is_unique():
    refused(lambda: f.RegionFactory(code="MA-02"))


def test_deleting_a_region_used_by_a_component_is_refused():
    component = f.PlanComponentFactory(region=f.RegionFactory())
    with pytest.raises(ProtectedError):
        component.region.delete()


# --- conventions ----------------------------------------------------------


def test_convention_slug_is_unique():
    f.ConventionFactory(slug="cam-amica")
    refused(lambda: f.ConventionFactory(slug="cam-amica"))


def test_convention_cannot_end_before_it_starts():
    refused(lambda: f.ConventionFactory(start_on=D(2025, 1, 1), end_on=D(2024, 12, 31)))


def test_convention_amount_is_not_negative():
    refused(lambda: f.ConventionFactory(amount=Decimal("-0.01")))


@pytest.mark.parametrize(("value", "precision"), [(D(2016, 1, 1), DatePrecision.UNKNOWN), (None, DatePrecision.YEAR)])
def test_convention_signature_date_and_precision_go_together(value, precision):
    refused(lambda: f.ConventionFactory(signed_on=value, signed_on_precision=precision))


def test_published_convention_has_a_publication_time():
    convention = f.ConventionFactory(draft=True)
    refused(
        lambda: Convention.objects.filter(pk=convention.pk).update(
            publication_state=Convention.PublicationState.PUBLISHED
        )
    )


def test_one_party_per_actor_per_convention():
    party = f.PartyFactory()
    refused(lambda: f.PartyFactory(convention=party.convention, actor=party.actor, role=Party.Role.FINANCIER))


def test_party_cannot_withdraw_before_joining():
    refused(lambda: f.PartyFactory(joined_on=D(2024, 5, 1), withdrew_on=D(2024, 4, 30)))


def test_party_title_needs_a_representative():
    refused(lambda: f.PartyFactory(representative=None, representative_title="Président"))


def test_convention_relation_is_not_to_itself():
    convention = f.ConventionFactory()
    refused(lambda: f.ConventionRelationFactory(from_convention=convention, to_convention=convention))


def test_convention_relation_is_recorded_once():
    relation = f.ConventionRelationFactory()
    refused(
        lambda: f.ConventionRelationFactory(
            from_convention=relation.from_convention, to_convention=relation.to_convention, kind=relation.kind
        )
    )


def test_deleting_a_convention_that_another_amends_is_refused():
    relation = f.ConventionRelationFactory()
    with pytest.raises(ProtectedError):
        relation.to_convention.delete()


def test_commitment_amount_is_not_negative():
    refused(lambda: f.CommitmentFactory(amount=Decimal("-5")))


def test_source_url_is_unique_when_given():
    f.SourceFactory(url="https://lematin.ma/article")
    f.SourceFactory(url="")
    f.SourceFactory(url="")  # many sources have no address
    refused(lambda: f.SourceFactory(url="https://lematin.ma/article"))


def test_source_date_and_precision_go_together():
    refused(lambda: f.SourceFactory(published_on=None, published_on_precision=DatePrecision.MONTH))


def test_deleting_a_source_that_a_commitment_cites_is_refused():
    source = f.SourceFactory()
    f.CommitmentFactory(source=source)
    with pytest.raises(ProtectedError):
        source.delete()


@pytest.mark.parametrize(
    "owners",
    [
        {"convention": None},
        {"plan": "plan"},
        {"component": "component"},
        {"convention": None, "plan": "plan", "component": "component"},
    ],
    ids=["no-owner", "convention-and-plan", "convention-and-component", "plan-and-component"],
)
def test_objective_has_exactly_one_owner(owners):
    def build():
        kwargs = {}
        for key, value in owners.items():
            if value == "plan":
                kwargs["plan"] = f.PlanFactory()
            elif value == "component":
                kwargs["component"] = f.PlanComponentFactory()
            else:
                kwargs[key] = value
        f.ObjectiveFactory(**kwargs)

    refused(build)


@pytest.mark.parametrize("owner", ["convention", "plan", "component"])
def test_objective_with_a_single_owner_is_accepted(owner):
    builders = {"convention": f.ConventionFactory, "plan": f.PlanFactory, "component": f.PlanComponentFactory}
    kwargs = {"convention": None, owner: builders[owner]()}
    assert Objective.objects.filter(pk=f.ObjectiveFactory(**kwargs).pk).exists()


def test_objective_needs_a_unit():
    refused(lambda: f.ObjectiveFactory(unit=""))


def test_objective_horizon_and_precision_go_together():
    refused(lambda: f.ObjectiveFactory(horizon_on=D(2020, 1, 1), horizon_on_precision=DatePrecision.UNKNOWN))


def test_measurement_date_is_known():
    refused(lambda: f.MeasurementFactory(measured_on_precision=DatePrecision.UNKNOWN))


def test_completion_date_only_for_a_done_action():
    refused(lambda: f.FollowUpActionFactory(state=FollowUpAction.State.PLANNED, completed_on=D(2025, 3, 1)))


def test_action_due_date_and_precision_go_together():
    refused(lambda: f.FollowUpActionFactory(due_on=None, due_on_precision=DatePrecision.DAY))


def test_deleting_an_actor_responsible_for_an_action_is_refused():
    action = f.FollowUpActionFactory()
    with pytest.raises(ProtectedError):
        action.responsible.delete()


def test_deleting_a_convention_removes_its_parties_objectives_and_actions():
    party = f.PartyFactory()
    convention = party.convention
    f.ObjectiveFactory(convention=convention)
    f.FollowUpActionFactory(convention=convention)
    convention.delete()
    assert not Party.objects.exists()
    assert not Objective.objects.exists()
    assert not FollowUpAction.objects.exists()
    assert Actor.objects.filter(pk=party.actor_id).exists()
