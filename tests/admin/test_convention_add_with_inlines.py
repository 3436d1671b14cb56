"""A clerk records a convention, its parties and its objectives on one page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from conventions.models import Convention, Objective, Party
from core.dates import DatePrecision
from tests.factories import ActorFactory, PersonFactory

from .forms import convention_form_data, inline_management_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:conventions_convention_add")


@pytest.fixture
def add_page(admin_client):
    return admin_client.get(ADD_URL)


def party_data(index, actor, **extra):
    return {
        f"parties-{index}-actor": str(actor.pk),
        f"parties-{index}-role": "signatory",
        f"parties-{index}-position": str(index),
        f"parties-{index}-name_as_written": "",
        f"parties-{index}-representative": "",
        f"parties-{index}-representative_title": "",
        f"parties-{index}-representative_capacity": "signed",
        f"parties-{index}-joined_on": "",
        f"parties-{index}-withdrew_on": "",
        f"parties-{index}-note": "",
        **{f"parties-{index}-{name}": value for name, value in extra.items()},
    }


def objective_data(index, **extra):
    return {
        f"objectives-{index}-indicator_fr": "Créations d'emplois",
        f"objectives-{index}-indicator_ar": "",
        f"objectives-{index}-indicator_en": "Jobs created",
        f"objectives-{index}-comparator": "gte",
        f"objectives-{index}-target_value": "13340",
        f"objectives-{index}-unit": "emplois",
        f"objectives-{index}-baseline_value": "",
        f"objectives-{index}-baseline_year": "",
        f"objectives-{index}-horizon_on": "2020-06-15",
        f"objectives-{index}-horizon_on_precision": "year",
        f"objectives-{index}-horizon_label_fr": "",
        f"objectives-{index}-horizon_label_ar": "",
        f"objectives-{index}-horizon_label_en": "",
        f"objectives-{index}-note_fr": "",
        f"objectives-{index}-note_ar": "",
        f"objectives-{index}-note_en": "",
        f"objectives-{index}-source": "",
        f"objectives-{index}-document": "",
        f"objectives-{index}-clause": "",
        f"objectives-{index}-page": "",
        f"objectives-{index}-position": "0",
        **{f"objectives-{index}-{name}": value for name, value in extra.items()},
    }


def test_a_convention_is_saved_with_two_parties_and_an_objective(admin_client, add_page):
    amica = ActorFactory(acronym="AMICA")
    ministry = ActorFactory(acronym="MIC")
    minister = PersonFactory(name="Ryad Mezzour")
    data = {
        **convention_form_data(),
        **inline_management_data(add_page, parties=2, objectives=1),
        **party_data(0, ministry, representative=str(minister.pk), representative_title="Ministre"),
        **party_data(1, amica),
        **objective_data(0),
    }

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["errors"]
    convention = Convention.objects.get(slug="integration-locale-composants")
    assert [(p.actor, p.representative) for p in convention.parties.order_by("position")] == [
        (ministry, minister),
        (amica, None),
    ]
    objective = convention.objectives.get()
    assert (objective.indicator_fr, objective.indicator_en) == ("Créations d'emplois", "Jobs created")
    assert objective.target_value == Decimal(13340)
    # Model.clean() ran: dates are stored as the first day of their period.
    assert objective.horizon_on == datetime.date(2020, 1, 1)
    assert convention.signed_on == datetime.date(2019, 2, 1)
    assert convention.signed_on_precision == DatePrecision.MONTH
    assert convention.published_at is None


def test_the_same_actor_twice_is_a_form_error_not_a_crash(admin_client, add_page):
    amica = ActorFactory(acronym="AMICA")
    data = {
        **convention_form_data(),
        **inline_management_data(add_page, parties=2),
        **party_data(0, amica),
        **party_data(1, amica, role="financier"),
    }

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 200
    parties = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "parties").formset
    assert parties.non_form_errors()
    assert not Convention.objects.exists()
    assert not Party.objects.exists()


def test_the_french_title_is_required(admin_client, add_page):
    data = {**convention_form_data(title_fr="", title_en="Partnership agreement"), **inline_management_data(add_page)}

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "title_fr" in response.context["adminform"].form.errors
    assert not Convention.objects.exists()


def test_an_objective_still_needs_its_target(admin_client, add_page):
    data = {
        **convention_form_data(),
        **inline_management_data(add_page, objectives=1),
        **objective_data(0, target_value=""),
    }

    response = admin_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Objective.objects.exists()


def test_a_plan_is_saved_with_an_objective(admin_client):
    url = reverse("admin:plans_plan_add")
    page = admin_client.get(url)
    data = {
        "name_fr": "Plan d'Accélération Industrielle",
        "name_ar": "",
        "name_en": "Industrial Acceleration Plan",
        "short_name_fr": "PAI",
        "short_name_ar": "",
        "short_name_en": "",
        "slug": "pai",
        "kind": "plan",
        "start_year": "2014",
        "end_year": "2020",
        "summary_fr": "",
        "summary_ar": "",
        "summary_en": "",
        "website": "",
        **inline_management_data(page, objectives=1),
        **objective_data(0, target_value="500000"),
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    objective = Objective.objects.get()
    assert objective.plan.slug == "pai"
    assert objective.convention is None
