"""Where a plan stands (issue 11): its published conventions by status, by
year and per component, their actions, and their objectives beside the
plan's targets in the same unit."""

import datetime
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command

from conventions.models import Convention, FollowUpAction, Objective
from conventions.rollups import plan_rollup
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def plan():
    plan = f.PlanFactory(slug="pai")
    block = f.PlanComponentFactory(plan=plan, slug="bloc-1")
    f.ObjectiveFactory(convention=None, plan=plan, unit="emplois", target_value=Decimal(500_000))
    direct = f.ConventionFactory(status=Convention.Status.IN_EXECUTION, signed_on=datetime.date(2016, 5, 1))
    direct.plans.add(plan)
    via = f.ConventionFactory(status=Convention.Status.SIGNED, signed_on=datetime.date(2018, 3, 1))
    via.components.add(block)
    both = f.ConventionFactory(status=Convention.Status.IN_EXECUTION, signed_on=datetime.date(2016, 9, 1))
    both.plans.add(plan)
    both.components.add(block)
    draft = f.ConventionFactory(draft=True, status=Convention.Status.SIGNED)
    draft.plans.add(plan)
    f.ConventionFactory()  # serves another plan
    for convention, jobs in ((direct, 13_340), (both, 6_660), (draft, 99_999)):
        f.ObjectiveFactory(convention=convention, unit="emplois", target_value=Decimal(jobs))
    f.ObjectiveFactory(convention=direct, unit="MAD", target_value=Decimal(10**9))
    done, due, overdue = FollowUpAction.State.DONE, datetime.date(2099, 1, 1), datetime.date(2020, 1, 1)
    f.FollowUpActionFactory(convention=direct, state=done, due_on=overdue)
    f.FollowUpActionFactory(convention=direct, due_on=overdue)
    f.FollowUpActionFactory(convention=via, due_on=due)
    f.FollowUpActionFactory(convention=draft, due_on=overdue)
    return plan, block


def test_conventions_are_counted_once_each_by_status_and_year(plan):
    rollup = plan_rollup(plan[0], TODAY)
    assert rollup.conventions == 3
    assert [(code, count) for code, _label, count in rollup.by_status] == [("signed", 1), ("in_execution", 2)]
    assert rollup.by_year == [(2016, 2), (2018, 1)]
    assert rollup.undated == 0


def test_each_component_counts_its_published_conventions(plan):
    pai, block = plan
    assert plan_rollup(pai, TODAY).by_component == {block.pk: 2}


def test_actions_are_counted_done_open_and_overdue_of_published_conventions(plan):
    rollup = plan_rollup(plan[0], TODAY)
    assert (rollup.actions_done, rollup.actions_open, rollup.actions_overdue) == (1, 2, 1)


def test_conventions_objectives_are_summed_beside_the_plan_target_in_its_unit_only(plan):
    units = plan_rollup(plan[0], TODAY).units
    assert [(u.unit, u.total, u.objectives, u.target, u.percent) for u in units] == [
        ("emplois", Decimal(20_000), 2, Decimal(500_000), 4)
    ]


def test_conventions_objectives_are_counted_by_status_by_the_one_rule(plan):
    pai, _block = plan
    jobs = Objective.objects.get(
        convention__in=pai.conventions.filter(signed_on__year=2016, signed_on__month=5), unit="emplois"
    )
    jobs.horizon_on, jobs.horizon_on_precision = datetime.date(2036, 5, 1), "month"
    jobs.save()
    f.MeasurementFactory(objective=jobs, value=Decimal(13_340), measured_on=datetime.date(2020, 1, 1))  # reached
    other = Objective.objects.get(convention__in=pai.conventions.filter(signed_on__month=9))
    f.MeasurementFactory(objective=other, value=Decimal(100), measured_on=datetime.date(2010, 1, 1))  # before: context

    counts = plan_rollup(pai, TODAY).objectives_by_status

    published = Convention.objects.published().serving(pai)
    by_models = Counter(o.progress_reading(TODAY).status for o in Objective.objects.filter(convention__in=published))
    assert counts == dict(by_models)
    assert counts["reached"] == 1 and sum(counts.values()) == 3  # the draft's objective not counted


def test_the_pai_page_shows_where_it_stands_on_the_demo_register(client):
    call_command("load_demo", stdout=io.StringIO())
    text = client.get("/fr/plans/plan-acceleration-industrielle/").text
    assert "Où en est le plan" in text
    assert "Contrats de performance des écosystèmes des industries mécaniques et métallurgiques" in text
    assert "1 convention publiée par cette composante" in text


def test_the_api_gives_the_same_rollup(plan, client):
    data = client.get("/api/v1/plans/pai/rollup/").json()
    assert data["conventions"] == 3
    assert [(row["code"], row["count"]) for row in data["by_status"]] == [("signed", 1), ("in_execution", 2)]
    assert data["by_year"] == [{"year": 2016, "count": 2}, {"year": 2018, "count": 1}]  # none undated
    assert data["by_component"] == [{"component": "bloc-1", "count": 2}]
    assert data["actions"]["done"] == 1 and data["actions"]["open"] == 2
    assert data["objectives_in_plan_units"][0]["unit"] == "emplois"
    assert data["objectives_in_plan_units"][0]["total"] == "20000.00"
    assert data["convention_objectives_by_status"] == [{"code": "no_data", "label": "Pas de mesure", "count": 3}]


def test_an_unknown_plan_has_no_rollup(client):
    assert client.get("/api/v1/plans/inconnu/rollup/").status_code == 404


def test_undated_conventions_are_counted_apart_from_the_years(plan):
    undated = f.ConventionFactory(signed_on=None, signed_on_precision="unknown")
    undated.plans.add(plan[0])
    rollup = plan_rollup(plan[0], TODAY)
    assert rollup.by_year == [(2016, 2), (2018, 1)] and rollup.undated == 1
