"""The site-wide search (/<lang>/search/?q=…): conventions, actors, people and
plans found by what a reader types, grouped by kind, drafts never."""

import pytest

from conventions.models import Convention, Party
from plans.models import Region
from shiraka.site_search import GROUP_SIZE
from tests import factories as f

pytestmark = pytest.mark.django_db

SEARCH = "/fr/search/"


def found(client, q, **params):
    """{kind: (names shown, total)} for `q`."""
    groups = client.get(SEARCH, {"q": q, **params}).context["groups"]
    names = {
        "conventions": lambda c: c.title,
        "actors": lambda a: a.name,
        "people": lambda p: p.name,
        "plans": lambda p: p.name,
    }
    return {kind: ([names[kind](row) for row in rows], total) for kind, (rows, total) in groups.items()}


@pytest.fixture
def register():
    ministry = f.ActorFactory(name="Ministère de l'Industrie et du Commerce", acronym="MIC", kind="ministry")
    f.ActorNameFactory(actor=ministry, name="Ministère de l'Industrie, du Commerce et de l'Économie Verte et Numérique")
    amica = f.ActorFactory(name="Association Marocaine pour l'Industrie et la Construction Automobile", acronym="AMICA")
    cam = f.ActorFactory(name="Crédit Agricole du Maroc", acronym="CAM", name_ar="القرض الفلاحي للمغرب")
    mezzour = f.PersonFactory(name="Ryad Mezzour")
    fikrat = f.PersonFactory(name="Mohamed Fikrat")
    f.MandateFactory(person=mezzour, actor=ministry, title="Ministre")
    convention = f.ConventionFactory(title="Accompagnement financier du secteur automobile", place="Tanger")
    f.PartyFactory(convention=convention, actor=ministry, representative=mezzour, representative_title="Ministre")
    f.PartyFactory(
        convention=convention,
        actor=cam,
        representative=fikrat,
        representative_title="Président du directoire",
        representative_capacity=Party.RepresentativeCapacity.SIGNED,
    )
    f.PartyFactory(convention=convention, actor=amica)
    convention.regions.add(Region.objects.get(code="MA-02"))  # l'Oriental
    pai = f.PlanFactory(name="Plan d'Accélération Industrielle", short_name="PAI")
    pole = f.PlanComponentFactory(plan=pai, name="Pôle MedEst", region=Region.objects.get(code="MA-02"))
    f.PlanComponentFactory(plan=pai, parent=pole, name="Technopole d'Oujda", location="Oujda")
    f.PlanFactory(name="Plan Maroc Vert")
    Convention.objects.refresh_search_text()
    return convention


@pytest.fixture
def drafts(register):
    """A draft convention whose actor, representative and title exist nowhere else."""
    draft = f.ConventionFactory(title="Brouillon secret Zanzibar", draft=True)
    hidden = f.ActorFactory(name="Société Zanzibar Confidentielle", acronym="SZC")
    f.PartyFactory(convention=draft, actor=hidden, representative=f.PersonFactory(name="Karim Zanzibar"))
    f.PartyFactory(convention=draft, actor=register.parties.first().actor)
    f.MandateFactory(person=f.PersonFactory(name="Nadia Zanzibar"), actor=hidden)
    Convention.objects.refresh_search_text()
    return draft


def test_a_minister_is_found_by_family_name_with_the_convention_he_spoke_at(client, register):
    result = found(client, "Mezzour")
    assert result["people"] == (["Ryad Mezzour"], 1)
    assert result["conventions"] == (["Accompagnement financier du secteur automobile"], 1)


def test_a_person_links_to_their_page_with_their_position(client, register):
    text = client.get(SEARCH, {"q": "fikrat"}).text
    assert 'href="/fr/people/' in text
    assert "Mohamed Fikrat" in text


def test_actors_are_found_by_acronym_name_and_former_name_without_accents_or_case(client, register):
    assert found(client, "amica")["actors"][0] == [
        "Association Marocaine pour l'Industrie et la Construction Automobile"
    ]
    assert found(client, "credit agricole")["actors"][0] == ["Crédit Agricole du Maroc"]
    former = found(client, "economie verte")
    assert former["actors"][0] == ["Ministère de l'Industrie et du Commerce"]


def test_arabic_names_are_found_without_their_diacritics(client, register):
    # The stored name has none; the reader types the vowel marks.
    assert found(client, "القَرْض الفلاحي")["actors"][0] == ["Crédit Agricole du Maroc"]


def test_places_and_components_find_their_plan(client, register):
    for typed in ("Oujda", "technopole", "MedEst", "oriental"):
        assert found(client, typed)["plans"][0] == ["Plan d'Accélération Industrielle"], typed


def test_a_region_finds_the_conventions_held_in_it(client, register):
    assert found(client, "Oriental")["conventions"][1] == 1


