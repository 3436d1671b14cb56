"""A person's page (/<lang>/people/<slug>/): the positions they held, dated,
and the published conventions they signed or spoke at, with the title they
held that day; linked from the convention and actor pages."""

import datetime

import pytest

from conventions.models import Convention, Party
from core.dates import DatePrecision
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mezzour():
    ministry = f.ActorFactory(name="Ministère de l'Industrie et du Commerce", acronym="MIC", slug="mic")
    person = f.PersonFactory(name="Ryad Mezzour", slug="ryad-mezzour")
    f.MandateFactory(
        person=person,
        actor=ministry,
        title="Ministre de l'Industrie et du Commerce",
        start_on=datetime.date(2021, 10, 1),
        start_on_precision=DatePrecision.MONTH,
    )
    signed = f.ConventionFactory(title="Convention signée", signed_on=datetime.date(2025, 2, 12))
    f.PartyFactory(
        convention=signed,
        actor=ministry,
        representative=person,
        representative_title="Ministre",
        representative_capacity=Party.RepresentativeCapacity.SIGNED,
    )
    spoken = f.ConventionFactory(title="Convention présentée", signed_on=datetime.date(2019, 2, 1))
    f.PartyFactory(
        convention=spoken,
        actor=ministry,
        representative=person,
        representative_title="Directeur général",
        representative_capacity=Party.RepresentativeCapacity.SPOKE,
    )
    draft = f.ConventionFactory(title="Brouillon confidentiel", draft=True)
    f.PartyFactory(convention=draft, actor=ministry, representative=person, representative_title="Ministre")
    return person


def test_the_page_lists_the_positions_held_with_their_dates(client, mezzour):
    response = client.get("/fr/people/ryad-mezzour/")
    assert response.status_code == 200
    assert "Ministre de l&#x27;Industrie et du Commerce" in response.text
    assert "depuis octobre 2021" in response.text
    assert 'href="/fr/actors/mic/"' in response.text


def test_the_page_lists_the_conventions_signed_or_spoken_at_with_the_title_held_that_day(client, mezzour):
    response = client.get("/fr/people/ryad-mezzour/")
    acts = [(party.convention.title, party.representative_title) for party in response.context["acts"]]
    assert acts == [("Convention signée", "Ministre"), ("Convention présentée", "Directeur général")]
    assert "a signé en qualité de Ministre" in response.text
    assert "a pris la parole (signature non précisée) en qualité de Directeur général" in response.text


def test_a_draft_never_shows_on_the_page(client, mezzour):
    response = client.get("/fr/people/ryad-mezzour/")
    assert "Brouillon confidentiel" not in response.text
    assert response.context["acts_count"] == 2


def test_a_person_known_only_from_a_draft_has_no_page(client):
    person = f.PersonFactory(slug="inconnu")
    f.PartyFactory(convention=f.ConventionFactory(draft=True), representative=person)
    assert client.get("/fr/people/inconnu/").status_code == 404
    assert client.get("/fr/people/personne-qui-n-existe-pas/").status_code == 404


def test_only_the_latest_twenty_acts_show_with_their_total(client):
    person = f.PersonFactory(slug="tres-actif")
    for n in range(23):
        f.PartyFactory(
            convention=f.ConventionFactory(signed_on=datetime.date(2000 + n, 1, 1)),
            representative=person,
        )
    response = client.get("/fr/people/tres-actif/")
    assert len(response.context["acts"]) == 20 and response.context["acts_count"] == 23
    assert response.context["acts"][0].convention.signed_on == datetime.date(2022, 1, 1)
    assert "Les 20 plus récentes sur 23." in response.text


def test_convention_and_actor_pages_link_to_the_person(client, mezzour):
    convention = Convention.objects.get(title="Convention signée")
    assert 'href="/fr/people/ryad-mezzour/"' in client.get(convention.get_absolute_url()).text
    assert 'href="/fr/people/ryad-mezzour/"' in client.get("/fr/actors/mic/").text
    assert 'href="/ar/people/ryad-mezzour/"' in client.get(convention.get_absolute_url().replace("/fr/", "/ar/")).text


def test_the_page_speaks_each_language(client, mezzour):
    for language in ("fr", "ar", "en"):
        response = client.get(f"/{language}/people/ryad-mezzour/")
        assert response.status_code == 200
        assert f'<html lang="{language}"' in response.text


def test_the_sitemap_lists_public_people_only(client, mezzour):
    hidden = f.PersonFactory(slug="cache")
    f.PartyFactory(convention=f.ConventionFactory(draft=True), representative=hidden)
    text = client.get("/sitemap-people.xml").text
    assert "/fr/people/ryad-mezzour/" in text
    assert "/people/cache/" not in text


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    person = f.PersonFactory(slug="constant")
    for _ in range(count):
        f.MandateFactory(person=person)
        f.PartyFactory(convention=f.ConventionFactory(), representative=person, representative_title="Président")
    # The person (public, decided for that row); their mandates in public
    # actors; their latest acts with convention and actor; their number.
    with django_assert_num_queries(4):
        assert client.get("/fr/people/constant/").status_code == 200
