"""A clerk enters a whole convention on its own page: commitments under their
party and measurements under their objective (django-nested-admin), saved
through the service layer in one transaction, with history and a new
register version."""

from decimal import Decimal

import pytest
from django.urls import reverse

from conventions.models import Commitment, Convention, Measurement, Party
from core import cache as register_cache
from tests.factories import (
    ActorFactory,
    CommitmentFactory,
    ConventionFactory,
    ObjectiveFactory,
    PartyFactory,
    SourceFactory,
)

from .forms import convention_form_data, inline_management_data
from .test_convention_add_with_inlines import objective_data, party_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:conventions_convention_add")


def commitment_data(party, index, description, **extra):
    prefix = f"parties-{party}-commitments-{index}"
    return {
        f"{prefix}-description_fr": description,
        f"{prefix}-description_ar": "",
        f"{prefix}-description_en": "",
        f"{prefix}-amount": "",
        f"{prefix}-currency": "MAD",
        f"{prefix}-position": str(index),
        f"{prefix}-source": "",
        f"{prefix}-document": "",
        f"{prefix}-clause": "",
        f"{prefix}-page": "",
        **{f"{prefix}-{name}": value for name, value in extra.items()},
    }


def measurement_data(objective, index, value, source, **extra):
    prefix = f"objectives-{objective}-measurements-{index}"
    return {
        f"{prefix}-value": str(value),
        f"{prefix}-measured_on": "2021-02-01",
        f"{prefix}-measured_on_precision": "month",
        f"{prefix}-note": "",
        f"{prefix}-source": str(source.pk) if source else "",
        f"{prefix}-document": "",
        f"{prefix}-clause": "",
        f"{prefix}-page": "",
        **{f"{prefix}-{name}": v for name, v in extra.items()},
    }


def whole_convention(add_page, *, source):
    ministry, amica = ActorFactory(acronym="MIC"), ActorFactory(acronym="AMICA")
    return {
        **convention_form_data(),
        **inline_management_data(
            add_page,
            parties=2,
            objectives=1,
            **{"parties-0-commitments": 1, "parties-1-commitments": 1},
        ),
        **party_data(0, ministry),
        **party_data(1, amica),
        **commitment_data(0, 0, "Mobiliser les branches industrielles"),
        **commitment_data(1, 0, "Mandater un cabinet de conseil"),
        **objective_data(0),
        # The page had no objective row (the browser adds it, with its nested management form).
        **management("objectives-0-measurements", 1),
        **measurement_data(0, 0, 21_000_000_000, source),
    }


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_the_add_page_offers_commitments_under_each_party_and_measurements_under_the_objective(admin_client):
    page = admin_client.get(ADD_URL)

    assert page.status_code == 200
    assert 'id="parties-0-commitments-group"' in page.text or "parties-0-commitments-TOTAL_FORMS" in page.text
    assert "parties-empty-commitments-TOTAL_FORMS" in page.text
    assert "objectives-empty-measurements-TOTAL_FORMS" in page.text


def test_a_convention_is_entered_with_commitments_and_a_measurement_on_one_page(admin_client):
    source = SourceFactory()
    version = register_cache.current()

    response = admin_client.post(ADD_URL, whole_convention(admin_client.get(ADD_URL), source=source))

    assert response.status_code == 302, response.context["errors"]
    convention = Convention.objects.get(slug="integration-locale-composants")
    parties = list(convention.parties.order_by("position"))
    assert [[c.description for c in p.commitments.all()] for p in parties] == [
        ["Mobiliser les branches industrielles"],
        ["Mandater un cabinet de conseil"],
    ]
    measurement = Measurement.objects.get(objective__convention=convention)
    assert (measurement.value, measurement.source) == (Decimal(21_000_000_000), source)
    # Through the service layer: history with the user and the admin's reason, a new register version.
    record = Commitment.history.filter(party__in=parties).latest("history_date")
    assert record.history_user.is_superuser
    assert Measurement.history.filter(id=measurement.pk).exists()
    assert register_cache.current() != version


def test_a_measurement_without_a_source_refuses_the_whole_page(admin_client):
    response = admin_client.post(ADD_URL, whole_convention(admin_client.get(ADD_URL), source=None))

    assert response.status_code == 200
    assert "Une mesure cite sa source" in response.text
    assert not Convention.objects.filter(slug="integration-locale-composants").exists()
    assert not Party.objects.exists()


def test_a_commitment_is_added_to_an_existing_party_on_the_convention_page(admin_client):
    from tests.history.helpers import form_values, inline_values

    convention = ConventionFactory(draft=True)
    party = PartyFactory(convention=convention)
    PartyFactory(convention=convention)
    CommitmentFactory(party=party, description="Déjà là")
    url = reverse("admin:conventions_convention_change", args=[convention.pk])
    page = admin_client.get(url)
    data = {**form_values(page), **inline_values(page)}
    index = next(
        i for i, form in enumerate(page.context["inline_admin_formsets"][0].formset.forms) if form.instance == party
    )
    data[f"parties-{index}-commitments-TOTAL_FORMS"] = "2"
    data.update(commitment_data(index, 1, "Accélérer le traitement des dossiers", position="1"))

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    assert [c.description for c in party.commitments.order_by("position")] == [
        "Déjà là",
        "Accélérer le traitement des dossiers",
    ]


@pytest.mark.parametrize("model", ["party", "objective"])
def test_saving_a_party_or_an_objective_returns_to_its_convention(admin_client, model):
    from tests.history.helpers import form_values, inline_values

    convention = ConventionFactory(draft=True)
    obj = PartyFactory(convention=convention) if model == "party" else ObjectiveFactory(convention=convention)
    url = reverse(f"admin:conventions_{model}_change", args=[obj.pk])
    page = admin_client.get(url)

    response = admin_client.post(url, {**form_values(page), **inline_values(page)})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:conventions_convention_change", args=[convention.pk])


def test_save_and_continue_on_a_party_stays_on_the_party(admin_client):
    from tests.history.helpers import form_values, inline_values

    party = PartyFactory(convention=ConventionFactory(draft=True))
    url = reverse("admin:conventions_party_change", args=[party.pk])
    page = admin_client.get(url)

    response = admin_client.post(url, {**form_values(page), **inline_values(page), "_continue": "1"})

    assert response["Location"] == url