def test_plans_are_found_by_name_and_short_name(client, register):
    assert found(client, "PAI")["plans"][0] == ["Plan d'Accélération Industrielle"]
    assert found(client, "maroc vert")["plans"][0] == ["Plan Maroc Vert"]


def test_drafts_never_appear_in_any_group(client, drafts):
    assert found(client, "Zanzibar") == {
        "conventions": ([], 0),
        "actors": ([], 0),
        "people": ([], 0),
        "plans": ([], 0),
    }
    text = client.get(SEARCH, {"q": "Zanzibar"}).text
    for shown in ("Brouillon secret", "Société Zanzibar", "SZC", "Karim Zanzibar", "Nadia Zanzibar"):
        assert shown not in text
    assert "Rien ne correspond" in text
    # An actor party to both a draft and a published convention shows, but not the draft.
    result = found(client, "industrie commerce")
    assert "Brouillon secret Zanzibar" not in result["conventions"][0]


def test_a_draft_only_person_has_no_page(client, drafts):
    from actors.models import Person

    for name in ("Karim Zanzibar", "Nadia Zanzibar"):
        assert client.get(Person.objects.get(name=name).get_absolute_url()).status_code == 404


def test_each_group_shows_ten_with_a_link_to_all(client):
    for n in range(GROUP_SIZE + 3):
        f.ActorFactory(name=f"Fédération des métiers n°{n}", acronym=f"FM{n}")
        convention = f.ConventionFactory(title=f"Convention des métiers n°{n}")
        f.PartyFactory(convention=convention, actor=f.ActorFactory(name=f"Coopérative {n}"))
    # Public actors only: those of the first ten conventions are, the federations are not.
    Convention.objects.refresh_search_text()
    response = client.get(SEARCH, {"q": "metiers"})
    rows, total = response.context["groups"]["conventions"]
    assert (len(rows), total) == (GROUP_SIZE, GROUP_SIZE + 3)
    assert 'href="/fr/conventions/?q=metiers"' in response.text
    rows, total = client.get(SEARCH, {"q": "cooperative"}).context["groups"]["actors"]
    assert (len(rows), total) == (GROUP_SIZE, GROUP_SIZE + 3)
    assert "kind=actors" in client.get(SEARCH, {"q": "cooperative"}).text
    rows, total = client.get(SEARCH, {"q": "cooperative", "kind": "actors"}).context["groups"]["actors"]
    assert (len(rows), total) == (GROUP_SIZE + 3, GROUP_SIZE + 3)


def test_an_exact_name_comes_first(client):
    for name in ("Banque Populaire Centrale", "Banque Populaire", "Association des amis de la Banque Populaire"):
        f.PartyFactory(convention=f.ConventionFactory(), actor=f.ActorFactory(name=name, acronym=""))
    assert found(client, "banque populaire")["actors"][0] == [
        "Banque Populaire",
        "Banque Populaire Centrale",
        "Association des amis de la Banque Populaire",
    ]


def test_an_empty_or_blank_query_shows_the_form_only(client, register):
    for params in ({}, {"q": "   "}, {"q": "!!"}):
        response = client.get(SEARCH, params)
        assert response.status_code == 200
        assert response.context["groups"] == {}


def test_the_header_search_box_searches_the_whole_register(client, register):
    assert 'action="/fr/search/"' in client.get("/fr/").text
    assert 'action="/ar/search/"' in client.get("/ar/").text


def test_the_page_speaks_each_language(client, register):
    for language in ("fr", "ar", "en"):
        response = client.get(f"/{language}/search/", {"q": "Mezzour"})
        assert response.status_code == 200
        assert "Ryad Mezzour" in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_the_search_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for n in range(count):
        actor = f.ActorFactory(name=f"Groupement industriel {n}")
        person = f.PersonFactory(name=f"Samir Industriel{n}")
        f.MandateFactory(person=person, actor=actor)
        convention = f.ConventionFactory(title=f"Convention industrielle {n}")
        f.PartyFactory(convention=convention, actor=actor, representative=person)
        f.PlanComponentFactory(plan=f.PlanFactory(name=f"Plan {n}"), name=f"Zone industrielle {n}")
    Convention.objects.refresh_search_text()
    # The version; the index of names (actors, their other names, people,
    # plans, their components); the conventions' count, first ten and their
    # parties, and why they matched (conventions.highlights); the actors; the
    # people and their mandates; the plans. Once per version and words:
    # whether they are rare enough to fetch by key (conventions.search).
    with django_assert_num_queries(15):
        assert client.get(SEARCH, {"q": "industriel"}).status_code == 200
    # Then the index and the count are kept for this version.
    with django_assert_num_queries(8):
        assert client.get(SEARCH, {"q": "industriel", "x": "1"}).status_code == 200
