"""The site-wide search: conventions, actors, people and plans found by what
the reader typed, grouped by kind."""

from django.db.models import F, Prefetch
from django.shortcuts import render

from actors.models import Actor, Mandate, Person
from conventions import finder, highlights
from conventions import search as fulltext
from conventions.filters import ConventionFilterSet
from conventions.models import Convention
from core import cache as register_cache
from core.pagination import selection_key
from plans.models import Plan

# Each kind shows its best matches; "see all" shows up to finder.MATCHED_AT_MOST.
GROUP_SIZE = 10
KINDS = ("conventions", "actors", "people", "plans")


def site_search(request):
    """Conventions, actors, people and plans found by what the reader typed,
    grouped by kind, each group its first GROUP_SIZE with its total
    (`?kind=actors`: all the actors found, up to finder.MATCHED_AT_MOST).

    Conventions through their full-text search (titles, summaries, parties
    and every name they went by, representatives, places, plans, components,
    sectors, regions); the others through finder's index of names.
    Queries: the register's version; the conventions' count (kept per
    version) and first page with their parties; the actors, people (with
    their public mandates) and plans shown; and, once per version and
    process, the index (finder.build). Published and public rows only."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    if kind not in KINDS or kind == "conventions":  # all the conventions found: the list, filtered by q
        kind = ""
    groups = {}
    if fulltext.normalize(query):
        groups = search_groups(query, kind)
    conventions, _total = groups.get("conventions", ([], 0))
    return render(
        request,
        "conventions/search.html",
        {
            "q": query,
            "kind": kind,
            "groups": groups,
            "found": sum(total for _rows, total in groups.values()),
            "matches": highlights.for_rows(conventions, query),
        },
    )


def search_groups(query: str, kind: str = "") -> dict[str, tuple[list, int]]:
    """{kind: (rows shown, total found)} for `query`; `kind` shows more of one."""
    size = finder.MATCHED_AT_MOST if kind else GROUP_SIZE
    wanted = [kind] if kind else list(KINDS)
    groups = {}
    if "conventions" in wanted:
        # The list's own search and order (ranked on PostgreSQL when few enough
        # match), so "see all" continues what this page began.
        filterset = ConventionFilterSet({"q": query}, queryset=Convention.objects.published())
        matches = filterset.qs
        total = register_cache.remember("count", selection_key(matches), matches.count)
        groups["conventions"] = (list(matches.with_list_data()[:GROUP_SIZE]) if total else [], total)
    index = finder.index() if set(wanted) - {"conventions"} else None
    if "actors" in wanted:
        found = finder.match(index.actors, query)
        groups["actors"] = (_in_order(Actor.objects.public_each(), found[:size]), len(found))
    if "people" in wanted:
        found = finder.match(index.people, query)
        mandates = Mandate.objects.filter(actor__in=Actor.objects.public_each()).select_related("actor")
        people = Person.objects.public_each().prefetch_related(
            Prefetch("mandates", queryset=mandates.order_by(F("start_on").desc(nulls_last=True), "-pk"))
        )
        groups["people"] = (_in_order(people, found[:size]), len(found))
    if "plans" in wanted:
        found = finder.match(index.plans, query)
        groups["plans"] = (_in_order(Plan.objects.select_related("owner"), found[:size]), len(found))
    return groups


def _in_order(queryset, entries) -> list:
    """The rows of `entries`, in their order: one query (none for no entries)."""
    if not entries:
        return []
    rows = queryset.in_bulk([entry.pk for entry in entries])
    return [rows[entry.pk] for entry in entries if entry.pk in rows]
