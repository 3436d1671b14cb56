import pytest

from conventions import network
from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnerships():
    ministry = f.ActorFactory(slug="ministere", acronym="MIC")
    amica = f.ActorFactory(slug="amica", acronym="AMICA")
    cam = f.ActorFactory(slug="cam", acronym="CAM")
    anapec = f.ActorFactory(slug="anapec", acronym="ANAPEC")
    automobile = f.SectorFactory(slug="automobile")
    for actors, year in [((ministry, amica, cam), 2022), ((ministry, amica), 2025), ((ministry, amica, anapec), 2025)]:
        convention = f.ConventionFactory(signed_on=f"{year}-01-01", signed_on_precision="year")
        convention.sectors.add(automobile)
        for actor in actors:
            f.PartyFactory(convention=convention, actor=actor)
    secret = f.ActorFactory(slug="secret", acronym="SECRET")
    draft = f.ConventionFactory(draft=True)
    f.PartyFactory(convention=draft, actor=secret)
    f.PartyFactory(convention=draft, actor=ministry)


def test_shared_conventions_weigh_the_link(partnerships):
    graph = network.build(Convention.objects.published())
    weights = {(a.actor.slug, b.actor.slug): w for a, b, w in graph.links}
    assert weights[("ministere", "amica")] == 3
    assert weights[("ministere", "cam")] == 1


def test_the_hub_comes_first(partnerships):
    hubs = network.build(Convention.objects.published()).hubs
    assert {hubs[0].actor.slug, hubs[1].actor.slug} == {"ministere", "amica"}
    assert hubs[0].partners == 3


def test_nodes_stay_inside_the_picture(partnerships):
    graph = network.build(Convention.objects.published())
    for node in graph.nodes:
        assert 0 <= node.x <= graph.width and 0 <= node.y <= graph.height


def test_the_page_draws_an_svg_with_links_to_actor_pages(client, partnerships):
    response = client.get("/fr/network/")
    assert response.status_code == 200
    assert "<svg" in response.text
    assert 'href="/fr/actors/amica/"' in response.text


def test_a_draft_adds_no_actor_to_the_network(client, partnerships):
    assert "SECRET" not in client.get("/fr/network/").text


def test_the_network_filters_by_period(client, partnerships):
    graph = client.get("/fr/network/", {"since": "2023"}).context["network"]
    assert {n.actor.slug for n in graph.nodes} == {"ministere", "amica", "anapec"}


def test_a_bad_filter_value_is_reported_not_fatal(client, partnerships):
    response = client.get("/fr/network/", {"since": "soon", "sector": "nope"})
    assert response.status_code == 200
    assert "ont été ignorés" in response.text


@pytest.mark.parametrize("count", [3, 60])
def test_the_network_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        f.PartyFactory()
    # The register's version, parties of the selection, actors in bulk,
    # sector and plan options of the form.
    with django_assert_num_queries(5):
        client.get("/fr/network/")
    # The network is kept for this selection until the next write: the
    # version and the form's options.
    with django_assert_num_queries(3):
        client.get("/fr/network/")
