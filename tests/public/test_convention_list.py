import datetime

import pytest

from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/fr/conventions/"


def titles(response):
    return {c.title for c in response.context["object_list"]}


@pytest.fixture
def register():
    automobile = f.SectorFactory(slug="automobile", name="Automobile")
    amica = f.ActorFactory(slug="amica", acronym="AMICA")
    relance = f.PlanFactory(slug="plan-de-relance-industrielle")
    pai = f.PlanFactory(slug="pai")
    a = f.ConventionFactory(title="Financement automobile", kind=Convention.Kind.PARTNERSHIP)
    a.sectors.add(automobile)
    a.plans.add(relance)
    f.PartyFactory(convention=a, actor=amica)
    b = f.ConventionFactory(title="Intégration locale", signed_on="2016-01-01", signed_on_precision="year")
    f.PartyFactory(convention=b, actor=amica)
    b.components.add(f.PlanComponentFactory(plan=pai))
    draft = f.ConventionFactory(title="Brouillon AMICA", draft=True)
    draft.sectors.add(automobile)
    f.PartyFactory(convention=draft, actor=amica)
    Convention.objects.refresh_search_text()
    return a, b


def test_filter_by_actor_lists_each_convention_once(client, register):
    assert titles(client.get(LIST, {"actor": "amica"})) == {"Financement automobile", "Intégration locale"}


def test_filter_by_plan_includes_conventions_serving_one_of_its_components(client, register):
    assert titles(client.get(LIST, {"plan": "pai"})) == {"Intégration locale"}
    assert titles(client.get(LIST, {"plan": "plan-de-relance-industrielle"})) == {"Financement automobile"}


def test_filter_by_year_and_sector(client, register):
    assert titles(client.get(LIST, {"year": "2016"})) == {"Intégration locale"}
    assert titles(client.get(LIST, {"sector": "automobile"})) == {"Financement automobile"}


def test_an_unknown_filter_value_gets_a_message_not_an_error(client, register):
    response = client.get(LIST, {"sector": "nope", "year": "abc"})
    assert response.status_code == 200
    assert "ont été ignorés" in response.text


def test_facets_count_only_published_conventions(client, register):
    facets = client.get(LIST).context["facets"]
    assert [(s.slug, s.count) for s in facets["sector"]] == [("automobile", 1)]
    assert [(a.slug, a.count) for a in facets["actor"]] == [("amica", 2)]


def test_search_and_facets_together(client, register):
    response = client.get(LIST, {"q": "integration"})
    assert titles(response) == {"Intégration locale"}
    assert [(p.slug, p.count) for p in response.context["facets"]["plan"]] == []


def test_the_draft_is_never_found_by_search(client, register):
    assert "Brouillon AMICA" not in titles(client.get(LIST, {"q": "brouillon"}))


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    sector = f.SectorFactory()
    for _ in range(count):
        convention = f.ConventionFactory()
        convention.sectors.add(sector)
        f.PartyFactory(convention=convention)
        f.PartyFactory(convention=convention)
    # Validating the filter (sector), the register's version, the count, 7
    # facet counts, the sector, plan and region options of the form, the page,
    # and its parties with their actors.
    with django_assert_num_queries(15):
        assert client.get(LIST, {"sector": sector.slug}).status_code == 200
    # The count, the filter form and the facets are kept for this selection
    # until the next write: validating the filter, the version, the page, its parties.
    with django_assert_num_queries(4):
        assert client.get(LIST, {"sector": sector.slug, "page": 1}).status_code == 200


def test_a_facet_link_keeps_the_filters_already_chosen(client, register):
    text = client.get(LIST, {"actor": "amica"}).text
    assert 'href="?actor=amica&amp;sector=automobile"' in text


def test_a_nul_character_in_the_address_is_refused_cleanly(client):
    assert client.get(LIST, {"q": "x\x00"}).status_code == 400


def test_the_actor_facet_keeps_the_twenty_most_frequent_actors(client):
    from conventions.filters import ACTOR_FACET_SIZE

    frequent = f.ActorFactory(slug="frequent")
    for _ in range(ACTOR_FACET_SIZE + 5):
        convention = f.ConventionFactory()
        f.PartyFactory(convention=convention, actor=frequent)
        f.PartyFactory(convention=convention)

    facets = client.get(LIST).context["facets"]["actor"]

    assert len(facets) == ACTOR_FACET_SIZE
    assert (facets[0].slug, facets[0].count) == ("frequent", ACTOR_FACET_SIZE + 5)


