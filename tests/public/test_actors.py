import datetime
import html

import pytest

from conventions.models import FollowUpAction, Party
from core.dates import DatePrecision
from tests import factories as f
from tests.public.helpers import full_convention

pytestmark = pytest.mark.django_db


def text_of(response):
    assert response.status_code == 200
    return html.unescape(response.text)


@pytest.fixture
def amica():
    actor = f.ActorFactory(
        name="Association marocaine pour l'industrie et le commerce de l'automobile", acronym="AMICA"
    )
    return actor


@pytest.mark.parametrize("language,direction", [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_actor_pages_answer_in_each_language(client, amica, language, direction):
    f.PartyFactory(actor=amica)
    for url in (f"/{language}/actors/", amica.get_absolute_url().replace("/fr/", f"/{language}/", 1)):
        text = text_of(client.get(url))
        assert f'lang="{language}" dir="{direction}"' in text
        assert text.count("<h1") == 1


def test_the_list_counts_published_conventions_only(client, amica):
    f.PartyFactory(actor=amica)
    f.PartyFactory(actor=amica)
    f.PartyFactory(actor=amica, convention=f.ConventionFactory(draft=True))
    response = client.get("/fr/actors/")
    [row] = [actor for actor in response.context["object_list"] if actor.pk == amica.pk]
    assert row.convention_count == 2


def test_an_actor_known_only_from_a_draft_is_neither_listed_nor_shown(client):
    hidden = f.ActorFactory(name="Acteur des brouillons")
    f.PartyFactory(actor=hidden, convention=f.ConventionFactory(draft=True))
    assert "Acteur des brouillons" not in text_of(client.get("/fr/actors/"))
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_list_is_paginated_by_50(client):
    for _ in range(51):
        f.PartyFactory()
    response = client.get("/fr/actors/")
    assert len(response.context["object_list"]) == 50
    assert client.get("/fr/actors/?page=2").status_code == 200


def test_conventions_are_grouped_by_role_and_drafts_never_appear(client, amica):
    f.PartyFactory(actor=amica, convention=f.ConventionFactory(title="Convention signée par AMICA"))
    f.PartyFactory(
        actor=amica, role=Party.Role.BENEFICIARY, convention=f.ConventionFactory(title="Convention au profit d'AMICA")
    )
    draft = f.ConventionFactory(title="SECRET brouillon", draft=True)
    f.PartyFactory(actor=amica, convention=draft)
    f.PartyFactory(convention=draft, actor=f.ActorFactory(name="SECRET partenaire"))
    f.FollowUpActionFactory(convention=draft, responsible=amica, title="SECRET action")
    f.ObjectiveFactory(convention=draft, indicator="SECRET objectif")
    response = client.get(amica.get_absolute_url())
    text = text_of(response)
    assert [(label, count) for label, _parties, count in response.context["roles"]] == [
        ("Signataire", 1),
        ("Bénéficiaire", 1),
    ]
    assert text.index("Convention signée par AMICA") < text.index("Convention au profit d'AMICA")
    assert "SECRET" not in text
    assert response.context["convention_count"] == 2


def test_partners_with_shared_convention_counts(client, amica):
    cam = f.ActorFactory(acronym="CAM")
    ministry = f.ActorFactory(acronym="MIC")
    for _ in range(2):
        convention = f.ConventionFactory()
        f.PartyFactory(convention=convention, actor=amica)
        f.PartyFactory(convention=convention, actor=cam)
    convention = f.ConventionFactory()
    f.PartyFactory(convention=convention, actor=amica)
    f.PartyFactory(convention=convention, actor=ministry)
    draft = f.ConventionFactory(draft=True)
    f.PartyFactory(convention=draft, actor=amica)
    f.PartyFactory(convention=draft, actor=ministry)
    partners = client.get(amica.get_absolute_url()).context["partners"]
    assert [(p.acronym, p.shared) for p in partners] == [("CAM", 2), ("MIC", 1)]


def test_people_mandates_and_the_titles_they_acted_under(client, amica):
    person = f.PersonFactory(name="Hakim Abdelmoumen")
    f.MandateFactory(
        person=person,
        actor=amica,
        title="Président",
        start_on=datetime.date(2019, 2, 1),
        start_on_precision=DatePrecision.MONTH,
    )
    f.PartyFactory(
        actor=amica,
        representative=person,
        representative_title="Président de l'AMICA",
        representative_capacity=Party.RepresentativeCapacity.SPOKE,
        convention=f.ConventionFactory(title="Convention CAM AMICA"),
    )
    f.PartyFactory(
        actor=amica,
        representative=person,
        representative_title="SECRET titre",
        convention=f.ConventionFactory(draft=True),
    )
    text = text_of(client.get(amica.get_absolute_url()))
    assert "Président — depuis février 2019" in text
    assert "a pris la parole (signature non précisée) en qualité de Président de l'AMICA" in text
    assert "SECRET" not in text


def test_former_names_with_their_periods(client, amica):
    f.PartyFactory(actor=amica)
    f.ActorNameFactory(
        actor=amica,
        name="Ministère de l'Industrie, du Commerce et de l'Économie verte et numérique",
        valid_from=datetime.date(2019, 1, 1),
        valid_from_precision=DatePrecision.YEAR,
        valid_until=datetime.date(2021, 10, 1),
        valid_until_precision=DatePrecision.MONTH,
    )
    text = text_of(client.get(amica.get_absolute_url()))
    former = "Ministère de l'Industrie, du Commerce et de l'Économie verte et numérique"
    assert f"{former} — Ancien nom officiel, 2019 – octobre 2021" in text


def test_parent_and_child_organisations_that_are_public(client):
    ministry = f.ActorFactory(name="Ministère de l'Industrie")
    department = f.ActorFactory(name="Direction des industries automobiles", parent=ministry)
    hidden = f.ActorFactory(name="Direction inconnue du public", parent=ministry)
    f.PartyFactory(actor=ministry)
    f.PartyFactory(actor=department)
    f.PartyFactory(actor=hidden, convention=f.ConventionFactory(draft=True))
    text = text_of(client.get(ministry.get_absolute_url()))
    assert "Direction des industries automobiles" in text
    assert "Direction inconnue du public" not in text
    assert "Ministère de l'Industrie" in text_of(client.get(department.get_absolute_url()))


def test_the_scorecard_of_actions_it_answers_for(client, amica):
    convention = f.ConventionFactory()
    f.PartyFactory(convention=convention, actor=amica)
    f.FollowUpActionFactory(convention=convention, responsible=amica, due_on=datetime.date(2020, 1, 1))
    f.FollowUpActionFactory(
        convention=convention,
        responsible=amica,
        state=FollowUpAction.State.IN_PROGRESS,
        due_on=datetime.date(2099, 1, 1),
    )
    f.FollowUpActionFactory(
        convention=convention,
        responsible=amica,
        state=FollowUpAction.State.DONE,
        completed_on=datetime.date(2024, 1, 1),
    )
    f.FollowUpActionFactory(convention=f.ConventionFactory(draft=True), responsible=amica, title="SECRET action")
    response = client.get(amica.get_absolute_url())
    assert response.context["scorecard"] == {"total": 3, "done": 1, "in_progress": 1, "planned": 1, "overdue": 1}
    text = text_of(response)
    assert '<strong class="badge late">En retard</strong>' in text
    assert "SECRET" not in text


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        f.PartyFactory()
    # The register's version, the count (once per version), then the page of
    # actors with their published-convention counts.
    with django_assert_num_queries(3):
        assert client.get("/fr/actors/").status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_the_actor_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, amica, count):
    amica.parent = f.ActorFactory()
    amica.save()
    f.PartyFactory(actor=amica.parent)
    for n in range(count):
        convention = full_convention(size=2) if n < 2 else f.ConventionFactory()
        person = f.PersonFactory()
        f.MandateFactory(actor=amica, person=person)
        f.ActorNameFactory(actor=amica)
        f.PartyFactory(convention=convention, actor=amica, representative=person, representative_title="Président")
        f.PartyFactory(convention=convention)
        f.FollowUpActionFactory(convention=convention, responsible=amica)
        f.PlanFactory(owner=amica)
        f.PartyFactory(actor=f.ActorFactory(parent=amica))
    # The actor (parent); names; public children; plans; the register's
    # version; then, once per version and day: conventions per role; the
    # latest of each role (convention, representative); the people of the
    # latest mandates; acts of the people who acted most, and of those with a
    # mandate; their latest acts; partners, and their number; the action
    # scorecard; the actions shown; whether the parent is public.
    with django_assert_num_queries(16):
        assert client.get(amica.get_absolute_url()).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(amica.get_absolute_url()).status_code == 200


def test_an_actor_in_many_conventions_shows_the_latest_of_each_role_and_the_totals(client, amica):
    person = f.PersonFactory(name="Hakim Abdelmoumen")
    for day in range(1, 26):
        convention = f.ConventionFactory(title=f"Convention du {day} mars", signed_on=datetime.date(2024, 3, day))
        f.PartyFactory(convention=convention, actor=amica, representative=person)
        f.PartyFactory(convention=convention, actor=f.ActorFactory(acronym=f"P{day}"))
        f.FollowUpActionFactory(convention=convention, responsible=amica)
    response = client.get(amica.get_absolute_url())
    ((label, parties, count),) = response.context["roles"]
    assert (label, count, len(parties)) == ("Signataire", 25, 10)
    assert parties[0].convention.title == "Convention du 25 mars"
    assert response.context["convention_count"] == 25
    assert (len(response.context["partners"]), response.context["partner_count"]) == (20, 25)
    assert (len(response.context["actions"]), response.context["scorecard"]["total"]) == (20, 25)
    (entry,) = response.context["people"]
    assert (len(entry["acts"]), entry["acts_count"]) == (3, 25)
    text = text_of(response)
    assert "Les 10 plus récentes sur 25." in text
    assert "Les 20 principaux sur 25." in text
    assert "Les 3 plus récentes sur 25." in text
    assert f'href="/fr/conventions/?actor={amica.slug}"' in response.content.decode()


def test_the_page_shows_the_people_who_acted_most_and_every_holder_of_a_mandate(client, amica):
    minister = f.PersonFactory(name="Ryad Mezzour", family_name="Mezzour")
    f.MandateFactory(actor=amica, person=minister)
    people = [f.PersonFactory(name=f"Signataire {n:02}", family_name=f"Signataire {n:02}") for n in range(8)]
    for n, person in enumerate(people):
        for _ in range(1 if n < 3 else 2):  # the first three acted least
            f.PartyFactory(actor=amica, representative=person, representative_title="Directeur")
    text = client.get(amica.get_absolute_url()).text
    assert "Ryad Mezzour" in text  # a mandate, no act
    assert all(person.name in text for person in people[3:])
    assert not any(person.name in text for person in people[:3])


def test_the_page_shows_the_people_of_the_latest_mandates_only(client, amica):
    for year in range(2010, 2020):
        person = f.PersonFactory(name=f"Ministre {year}", family_name=f"Ministre {year}")
        f.MandateFactory(
            actor=amica, person=person, start_on=datetime.date(year, 1, 1), start_on_precision=DatePrecision.YEAR
        )
    f.PartyFactory(actor=amica)
    text = client.get(amica.get_absolute_url()).text
    assert "Ministre 2019" in text and "Ministre 2015" in text
    assert "Ministre 2014" not in text
