"""Validation refuses the same numbers on every database.

SQLite stores any 64-bit integer in any integer column; PostgreSQL refuses
what its column cannot hold ("smallint out of range"). A value SQLite let
through stayed in the history and broke `import_register` into PostgreSQL.
The invariant: every integer and decimal field of the actors, plans and
conventions models refuses, through full_clean() (the admin, the API and the
importers all validate with it), a value no supported column can hold, and a
year outside 1900-2100."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from rest_framework.test import APIClient

from core.validators import YEAR_MAX, YEAR_MIN
from tests import factories as f

pytestmark = pytest.mark.django_db

APPS = ("actors", "plans", "conventions")
# The ranges PostgreSQL (and the SQL standard) gives each integer column.
COLUMN_RANGES = BaseDatabaseOperations.integer_field_ranges


def numeric_fields():
    """Every integer or decimal field a writer fills, of every model of the
    register (the history's copies are written by the register, not by people)."""
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                if not field.concrete or field.primary_key or field.is_relation:
                    continue
                if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
                    yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


def out_of_range(field) -> list:
    if isinstance(field, models.DecimalField):
        largest = Decimal(10) ** (field.max_digits - field.decimal_places)
        return [largest, -largest]
    if isinstance(field, models.FloatField):
        return [float("inf"), float("nan")]
    low, high = COLUMN_RANGES[field.get_internal_type()]
    values = [high + 1, low - 1]
    if field.name.endswith("_year"):
        values += [YEAR_MIN - 1, YEAR_MAX + 1]
    return values


def field_errors(model, field, value) -> list[str]:
    obj = model()
    setattr(obj, field.attname, value)
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except Exception as error:  # ValidationError; anything else fails the test below
        return [str(message) for message in getattr(error, "message_dict", {}).get(field.name, [])]
    return []


def test_the_walk_finds_the_fields_it_is_about():
    names = {param.id for param in numeric_fields()}
    assert {"conventions.Objective.baseline_year", "plans.Plan.start_year", "conventions.Party.position"} <= names


@pytest.mark.parametrize(("model", "field"), list(numeric_fields()))
def test_every_numeric_field_refuses_what_no_column_can_hold(model, field):
    for value in out_of_range(field):
        assert field_errors(model, field, value), f"{model._meta.label}.{field.name} accepted {value!r}"


def test_a_baseline_year_of_ten_to_the_twelfth_is_refused_through_the_api():
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import Token

    user = User.objects.create_user("editor")
    user.groups.add(Group.objects.get(name="Editor"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    convention = f.ConventionFactory(draft=True)
    objective = f.ObjectiveFactory(convention=convention)
    response = api.patch(
        f"/api/v1/conventions/{convention.slug}/",
        {"objectives": [{"id": objective.pk, "baseline_year": 10**12}]},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "baseline_year" in str(response.json())
    objective.refresh_from_db()
    assert objective.baseline_year is None


def test_a_year_in_range_is_accepted():
    objective = f.ObjectiveFactory(baseline_year=2016)
    objective.full_clean()
