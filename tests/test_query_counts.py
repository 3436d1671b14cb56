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
    # The version; then, once per version: conventions per year, per sector,
    # their count, actors', plans', amounts by currency; the latest ten with
    # their parties; upcoming and overdue actions; the plans' objectives and
    # their measurements. Then only the version.
    "home": (13, 1),
    # The version; the selection's count; the filter form's sectors, plans and
    # regions; the page's rows; their parties (as values); the seven facet
    # counts (status, kind, year, sector, region, plan, actor). Kept per
    # version: count, choices and facets; read again: the rows and parties.
    "list, page 1": (14, 3),
    "list, last page": (14, 3),
    # The sector named (the filter's own check); the version; the count. An
    # empty selection computes no facets and reads no rows.
    "list, three filters": (6, 2),
    # As the list, and one query for why the page's rows matched
    # (conventions.highlights), whatever their number; first, whether the
    # words are rare enough to fetch their matches by key (conventions.search).
    "search": (16, 4),
    "search, by relevance": (16, 4),
    # The version; the conventions' count and first 10 with their parties,
    # and why they matched (one query); the actors shown (none of the people
    # and plans match); first, the index of names (actors, their other names,
    # people, plans, their components) and whether the words are rare.
    "site search": (12, 5),
    "site search, one kind": (7, 2),
    # By acronym: the slug tried, the actor found (first, the index of names),
    # then the list as with a slug.
    "list, actor typed": (21, 5),
    # The person; their mandates; their latest acts; the number of acts.
    "person page": (4, 4),
    # Convention.objects.with_detail_data() (12: the convention, parties,
    # commitments, objectives, measurements, actions, sources, documents,
    # sectors, regions, plans, components), outgoing and incoming relations,
    # the version, the related conventions: their ids (kept per version: one
    # query fewer the second time), then their rows.
    "convention page": (17, 16),
    "convention page, Arabic": (17, 16),
    # The version; the page of actors with their published-convention counts;
    # first, the public actors' pks in name order (kept per version).
    "actors": (3, 2),
    # The actor; its former names; its public child organisations; the plans
    # it owns; the version; then, once per version and day: conventions per
    # role, the latest of each role, people of the latest mandates, acts per
    # person, their latest acts, partners and their count, actions due and
    # their count, the actors responsible.
    "actor page": (15, 5),
    # The plans with owner, parent and published-convention counts.
    "plans": (1, 1),
    # The plan; its components; its sub-plans; sectors; sources; objectives;
    # their measurements; the version; then its latest conventions with their
    # parties and components, and its roll-up (conventions by status, by year,
    # per component, actions, the plan's targets and its conventions'
    # objectives in those units, their statuses from their objectives' and
    # measurements' values: kept per version and day).
    "plan page": (20, 11),
    # The version; parties and actors (kept per version); sectors and plans
    # for the form.
    "network": (5, 3),
    # The latest published conventions.
    "feed": (1, 1),
    # A search's feed: the sector named (the filter's own check); the entries.
    "feed, filtered": (2, 2),
    # The actor (public, decided for that row) or the plan; the entries.
    "actor feed": (2, 2),
    "plan feed": (2, 2),
    # The sector named; the selection's keys (empty here: no chunk).
    "export CSV": (2, 2),
    # The selection's keys; then per chunk of 500: conventions, parties with
    # actors, sectors, regions, plans.
    "export JSON": (6, 6),
    "export XLSX": (6, 6),
    # The version; then, once per version, each section's size: conventions
    # (latest date, count), actors (pks, latest), plans (latest, count),
    # people (latest, count).
    "sitemap index": (9, 1),
    "robots.txt": (0, 0),
    "API root": (0, 0),
    # The version; the count (kept per version); the page; parties with
    # actors; sectors; plans.
    "API conventions": (6, 5),
    # The sector named; the version; the count (empty: no rows).
    "API conventions, filtered": (3, 2),
    "API conventions, last page": (6, 5),
    "API conventions, 200 a page": (6, 5),
    # Convention.objects.with_detail_data(): the convention; parties with actor
    # and representative; their commitments; objectives; their measurements;
    # actions with responsible; sources; documents; sectors; regions; plans;
    # components with their plan (the page's own prefetch).
    "API convention": (12, 12),
    "API export CSV": (6, 6),
    "API export JSON": (6, 6),
    # A list: the version, the count (kept per version), the page, then one
    # query per prefetched relation (names; mandates; sectors and components;
    # measurements; conventions and plans). A detail: the row, then the same
    # prefetches.
    "API actors": (4, 3),
    "API actor": (2, 2),
    "API persons": (4, 3),
    "API person": (2, 2),
    "API mandates": (3, 2),
    "API mandate": (1, 1),
    "API plans": (5, 4),
    "API plan": (3, 3),
    # The plan; the version; its roll-up (as on its page, kept per version and
    # day: eight queries the first time); its components' slugs.
    "API plan rollup": (11, 3),
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
    # Public actors with their names; public people; their mandates.
    "popolo.json": (4, 4),
    "datapackage.json": (0, 0),
    # The version; the section's count (kept per version; none for actors,
    # whose pks are kept instead); the page's first key; the page's rows.
    "sitemap, conventions": (4, 3),
    "sitemap, actors": (3, 2),
    "sitemap, plans": (4, 3),
    "sitemap, people": (4, 3),
    # The keys of the resource's rows; then one query per chunk of 500.
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
        "feed, filtered": f"/fr/conventions/feed/{filters}",
        "actor feed": f"{actor.get_absolute_url()}feed/",
        "plan feed": f"{plan.get_absolute_url()}feed/",
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
        "API plan rollup": f"/api/v1/plans/{plan.slug}/rollup/",
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
        expected["search, by relevance"] = (17, 4)

    assert counts(client) == expected
