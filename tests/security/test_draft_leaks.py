"""What a draft holds stays out of everything public, even at the edges: an
actor's parent known only from drafts, a draft's document cited by a plan's
objective, and the data-quality page for staff who may not read drafts."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def child_of_a_draft_only_parent():
    """A public actor whose parent is party only to a draft."""
    parent = f.ActorFactory(slug="maison-mere-secrete", name="Maison mère secrète")
    f.PartyFactory(convention=f.ConventionFactory(draft=True), actor=parent)
    child = f.ActorFactory(slug="filiale", parent=parent)
    f.PartyFactory(convention=f.ConventionFactory(), actor=child)
    return child


def reader_with(*codenames) -> APIClient:
    user = User.objects.create_user(f"lecteur-{User.objects.count()}")
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


# --- (a) an actor's parent --------------------------------------------------------


def test_the_api_hides_a_parent_known_only_from_drafts(child_of_a_draft_only_parent):
    api = APIClient()
    listed = {a["slug"]: a for a in api.get("/api/v1/actors/").json()["results"]}
    assert listed["filiale"]["parent"] is None
    assert api.get("/api/v1/actors/filiale/").json()["parent"] is None
    assert "maison-mere-secrete" not in api.get("/api/v1/actors/").text


def test_the_api_shows_a_public_parent(child_of_a_draft_only_parent):
    f.PartyFactory(convention=f.ConventionFactory(), actor=child_of_a_draft_only_parent.parent)
    assert APIClient().get("/api/v1/actors/filiale/").json()["parent"] == "maison-mere-secrete"


def test_a_reader_of_every_actor_sees_the_parent(child_of_a_draft_only_parent):
    api = reader_with("view_actor")
    assert api.get("/api/v1/actors/filiale/").json()["parent"] == "maison-mere-secrete"


def test_popolo_hides_a_parent_known_only_from_drafts(child_of_a_draft_only_parent):
    response = APIClient().get("/api/v1/popolo.json")
    [child] = [o for o in response.json()["organizations"] if o["id"] == "filiale"]
    assert child["parent_id"] is None
    assert "maison-mere-secrete" not in response.text


def test_the_open_data_actors_hide_a_parent_known_only_from_drafts(child_of_a_draft_only_parent):
    public_parent = f.ActorFactory(slug="groupe-public")
    f.PartyFactory(convention=f.ConventionFactory(), actor=public_parent)
    f.PartyFactory(convention=f.ConventionFactory(), actor=f.ActorFactory(slug="autre-filiale", parent=public_parent))

    response = APIClient().get("/api/v1/datapackage/actors.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    parents = {row["slug"]: row["parent"] for row in rows}
    assert parents["filiale"] == ""
    assert parents["autre-filiale"] == "groupe-public"
    assert "maison-mere-secrete" not in str(rows)


# --- (b) a draft's document cited by a plan's objective ---------------------------


@pytest.fixture
def plan_with_a_published_and_a_draft_document():
    plan = f.PlanFactory(slug="plan-acceleration")
    published = f.ConventionFactory()
    draft = f.ConventionFactory(draft=True)
    published.plans.add(plan)
    draft.plans.add(plan)
    return (
        plan,
        f.DocumentFactory(convention=published, title="Texte publié"),
        f.DocumentFactory(convention=draft, title="Texte du brouillon"),
    )


def test_the_plan_admin_offers_only_documents_of_published_conventions(
    admin_client, plan_with_a_published_and_a_draft_document
):
    plan, published, _draft = plan_with_a_published_and_a_draft_document
    response = admin_client.get(reverse("admin:plans_plan_change", args=[plan.pk]))
    [objectives] = [i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "objectives"]
    assert list(objectives.form.base_fields["document"].queryset) == [published]


def test_the_plan_component_admin_offers_only_documents_of_published_conventions(admin_client):
    component = f.PlanComponentFactory()
    published, draft = f.ConventionFactory(), f.ConventionFactory(draft=True)
    published.components.add(component)
    draft.components.add(component)
    shown = f.DocumentFactory(convention=published)
    f.DocumentFactory(convention=draft)
    response = admin_client.get(reverse("admin:plans_plancomponent_change", args=[component.pk]))
    [objectives] = [i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "objectives"]
    assert list(objectives.form.base_fields["document"].queryset) == [shown]


def test_the_api_never_shows_a_draft_document_cited_by_a_plan_objective(plan_with_a_published_and_a_draft_document):
    plan, _published, draft = plan_with_a_published_and_a_draft_document
    source = f.SourceFactory(url="https://example.org/plan")
    objective = f.ObjectiveFactory(convention=None, plan=plan, document=draft, page=2, source=source)
    f.MeasurementFactory(objective=objective, document=draft)

    response = APIClient().get("/api/v1/objectives/")

    [shown] = response.json()["results"]
    assert shown["document"] is None
    assert shown["citation_url"] == "https://example.org/plan"
    assert [m["document"] for m in shown["measurements"]] == [None]
    assert f"/documents/{draft.pk}/" not in response.text
    assert draft.file.url not in response.text


def test_a_reader_of_drafts_sees_the_draft_document_cited(plan_with_a_published_and_a_draft_document):
    plan, _published, draft = plan_with_a_published_and_a_draft_document
    f.ObjectiveFactory(convention=None, plan=plan, document=draft, page=2)
    [shown] = reader_with("view_convention").get("/api/v1/objectives/").json()["results"]
    assert shown["document"] == draft.pk
    assert shown["citation_url"] == f"http://testserver/documents/{draft.pk}/#page=2"


def test_the_api_shows_a_published_document_cited_by_a_plan_objective(plan_with_a_published_and_a_draft_document):
    plan, published, _draft = plan_with_a_published_and_a_draft_document
    f.ObjectiveFactory(convention=None, plan=plan, document=published, page=5)
    [shown] = APIClient().get("/api/v1/objectives/").json()["results"]
    assert shown["document"] == published.pk
    assert shown["citation_url"] == f"http://testserver/documents/{published.pk}/#page=5"


# --- (c) the data-quality page ----------------------------------------------------


def staff_client(client, *groups):
    user = User.objects.create_user(f"agent-{User.objects.count()}", password="x", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    client.force_login(user)
    return client


def test_staff_without_a_role_cannot_open_the_quality_page(client):
    f.PartyFactory(convention=f.ConventionFactory(draft=True), actor=f.ActorFactory(name="Acteur des brouillons"))
    response = staff_client(client).get("/admin/quality/")
    assert response.status_code == 403
    assert "Acteur des brouillons" not in response.text


def test_staff_without_a_role_are_not_offered_the_quality_page(client):
    assert 'href="/admin/quality/"' not in staff_client(client).get("/admin/").text


@pytest.mark.parametrize("group", ["Viewer", "Editor", "Publisher"])
def test_each_editorial_role_opens_the_quality_page(client, group):
    assert staff_client(client, group).get("/admin/quality/").status_code == 200
