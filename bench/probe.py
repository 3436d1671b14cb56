"""The in-process part of the benchmark, run by bench/run.py in a project's
own environment (Shiraka or the naive register, chosen by
DJANGO_SETTINGS_MODULE and --project-dir):

    probe.py --project-dir DIR targets        Shiraka: the slugs and words to measure
    probe.py --project-dir DIR naive-targets  the naive register's last pages and a detail
    probe.py --project-dir DIR queries        queries per request of each URL (JSON on stdin)
    probe.py --project-dir DIR facets         Shiraka: time of the facet counts, in-process

Prints one JSON object on stdout. Read-only: nothing is written to the
database (except what the pages themselves write to the cache)."""

import argparse
import json
import math
import re
import statistics
import sys
import time
from collections import Counter

TOO_SLOW_MS = 20_000


def setup(project_dir: str) -> None:
    sys.path.insert(0, project_dir)
    import django

    django.setup()


def shiraka_targets() -> dict:
    """The heaviest ordinary pages of the seeded register, picked by query so
    every run of every size measures the same kind of page."""
    from django.db.models import Count, Q

    from actors.models import Actor
    from conventions.models import Convention
    from plans.models import Plan, Sector

    published = Convention.objects.published()
    published_count = published.count()
    if not published_count:
        raise SystemExit("no published convention: seed the database first")
    actor = (
        Actor.objects.public()
        .annotate(n=Count("parties", filter=Q(parties__convention__in=published)))
        .order_by("-n", "pk")
        .values("slug", "n")
        .first()
    )
    plan = Plan.objects.annotate(n=Count("conventions")).order_by("-n", "pk").values("slug", "n").first()
    convention = published.annotate(n=Count("parties")).order_by("-n", "pk").values("slug", "n").first()

    # Three filters that select something: the biggest sector, then its most
    # frequent status, then the most frequent year among those.
    sector = (
        Sector.objects.annotate(n=Count("conventions", filter=Q(conventions__in=published)))
        .order_by("-n", "pk")
        .values("slug", "n")
        .first()
    )
    in_sector = published.filter(sectors__slug=sector["slug"])
    status = in_sector.values("status").annotate(n=Count("pk")).order_by("-n", "status").first()["status"]
    year_row = (
        in_sector.filter(status=status, signed_on__isnull=False)
        .values_list("signed_on__year")
        .annotate(n=Count("pk"))
        .order_by("-n", "-signed_on__year")
        .first()
    )
    filters = {"sector": sector["slug"], "status": status, "year": year_row[0]}

    common, rare = search_words(published)
    return {
        "conventions": Convention.objects.count(),
        "published": published_count,
        "actor": actor["slug"],
        "actor_conventions": actor["n"],
        "plan": plan["slug"],
        "plan_conventions": plan["n"],
        "convention": convention["slug"],
        "convention_parties": convention["n"],
        "filters": filters,
        "filtered_count": published.filter(
            sectors__slug=filters["sector"], status=status, signed_on__year=filters["year"]
        ).count(),
        "common_word": common[0],
        "common_word_matches": common[1],
        "rare_word": rare[0],
        "rare_word_matches": rare[1],
        "list_last_page": math.ceil(published_count / 25),
        "api_last_page": math.ceil(published_count / 50),
    }


def search_words(published) -> tuple[tuple[str, int], tuple[str, int]]:
    """A word found in most conventions and one found in very few, from the
    stored search text of a sample, each checked with the real search."""
    sample = list(published.order_by("pk").values_list("search_text", flat=True)[:3000])
    frequency = Counter()
    for text in sample:
        frequency.update({word for word in re.findall(r"[a-z]{6,}", text)})
    if not frequency:
        raise SystemExit("the search text is empty: was refresh_search_text run?")
    ranked = sorted(frequency.items(), key=lambda item: (-item[1], item[0]))
    common_word = ranked[0][0]
    common = (common_word, published.search(common_word).count())
    rare = None
    # Singletons of the sample, long enough to be real words; keep the first
    # the search finds in a handful of conventions (stemming may widen it).
    for word, _ in sorted((item for item in ranked if item[1] == 1), key=lambda item: (-len(item[0]), item[0]))[:200]:
        matches = published.search(word).count()
        if 1 <= matches <= 10:
            rare = (word, matches)
            break
    if rare is None:
        word = ranked[-1][0]
        rare = (word, published.search(word).count())
    return common, rare


def naive_targets() -> dict:
    from registry.models import Convention

    count = Convention.objects.count()
    first = Convention.objects.order_by("-signed_on", "id").values_list("pk", flat=True).first()
    return {
        "conventions": count,
        "convention": first,
        "list_last_page": math.ceil(count / 25),
        "api_last_page": math.ceil(count / 50),
    }


def query_counts(urls: dict[str, str]) -> dict:
    """Queries, status, size and time of one request per URL, after one
    request to warm what the first request of a process pays (and, with the
    page cache on, to fill it)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def once(url):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                size = sum(len(chunk) for chunk in response.streaming_content)
            else:
                size = len(response.content)
            elapsed = time.perf_counter() - start
        return {
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "ms": round(elapsed * 1000, 1),
            "bytes": size,
        }

    results = {}
    for name, url in urls.items():
        first = once(url)
        # A page taking minutes (the sitemap index at 100 000 on PostgreSQL)
        # is not asked twice: its first answer says enough.
        results[name] = once(url) if first["ms"] < TOO_SLOW_MS else {**first, "first_request": True}
    return results


def facets(filters: dict) -> dict:
    """The facet counts of the list page computed directly (not through any
    cache), over the whole register and over the three filters' selection,
    against an in-process floor (a /livez request)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from conventions.filters import ConventionFilterSet, facet_counts
    from conventions.models import Convention

    client = Client()
    floor_samples = []
    for _ in range(60):
        start = time.perf_counter()
        client.get("/livez")
        floor_samples.append(time.perf_counter() - start)
    floor = statistics.median(floor_samples[10:])

    def timed(data):
        samples, queries = [], 0
        for _ in range(3):
            queryset = ConventionFilterSet(data or None, queryset=Convention.objects.published()).qs
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                facet_counts(queryset)
                samples.append(time.perf_counter() - start)
            queries = len(captured.captured_queries)
        median = statistics.median(samples)
        return {"ms": round(median * 1000, 1), "queries": queries, "ratio": round(median / floor, 1)}

    return {
        "floor_ms": round(floor * 1000, 2),
        "whole_register": timed({}),
        "three_filters": timed({key: str(value) for key, value in filters.items()}),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project-dir", required=True)
    parser.add_argument("command", choices=["targets", "naive-targets", "queries", "facets"])
    args = parser.parse_args()
    payload = json.loads(sys.stdin.read() or "{}") if args.command in {"queries", "facets"} else {}
    setup(args.project_dir)
    if args.command == "targets":
        result = shiraka_targets()
    elif args.command == "naive-targets":
        result = naive_targets()
    elif args.command == "queries":
        result = query_counts(payload)
    else:
        result = facets(payload)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
