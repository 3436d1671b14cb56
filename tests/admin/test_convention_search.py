"""The convention changelist finds a convention by any name its parties went by."""

import pytest
from django.urls import reverse

from actors.models import ActorName
from conventions.models import Convention
from tests.factories import ActorFactory, ActorNameFactory, ConventionFactory, PartyFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:conventions_convention_changelist")


@pytest.fixture
def amica_convention():
    amica = ActorFactory(name="Association Marocaine pour l'Industrie et le Commerce de l'Automobile", acronym="AMICA")
    ActorNameFactory(
        actor=amica,
        name="Association Marocaine de l'Industrie et du Montage Automobile",
        acronym="AMICA",
        kind=ActorName.Kind.VARIANT,
    )
    ActorNameFactory(actor=amica, name="Association des constructeurs automobiles", kind=ActorName.Kind.INFORMAL)
    ministry = ActorFactory(name="Ministère de l'Industrie et du Commerce", acronym="MIC")
    convention = ConventionFactory(title="Convention pour l'intégration locale des composants")
    PartyFactory(convention=convention, actor=amica)
    PartyFactory(convention=convention, actor=ministry)
    ConventionFactory(title="Convention sans rapport")
    return convention


def results(client, term):
    response = client.get(URL, {"q": term})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_search_by_acronym_finds_the_convention(admin_client, amica_convention):
    assert results(admin_client, "AMICA") == [amica_convention]


def test_search_by_an_alias_finds_the_convention(admin_client, amica_convention):
    assert results(admin_client, "Industrie et du Montage Automobile") == [amica_convention]


def test_search_by_the_current_name_finds_the_convention(admin_client, amica_convention):
    assert results(admin_client, "Commerce de l'Automobile") == [amica_convention]


def test_a_term_matching_several_names_and_parties_lists_the_convention_once(admin_client, amica_convention):
    # "Association" is in the current name and both aliases; "Industrie" also
    # names the ministry party: one row per convention all the same.
    response = admin_client.get(URL, {"q": "Association Industrie"})

    assert list(response.context["cl"].result_list) == [amica_convention]
    assert response.context["cl"].result_count == 1


def test_search_by_title_still_works(admin_client, amica_convention):
    assert results(admin_client, "sans rapport") == [Convention.objects.get(title_fr="Convention sans rapport")]


def test_actor_changelist_counts_conventions_once_when_the_search_joins_aliases(admin_client, amica_convention):
    response = admin_client.get(reverse("admin:actors_actor_changelist"), {"q": "Association"})

    (amica,) = response.context["cl"].result_list
    assert amica.acronym == "AMICA"
    assert amica.conventions_count == 1


def test_the_party_actor_autocomplete_finds_an_actor_by_a_former_name(admin_client, amica_convention):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "conventions", "model_name": "party", "field_name": "actor", "term": "Montage Automobile"},
    )

    assert [result["text"] for result in response.json()["results"]] == [
        "Association Marocaine pour l'Industrie et le Commerce de l'Automobile (AMICA)"
    ]
