"""Every public page and API endpoint runs a fixed number of queries, whatever
the register's size and the page size: the counts are pinned exactly, for a
first request (the per-version values computed) and a second one (read from
the cache), on a synthetic register of two sizes. A page that drops from 16
queries to 6 and climbs back to 15 fails here, as does one whose count grows
with the register."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.test.utils import CaptureQueriesContext

from actors.models import Actor, Mandate, Person
from conventions import finder
from conventions.models import Convention, Document, FollowUpAction, Measurement, Objective, Source
from conventions.opendata import RESOURCES
from plans.models import Plan, Region, Sector
from tests import factories as f

pytestmark = pytest.mark.django_db

# (first request, second request) for each address; the second reads the
# counts, facets, totals and fragments kept per register version.
PINNED = {
    "home": (11, 1),
    "list, page 1": (14, 3),
    "list, last page": (14, 3),
    # Empty in this register: an empty selection computes no facets.
    "list, three filters": (6, 2),
    # A search's rows say why they matched: one query for the page's rows
    # (conventions.highlights), whatever their number.
    "search": (15, 4),
    "search, by relevance": (15, 4),
    # The version; the conventions' count and first 10 with their parties,
    # and why they matched (one query); the actors shown (none of the people
    # and plans match); first, the index of names (actors, their other names,
    # people, plans, their components).
    "site search": (11, 5),
    "site search, one kind": (7, 2),
    # By acronym: the slug tried, the actor found (first, the index of names),
    # then the list as with a slug.
    "list, actor typed": (21, 5),
    # The person; their mandates; their latest acts; the number of acts.
    "person page": (4, 4),
    "convention page": (17, 16),
    "convention page, Arabic": (17, 16),
    "actors": (3, 2),
    "actor page": (15, 5),
    "plans": (1, 1),
    "plan page": (13, 11),
    "network": (5, 3),
    "feed": (1, 1),
    "export CSV": (2, 2),
    "export JSON": (6, 6),
    "export XLSX": (6, 6),
    "sitemap index": (9, 1),
    "robots.txt": (0, 0),
    "API root": (0, 0),
    "API conventions": (6, 5),
    "API conventions, filtered": (3, 2),
    "API conventions, last page": (6, 5),
    "API conventions, 200 a page": (6, 5),
    # The convention; parties with actor and representative; their commitments;
    # objectives; their measurements; actions with responsible; sources;
    # documents; sectors; regions; plans; components with their plan
    # (Convention.objects.with_detail_data(), shared with the page).
    "API convention": (12, 12),
    "API export CSV": (6, 6),
    "API export JSON": (6, 6),
    "API actors": (4, 3),
    "API actor": (2, 2),
    "API persons": (4, 3),
    "API person": (2, 2),
    "API mandates": (3, 2),
    "API mandate": (1, 1),
    "API plans": (5, 4),
    "API plan": (3, 3),
    "API objectives": (4, 3),
    "API objective": (2, 2),
    "API actions": (3, 2),
    "API action": (1, 1),
    "API sources": (5, 4),
    "API source": (3, 3),
    "API documents": (3, 2),
    "API document": (1, 1),
    "API sectors": (3, 2),
    "API sector": (1, 1),
    "API regions": (3, 2),
    "API region": (1, 1),
    "popolo.json": (4, 4),
    "datapackage.json": (0, 0),
    "sitemap, conventions": (4, 3),
    "sitemap, actors": (3, 2),
    "sitemap, plans": (4, 3),
    "sitemap, people": (4, 3),
    "datapackage, conventions": (2, 2),
    "datapackage, parties": (2, 2),
    "datapackage, commitments": (2, 2),
    "datapackage, objectives": (2, 2),
    "datapackage, measurements": (2, 2),
    "datapackage, actions": (2, 2),
    "datapackage, actors": (2, 2),
}


def busiest(conventions):
    """The convention with most parties among those that show every kind of
    row (a kind with no rows skips its prefetch query)."""
    measured = Measurement.objects.filter(objective__convention=OuterRef("pk"))
    components = Convention.components.through.objects.filter(convention=OuterRef("pk"))
    actions = FollowUpAction.objects.filter(convention=OuterRef("pk"))
    complete = conventions.filter(Exists(measured), Exists(components), Exists(actions))
    return complete.annotate(n=Count("parties")).order_by("-n", "pk").first()


def addresses() -> dict[str, str]:
    """The public addresses, each naming the busiest object of its kind (the
    actor and plan in most conventions, the convention with most parties)."""
    published = Convention.objects.published()
    convention = busiest(published)
    actor = Actor.objects.public().annotate(n=Count("parties")).order_by("-n", "pk").first()
    plan = Plan.objects.annotate(n=Count("conventions")).order_by("-n", "pk").first()
    objective = Objective.objects.filter(convention__in=published).order_by("pk").first()
    action = FollowUpAction.objects.filter(convention__in=published).order_by("pk").first()
    source = Source.objects.filter(conventions__in=published).order_by("pk").first()
    document = Document.objects.filter(convention__in=published).order_by("pk").first()
    person = Person.objects.public().order_by("pk").first()
    mandate = Mandate.objects.filter(person=person).order_by("pk").first()
    sector = Sector.objects.order_by("pk").first()
    region = Region.objects.order_by("pk").first()
    pages = published.count() // 25 + 1
    filters = f"?sector={sector.slug}&status=in_execution&year=2024"
    urls = {
        "home": "/fr/",
        "list, page 1": "/fr/conventions/",
        "list, last page": f"/fr/conventions/?page={pages}",
        "list, three filters": f"/fr/conventions/{filters}",
        "search": "/fr/conventions/?q=convention",
        "search, by relevance": "/fr/conventions/?q=industrie&sort=relevance",
        "site search": "/fr/search/?q=association",
        "site search, one kind": "/fr/search/?q=association&kind=actors",
        "list, actor typed": f"/fr/conventions/?actor={actor.acronym or actor.name}",
        "person page": person.get_absolute_url(),
        "convention page": convention.get_absolute_url(),
        "convention page, Arabic": convention.get_absolute_url().replace("/fr/", "/ar/", 1),
        "actors": "/fr/actors/",
        "actor page": actor.get_absolute_url(),
        "plans": "/fr/plans/",
        "plan page": plan.get_absolute_url(),
        "network": "/fr/network/",
        "feed": "/fr/conventions/feed/",
        "export CSV": f"/fr/conventions/export.csv{filters}",
        "export JSON": "/fr/conventions/export.json",
        "export XLSX": "/fr/conventions/export.xlsx",
        "sitemap index": "/sitemap.xml",
        "robots.txt": "/robots.txt",
        "API root": "/api/v1/",
        "API conventions": "/api/v1/conventions/",
        "API conventions, filtered": f"/api/v1/conventions/{filters}",
        "API conventions, last page": f"/api/v1/conventions/?page={published.count() // 50 + 1}",
        "API conventions, 200 a page": "/api/v1/conventions/?page_size=200",
        "API convention": f"/api/v1/conventions/{convention.slug}/",
        "API export CSV": "/api/v1/conventions/export.csv",
        "API export JSON": "/api/v1/conventions/export.json",
        "API actors": "/api/v1/actors/",
        "API actor": f"/api/v1/actors/{actor.slug}/",
        "API persons": "/api/v1/persons/",
        "API person": f"/api/v1/persons/{person.slug}/",
        "API mandates": "/api/v1/mandates/",
        "API mandate": f"/api/v1/mandates/{mandate.pk}/",
        "API plans": "/api/v1/plans/",
        "API plan": f"/api/v1/plans/{plan.slug}/",
        "API objectives": "/api/v1/objectives/",
        "API objective": f"/api/v1/objectives/{objective.pk}/",
        "API actions": "/api/v1/actions/",
        "API action": f"/api/v1/actions/{action.pk}/",
        "API sources": "/api/v1/sources/",
        "API source": f"/api/v1/sources/{source.pk}/",
        "API documents": "/api/v1/documents/",
        "API document": f"/api/v1/documents/{document.pk}/",
        "API sectors": "/api/v1/sectors/",
        "API sector": f"/api/v1/sectors/{sector.slug}/",
        "API regions": "/api/v1/regions/",
        "API region": f"/api/v1/regions/{region.slug}/",
        "popolo.json": "/api/v1/popolo.json",
        "datapackage.json": "/api/v1/datapackage.json",
    }
    for section in ("conventions", "actors", "plans", "people"):
        urls[f"sitemap, {section}"] = f"/sitemap-{section}.xml?p=1"
    for name in RESOURCES:
        urls[f"datapackage, {name}"] = f"/api/v1/datapackage/{name}.csv"
    return urls


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(context.captured_queries)


def counts(client) -> dict[str, tuple[int, int]]:
    measured = {}
    for name, url in addresses().items():
        caches[settings.REGISTER_CACHE_ALIAS].clear()
        finder.forget()  # the site search's index of names, kept per version in each process
        measured[name] = (queries(client, url), queries(client, url))
    return measured


@pytest.mark.parametrize("size", [40, 160])
def test_every_public_address_runs_its_pinned_number_of_queries(client, settings, size):
    settings.PUBLIC_CACHE = False
    call_command("seed_synthetic", conventions=size, seed=3, stdout=StringIO(), stderr=StringIO())
    # The generator writes no files: a document, on the convention measured.
    f.DocumentFactory(convention=busiest(Convention.objects.published()))
    expected = dict(PINNED)
    if connection.vendor == "postgresql":
        # Ranking by relevance first counts the matches (RANKED_AT_MOST).
        expected["search, by relevance"] = (16, 4)
    assert counts(client) == expected