def test_search_ranks_by_relevance_a_bounded_number_of_matches(client, monkeypatch):
    """Ranking reads every match: above RANKED_AT_MOST matches they come
    newest first, and the page says so when relevance was asked for."""
    from django.db import connection

    from conventions.filters import ConventionFilterSet

    f.ConventionFactory(title="Usine usine usine automobile", signed_on=datetime.date(2015, 1, 1))
    f.ConventionFactory(title="Usine de batteries", signed_on=datetime.date(2020, 1, 1))
    Convention.objects.refresh_search_text()

    def titles(response):
        return [c.title for c in response.context["object_list"]]

    ranked = client.get(LIST, {"q": "usine", "sort": "relevance"})
    if connection.vendor == "postgresql":
        assert titles(ranked) == ["Usine usine usine automobile", "Usine de batteries"]
    assert "classées de la plus récente" not in ranked.text
    monkeypatch.setattr(ConventionFilterSet, "RANKED_AT_MOST", 1)
    newest_first = client.get(LIST, {"q": "usine", "sort": "relevance", "page": 1})
    assert titles(newest_first) == ["Usine de batteries", "Usine usine usine automobile"]
    if connection.vendor == "postgresql":
        assert "classées de la plus récente à la plus ancienne" in newest_first.text


@pytest.mark.parametrize(("url", "params"), [(LIST, {}), ("/api/v1/conventions/", {"page_size": 25})])
def test_a_deep_page_reads_its_ids_first_and_shows_the_same_rows(client, monkeypatch, settings, url, params):
    from core.pagination import Paginator

    settings.PUBLIC_CACHE = False  # the same addresses are asked twice

    for n in range(60):
        f.ConventionFactory(title=f"Convention {n % 7}", signed_on=datetime.date(2000 + n % 5, 1, 1))

    def page(number):
        response = client.get(url, {**params, "page": number})
        if url.startswith("/api/"):
            return [row["slug"] for row in response.json()["results"]]
        return [convention.slug for convention in response.context["object_list"]]

    monkeypatch.setattr(Paginator, "DEFERRED_FROM", 10**9)
    by_offset = [page(n) for n in (1, 2, 3)]
    monkeypatch.setattr(Paginator, "DEFERRED_FROM", 25)
    monkeypatch.setattr(Paginator, "IDS_KEPT", 20)  # a page spans two runs of kept ids
    assert [page(n) for n in (1, 2, 3)] == by_offset
    assert [page(n) for n in (3, 2)] == by_offset[:0:-1]  # read again from the runs kept
    assert sum(map(len, by_offset)) == 60


@pytest.mark.parametrize(("url", "params"), [(LIST, {}), ("/api/v1/conventions/", {"page_size": 25})])
def test_a_deep_page_follows_a_write_and_its_own_order(client, monkeypatch, settings, url, params):
    from core.pagination import Paginator

    settings.PUBLIC_CACHE = False
    monkeypatch.setattr(Paginator, "DEFERRED_FROM", 25)
    for n in range(50):
        f.ConventionFactory(
            title=f"Convention {n:02}", slug=f"c{n:02}", signed_on=datetime.date(2001, 1, 1) + datetime.timedelta(n)
        )

    def page(number, **more):
        response = client.get(url, {**params, **more, "page": number})
        if url.startswith("/api/"):
            return [row["slug"] for row in response.json()["results"]]
        return [convention.slug for convention in response.context["object_list"]]

    newest_first = page(2)
    assert newest_first[0] == "c24"
    assert page(2, sort="title")[0] == "c25"
    f.ConventionFactory(title="Convention 50", slug="c50", signed_on=datetime.date(2010, 1, 1))
    assert page(2)[0] == "c25"


# --- Filters that take what a reader types (issue 12) ---------------------------


@pytest.fixture
def named(register):
    amica = f.ActorFactory._meta.model.objects.get(slug="amica")
    amica.name = "Association Marocaine pour l'Industrie et la Construction Automobile"
    amica.save()
    f.ActorNameFactory(actor=amica, name="Association Marocaine de l'Industrie et du Commerce de l'Automobile")
    return register


@pytest.mark.parametrize(
    "typed",
    [
        "amica",  # the slug
        "AMICA",  # the acronym, any case
        "Association marocaine pour l'industrie et la construction automobile",  # the name
        "association marocaine de l industrie et du commerce de l automobile",  # a former name, no accents
    ],
)
def test_the_actor_filter_takes_what_a_reader_types(client, named, typed):
    response = client.get(LIST, {"actor": typed})
    assert not response.context["filterset"].form.errors
    assert titles(response) == {"Financement automobile", "Intégration locale"}


