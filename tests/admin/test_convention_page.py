"""What the convention page and the pages one click away offer a clerk."""

import pytest
from django.urls import reverse

from plans.models import PlanComponent
from tests.factories import (
    CommitmentFactory,
    ConventionFactory,
    DocumentFactory,
    MeasurementFactory,
    ObjectiveFactory,
    PartyFactory,
    PlanComponentFactory,
    PlanFactory,
)

from .forms import convention_form_data, inline_management_data

pytestmark = pytest.mark.django_db


def inline_formset(response, prefix):
    return next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == prefix).formset


def test_each_party_shows_its_commitments_and_links_to_its_page(admin_client):
    party = PartyFactory()
    CommitmentFactory(party=party, description="Mobiliser les branches industrielles.")

    response = admin_client.get(reverse("admin:conventions_convention_change", args=[party.convention.pk]))

    content = response.content.decode()
    assert "Mobiliser les branches industrielles." in content
    assert reverse("admin:conventions_party_change", args=[party.pk]) in content


def test_each_objective_links_to_its_page_where_measurements_are_typed(admin_client):
    objective = ObjectiveFactory()
    MeasurementFactory(objective=objective)
    convention_page = admin_client.get(reverse("admin:conventions_convention_change", args=[objective.convention.pk]))
    objective_url = reverse("admin:conventions_objective_change", args=[objective.pk])

    objective_page = admin_client.get(objective_url)

    assert objective_url in convention_page.content.decode()
    assert inline_formset(objective_page, "measurements").initial_form_count() == 1


def test_a_citation_offers_only_the_documents_of_its_convention(admin_client):
    party = PartyFactory()
    own = DocumentFactory(convention=party.convention, title="Texte signé de cette convention")
    DocumentFactory(title="Texte d'une autre convention")

    response = admin_client.get(reverse("admin:conventions_party_change", args=[party.pk]))

    documents = inline_formset(response, "commitments").forms[0].fields["document"].queryset
    assert list(documents) == [own]


def test_a_parent_component_is_chosen_among_the_same_plan(admin_client):
    plan = PlanFactory()
    sibling = PlanComponentFactory(plan=plan)
    PlanComponentFactory()  # of another plan

    response = admin_client.get(reverse("admin:plans_plan_change", args=[plan.pk]))

    parents = inline_formset(response, "components").forms[0].fields["parent"].queryset
    assert list(parents) == [sibling]


def test_a_parent_component_from_another_plan_is_refused(admin_client):
    component = PlanComponentFactory()
    stranger = PlanComponentFactory()

    response = admin_client.post(
        reverse("admin:plans_plancomponent_add"),
        {
            "plan": component.plan.pk,
            "parent": stranger.pk,
            "kind": "measure",
            "position": "0",
            "name_fr": "Pôle MedEst",
            "slug": "pole-medest",
            "currency": "MAD",
            "objectives-TOTAL_FORMS": "0",
            "objectives-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "La composante parente doit appartenir au même plan."
    ]
    assert not PlanComponent.objects.filter(slug="pole-medest").exists()


def test_a_draft_has_no_view_on_site_link_a_published_convention_has(admin_client):
    draft, published = ConventionFactory(draft=True), ConventionFactory()

    draft_page = admin_client.get(reverse("admin:conventions_convention_change", args=[draft.pk]))
    published_page = admin_client.get(reverse("admin:conventions_convention_change", args=[published.pk]))

    assert draft.get_absolute_url() not in draft_page.content.decode()
    assert published.get_absolute_url() in published_page.content.decode()


def test_sending_a_published_convention_back_to_draft_in_its_form_clears_the_publication_date(admin_client):
    convention = ConventionFactory()
    url = reverse("admin:conventions_convention_change", args=[convention.pk])
    page = admin_client.get(url)
    data = {
        **convention_form_data(title_fr=convention.title_fr, slug=convention.slug, publication_state="draft"),
        **inline_management_data(page),
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302
    convention.refresh_from_db()
    assert (convention.publication_state, convention.published_at) == ("draft", None)
