"""Each integrity rule of plans, their components, sectors and regions holds in the database itself,
not only in forms: the bad row is refused with an IntegrityError on SQLite and
PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from plans.models import Plan, PlanComponent
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


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
