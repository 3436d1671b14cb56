import re

import pytest
from django.utils import translation

from actors.models import Actor
from conventions import network
from conventions.models import Convention
from tests import factories as f
from tests.public.helpers import full_convention

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


def test_the_drawing_kept_for_a_selection_follows_the_next_write(client, settings):
    settings.PUBLIC_CACHE = False  # the fragment's own cache, not the page's
    party = f.PartyFactory(actor=f.ActorFactory(name="Association première"))
    f.PartyFactory(convention=party.convention, actor=f.ActorFactory(name="Banque seconde"))
    assert "Banque seconde" in client.get("/fr/network/").text
    newcomer = f.ActorFactory(name="Agence nouvelle venue")
    f.PartyFactory(convention=party.convention, actor=newcomer)
    assert "Agence nouvelle venue" in client.get("/fr/network/").text


SVG_NUMBER_ATTRIBUTES = re.compile(r'\s(?:cx|cy|r|rx|x|y|x1|y1|x2|y2|dy|width|height|stroke-width|viewBox)="([^"]*)"')


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_svg_numbers_are_written_with_a_decimal_point_in_every_language(client, partnerships, language):
    # French and Arabic write 291,3: an SVG attribute that the browser drops.
    svg = client.get(f"/{language}/network/").text.split("<svg", 1)[1].split("</svg>", 1)[0]
    values = SVG_NUMBER_ATTRIBUTES.findall(svg)
    assert len(values) > 20
    for value in values:
        assert re.fullmatch(r"-?\d+(\.\d+)?( -?\d+(\.\d+)?)*", value), f"{value!r} is not an SVG number"


def test_a_link_s_width_is_bounded_however_many_conventions_it_counts(client):
    ministry, amica, cam = f.ActorFactory(acronym="MIC"), f.ActorFactory(acronym="AMICA"), f.ActorFactory()
    for actors in [(ministry, amica)] * 40 + [(ministry, cam)]:
        convention = f.ConventionFactory()
        for actor in actors:
            f.PartyFactory(convention=convention, actor=actor)
    graph = network.build(Convention.objects.published())
    widths = {w for _a, _b, weight, w in graph.drawn_links}
    assert widths == {network.LINK_MIN_WIDTH, network.LINK_MAX_WIDTH}
    svg = client.get("/fr/network/").text
    assert 'stroke-width="8.0"' in svg and 'stroke-width="40"' not in svg


def test_shown_labels_leave_room_for_one_another(partnerships):
    for _ in range(30):
        convention = f.ConventionFactory()
        f.PartyFactory(convention=convention, actor=f.ActorFactory(name="Fédération nationale à très long nom"))
        f.PartyFactory(convention=convention, actor=Actor.objects.get(slug="ministere"))
    graph = network.build(Convention.objects.published())
    for size in ("wide", "narrow"):
        shown = [node.labels[size] for node in graph.nodes if node.labels[size].shown]
        assert shown, "the biggest actor is always named"
        assert all(0 <= label.x <= graph.width and 0 <= label.y <= graph.height for label in shown)
        font = (network.LABEL_WIDE if size == "wide" else network.LABEL_NARROW)["font"]
        for index, label in enumerate(shown):
            for other in shown[index + 1 :]:
                apart = abs(label.x - other.x) * 2 >= network._text_width(label.text, font) + network._text_width(
                    other.text, font
                )
                assert apart or abs(label.y - other.y) >= 1.8 * font, (label, other)
    # 31 actors do not all fit under their circles on a phone.
    assert not all(node.labels["narrow"].shown for node in graph.nodes)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_svg_on_the_home_and_convention_pages_writes_plain_numbers(client, language):
    # The measurement charts and the summary's progress bars, beside the network.
    convention = full_convention(size=2)
    with translation.override(language):
        pages = [f"/{language}/", convention.get_absolute_url()]
    svgs = [svg.split("</svg>", 1)[0] for url in pages for svg in client.get(url).text.split("<svg")[1:]]
    values = [value for svg in svgs for value in SVG_NUMBER_ATTRIBUTES.findall(svg)]
    assert len(values) > 20
    for value in values:
        assert re.fullmatch(r"-?\d+(\.\d+)?( -?\d+(\.\d+)?)*", value), f"{value!r} is not an SVG number"