def test_an_actor_name_shared_by_two_actors_is_reported_with_both(client, register):
    f.PartyFactory(convention=f.ConventionFactory(), actor=f.ActorFactory(acronym="CRI", slug="cri-oriental"))
    f.PartyFactory(convention=f.ConventionFactory(), actor=f.ActorFactory(acronym="CRI", slug="cri-souss"))
    response = client.get(LIST, {"actor": "cri"})
    errors = response.context["filterset"].form.errors["actor"]
    assert "désigne 2 acteurs" in errors[0]
    assert "[cri-oriental]" in errors[0] and "[cri-souss]" in errors[0]
    assert "désigne 2 acteurs" in response.text


def test_an_unknown_actor_is_reported_clearly(client, register):
    response = client.get(LIST, {"actor": "Nulle part"})
    assert "Aucun acteur ne porte le nom ou le sigle « Nulle part »" in response.text
    assert "Sélectionnez un choix valide" not in response.text


def test_an_actor_known_only_from_a_draft_is_not_found_by_name(client, register):
    hidden = f.ActorFactory(name="Société cachée", acronym="SOCA")
    f.PartyFactory(convention=f.ConventionFactory(draft=True), actor=hidden)
    response = client.get(LIST, {"actor": "SOCA"})
    assert "actor" in response.context["filterset"].form.errors


def test_plan_and_sector_take_their_names(client, register):
    from plans.models import Plan

    Plan.objects.filter(slug="pai").update(name="Plan d'Accélération Industrielle", short_name="PAI")
    response = client.get(LIST, {"plan": "plan d'acceleration industrielle"})
    assert titles(response) == {"Intégration locale"}
    assert titles(client.get(LIST, {"plan": "pai"})) == {"Intégration locale"}
    assert titles(client.get(LIST, {"sector": "AUTOMOBILE"})) == {"Financement automobile"}


def test_the_filters_suggest_plans_and_sectors_and_ask_the_api_for_actors(client, register):
    text = client.get(LIST).text
    assert '<datalist id="id_sector-options"><option value="Automobile">' in text
    assert 'list="id_actor-options"' in text and 'data-suggest="/api/v1/actors/"' in text
    assert '<script src="/static/js/filters.js" defer></script>' in text


def test_the_api_finds_actors_by_search(client, register):
    response = client.get("/api/v1/actors/", {"search": "ami"})
    assert [row["slug"] for row in response.json()["results"]] == ["amica"]


def test_the_api_filter_takes_an_acronym_too(client, register):
    response = client.get("/api/v1/conventions/", {"actor": "AMICA"})
    assert response.status_code == 200
    assert response.json()["count"] == 2


# --- An empty result (issue 12) -------------------------------------------------


def test_an_empty_result_says_so_and_offers_to_drop_each_filter(client, register):
    response = client.get(LIST, {"actor": "amica", "year": "1990", "q": "automobile"})
    text = response.text
    assert "Aucune convention ne correspond à cette recherche." in text
    assert 'href="/fr/conventions/?year=1990&amp;q=automobile"' in text  # without the actor
    assert 'href="/fr/conventions/?actor=amica&amp;q=automobile"' in text  # without the year
    assert 'href="/fr/conventions/?actor=amica&amp;year=1990"' in text  # without the search
    assert 'href="/fr/search/?q=automobile"' in text


def test_an_empty_result_shows_no_facets_and_no_downloads(client, register):
    text = client.get(LIST, {"year": "1990"}).text
    assert "Dans cette sélection" not in text
    assert "Télécharger cette sélection" not in text
    assert "export.csv?" not in text
    full = client.get(LIST).text
    assert "Dans cette sélection" in full and "Télécharger cette sélection" in full


def test_the_filters_fold_behind_one_button(client, register):
    text = client.get(LIST).text
    assert '<details class="filters-fold">' in text and "<summary>Filtres</summary>" in text
    # Open when a filter needs the reader's attention.
    assert '<details class="filters-fold" open>' in client.get(LIST, {"actor": "nobody"}).text


def test_a_facet_link_narrows_the_current_selection_from_its_first_page(client, register):
    response = client.get(LIST, {"actor": "amica", "page": "1"})
    assert 'href="?actor=amica&amp;sector=automobile"' in response.text
    assert 'href="?actor=amica&amp;year=2016"' in response.text
