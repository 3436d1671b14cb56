"""The page query of a search, by each path it can take: reading the list in
its order (filtering each row's text) or fetching the matches by key (from
the trigram index on SQLite, the GIN index on PostgreSQL). Shows why a rare
query is fetched by key and a common one read in order
(conventions.search.rare_matches).

    DATABASE_URL=sqlite:////abs/bench/data/shiraka-100000-s1.sqlite3 \\
        .venv/bin/python bench/search_paths.py convention financiere biotechnologies

Prints a Markdown table: per query, its matches, the median time of the
first page's ids by each path, and which path the search takes.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inprocess import setup  # noqa: E402

ORDER = ("-signed_on", "title", "id")


def median_ms(run, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    setup(Path(__file__).resolve().parent.parent)

    from django.db import connection

    from conventions import search
    from conventions.models import Convention

    published = Convention.objects.published()

    def in_order(query):
        """The list read in its order, each row's text filtered: the search
        with its fetching by key turned off."""
        real = search.rare_matches
        search.rare_matches = lambda *args: None
        try:
            selection = published.search(query)
        finally:
            search.rare_matches = real
        return lambda: list(selection.order_by(*ORDER).values_list("pk", flat=True)[:25])

    def by_key(query):
        """The matches' ids from the index, then the page of them by key."""
        sql, params = search.matching_ids(query)

        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                ids = [row[0] for row in cursor.fetchall()]
            return list(published.filter(pk__in=ids).order_by(*ORDER).values_list("pk", flat=True)[:25])

        return run

    print(f"{connection.vendor}, {Convention.objects.count():,} conventions; median of {arguments.repeat}\n")
    print("| query | matches | read in order | fetched by key | the search takes |")
    print("|---|---|---|---|---|")
    for query in arguments.queries:
        matches = published.search(query).count()
        ordered = median_ms(in_order(query), arguments.repeat)
        keyed = median_ms(by_key(query), arguments.repeat)
        taken = "by key" if search.rare_matches(published, *search.matching_ids(query)) is not None else "in order"
        print(f"| `{query}` | {matches:,} | {ordered:.1f} ms | {keyed:.1f} ms | {taken} |")


if __name__ == "__main__":
    main()
