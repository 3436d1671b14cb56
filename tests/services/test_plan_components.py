"""A convention serves components only of the plans it serves (issue 12): one
rule (services.components_outside_plans), refused with the same words by the
admin's form, the API and the import, and nothing written when refused."""

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conventions import services
from conventions.models import Convention
from tests import factories as f
from tests.importing.helpers import csv_bytes, errors, row, run

pytestmark = pytest.mark.django_db

REFUSAL = "Ces composantes relèvent d'un plan que la convention ne sert pas : Technopole d'Oujda (PAI)."


@pytest.fixture
def plans():
    pai = f.PlanFactory(slug="pai", name="Plan d'Accélération Industrielle", short_name="PAI")
    relance = f.PlanFactory(slug="relance", name="Plan de relance industrielle", short_name="PRI")
    f.PlanComponentFactory(plan=pai, slug="technopole-oujda", name="Technopole d'Oujda")
    f.PlanComponentFactory(plan=relance, slug="fonds", name="Fonds de relance")
    f.ActorFactory(slug="cam", acronym="CAM")
    f.ActorFactory(slug="amica", acronym="AMICA")
    return pai, relance


@pytest.fixture
def api():
    user = User.objects.create_user("integrator")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_convention", "change_convention", "view_convention"])
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def body(**overrides):
    data = {
        "title_fr": "Convention de la technopole",
        "kind": "partnership",
        "status": "signed",
        "parties": [{"actor": "cam", "role": "financier"}, {"actor": "amica", "role": "beneficiary"}],
    }
    data.update(overrides)
    return data


# --- The API ------------------------------------------------------------------------------------------------------


def test_the_api_refuses_a_component_of_a_plan_the_convention_does_not_serve(api, plans):
    response = api.post(
        "/api/v1/conventions/", body(plans=["relance"], components=["pai/technopole-oujda"]), format="json"
    )

    assert response.status_code == 400
    assert response.json()["components"] == [REFUSAL]
    assert not Convention.objects.exists()


def test_the_api_accepts_a_component_of_a_plan_it_serves(api, plans):
    response = api.post("/api/v1/conventions/", body(plans=["pai"], components=["pai/technopole-oujda"]), format="json")

    assert response.status_code == 201, response.json()
    assert [c.slug for c in Convention.objects.get().components.all()] == ["technopole-oujda"]


def test_the_api_refuses_to_drop_the_plan_of_a_component_the_convention_keeps(api, plans):
    slug = api.post(
        "/api/v1/conventions/", body(plans=["pai"], components=["pai/technopole-oujda"]), format="json"
    ).json()["slug"]

    response = api.patch(f"/api/v1/conventions/{slug}/", {"plans": ["relance"]}, format="json")

    assert response.status_code == 400
    assert response.json()["components"] == [REFUSAL]
    assert [p.slug for p in Convention.objects.get().plans.all()] == ["pai"]


def test_the_api_may_change_the_plans_and_their_components_together(api, plans):
    slug = api.post(
        "/api/v1/conventions/", body(plans=["pai"], components=["pai/technopole-oujda"]), format="json"
    ).json()["slug"]

    response = api.patch(
        f"/api/v1/conventions/{slug}/", {"plans": ["relance"], "components": ["relance/fonds"]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert [c.slug for c in Convention.objects.get().components.all()] == ["fonds"]


# --- The import -----------------------------------------------------------------------------------------------------


@pytest.fixture
def convention_in_oujda(plans):
    pai, _relance = plans
    convention = f.ConventionFactory(draft=True, slug="technopole", title="Convention de la technopole")
    convention.plans.set([pai])
    convention.components.set(pai.components.all())
    return convention


def test_the_import_refuses_a_row_dropping_the_plan_of_a_component_the_convention_keeps(convention_in_oujda):
    report = run(csv_bytes([row(slug="technopole", parties="CAM; AMICA", plans="relance")]), dry_run=False)

    assert not report.written
    assert errors(report) == [
        "colonne « plans » : la convention sert des composantes de plans absents de cette liste : "
        "Technopole d'Oujda (PAI). Gardez leurs plans, ou retirez d'abord ces composantes dans l'administration."
    ]
    assert [p.slug for p in Convention.objects.get().plans.all()] == ["pai"]


def test_the_import_may_add_a_plan_beside_the_one_a_component_needs(convention_in_oujda):
    report = run(csv_bytes([row(slug="technopole", parties="CAM; AMICA", plans="pai; relance")]), dry_run=False)

    assert report.written, errors(report)
    assert {p.slug for p in Convention.objects.get().plans.all()} == {"pai", "relance"}


def test_the_import_write_refuses_the_whole_batch_if_a_component_loses_its_plan(convention_in_oujda, plans):
    # What the importer checks row by row, the batch write checks again (the
    # plans may have changed between the check and the write).
    _pai, relance = plans
    batch = services.Batch(
        updated=[(convention_in_oujda, ["place"])], relations={"plans": [(convention_in_oujda, [relance])]}
    )

    with pytest.raises(services.Refused) as refused:
        services.batch_write(batch=batch, user=None, reason="test")

    assert refused.value.errors == {"plans": [REFUSAL]}
    assert [p.slug for p in Convention.objects.get().plans.all()] == ["pai"]
