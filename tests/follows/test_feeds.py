"""The Atom feeds of a search, an actor and a plan: published conventions
only, newest first, bounded, their queries constant; and the pages that
link to them."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from conventions.feeds import FEED_SIZE
from conventions.models import Convention
from tests import factories as f

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def published(title, days_ago=0, **kwargs):
    return f.ConventionFactory(title=title, published_at=timezone.now() - datetime.timedelta(days=days_ago), **kwargs)


@pytest.fixture
def register():
    actor = f.ActorFactory(acronym="AMICA", slug="amica")
    plan = f.PlanFactory(slug="pai")
    sector = f.SectorFactory(slug="automobile")
    older = published("Convention ancienne", days_ago=30)
    newer = published("Convention récente", days_ago=1)
    other = published("Convention d'un autre acteur", days_ago=2)
    draft = f.ConventionFactory(draft=True, title="Brouillon de l'acteur")
    for convention in (older, newer, draft):
        f.PartyFactory(convention=convention, actor=actor)
        convention.plans.add(plan)
        convention.sectors.add(sector)
    f.PartyFactory(convention=other)
    Convention.objects.all().refresh_search_text()
    return {"actor": actor, "plan": plan}


def test_an_actor_s_feed_lists_its_published_conventions_newest_first(client, register):
    assert titles(client.get("/fr/actors/amica/feed/")) == ["Convention récente", "Convention ancienne"]


def test_a_plan_s_feed_lists_the_published_conventions_serving_it(client, register):
    component = f.PlanComponentFactory(plan=register["plan"])
    through_component = published("Convention d'une composante", days_ago=0)
    through_component.components.add(component)

    assert titles(client.get("/fr/plans/pai/feed/")) == [
        "Convention d'une composante",
        "Convention récente",
        "Convention ancienne",
    ]


def test_the_register_s_feed_follows_the_list_s_filters(client, register):
    assert titles(client.get("/fr/conventions/feed/?sector=automobile")) == [
        "Convention récente",
        "Convention ancienne",
    ]
    assert titles(client.get("/fr/conventions/feed/?actor=AMICA&q=ancienne")) == ["Convention ancienne"]
    assert len(titles(client.get("/fr/conventions/feed/"))) == 3
    # The feed names its search.
    assert b"Secteur : automobile" in client.get("/fr/conventions/feed/?sector=automobile").content


@pytest.mark.parametrize(
    "query",
    ["sector=nulle-part", "year=deux-mille", "status=perdu", "actor=" + "x" * 400, "since=1800", "late=peut-etre"],
)
def test_a_search_the_list_refuses_is_a_clear_400_never_a_500(client, register, query):
    response = client.get(f"/fr/conventions/feed/?{query}")
    assert response.status_code == 400
    assert "Recherche refusée" in response.content.decode()


def test_unknown_parameters_and_a_page_are_ignored(client, register):
    assert len(titles(client.get("/fr/conventions/feed/?page=9&utm_source=x&sort=title"))) == 3


def test_feeds_are_bounded(client):
    actor = f.ActorFactory(slug="prolifique")
    for n in range(FEED_SIZE + 3):
        f.PartyFactory(convention=published(f"Convention {n}"), actor=actor)
    assert len(titles(client.get("/fr/actors/prolifique/feed/"))) == FEED_SIZE
    assert len(titles(client.get("/fr/conventions/feed/"))) == FEED_SIZE


def test_an_actor_known_only_from_drafts_has_no_feed(client):
    hidden = f.ActorFactory(slug="cache")
    f.PartyFactory(convention=f.ConventionFactory(draft=True), actor=hidden)
    assert client.get("/fr/actors/cache/feed/").status_code == 404
    assert client.get("/fr/plans/inconnu/feed/").status_code == 404


@pytest.mark.parametrize(
    ("page", "feed", "follow"),
    [
        ("/fr/actors/amica/", "/fr/actors/amica/feed/", "/fr/suivre/acteur/amica/"),
        ("/fr/plans/pai/", "/fr/plans/pai/feed/", "/fr/suivre/plan/pai/"),
        (
            "/fr/conventions/?sector=automobile",
            "/fr/conventions/feed/?sector=automobile",
            "/fr/suivre/recherche/?sector=automobile",
        ),
    ],
)
def test_pages_link_their_feed_and_their_follow_page(client, register, page, feed, follow):
    html = client.get(page).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert f'href="{feed}"' in html
    assert "S&#x27;abonner (flux Atom)" in html or "S'abonner (flux Atom)" in html
    assert f'href="{follow}"' in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # The actor (public, decided for that row); the entries.
        ("/fr/actors/amica/feed/", 2),
        # The plan; the entries.
        ("/fr/plans/pai/feed/", 2),
        # The sector named (the filter's own check); the entries.
        ("/fr/conventions/feed/?sector=automobile", 2),
        # The entries.
        ("/fr/conventions/feed/", 1),
    ],
)
@pytest.mark.parametrize("size", [3, 60])
def test_feeds_run_a_constant_number_of_queries(client, django_assert_num_queries, url, expected, size):
    actor = f.ActorFactory(slug="amica")
    plan = f.PlanFactory(slug="pai")
    sector = f.SectorFactory(slug="automobile")
    for n in range(size):
        convention = published(f"Convention {n}")
        f.PartyFactory(convention=convention, actor=actor)
        convention.plans.add(plan)
        convention.sectors.add(sector)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
