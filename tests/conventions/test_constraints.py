"""Each integrity rule of conventions, parties, relations, commitments,
sources, objectives and measurements holds in the database itself, not only
in forms: the bad row is refused with an IntegrityError on SQLite and
PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from actors.models import Actor
from conventions.models import Convention, FollowUpAction, Objective, Party
from core.dates import DatePrecision
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


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
