"""Pages timed in-process with the production profile: the median of N
requests per address, its ratio to the median of `/livez` measured in the
same process, the queries and the size. No server, no load: what one
request costs the application itself, warm (the per-version values kept).

    DATABASE_URL=sqlite:////abs/bench/data/shiraka-100000-s1.sqlite3 \\
        .venv/bin/python bench/inprocess.py --requests 15 /fr/ /fr/conventions/

Prints one JSON object per line (address, status, median_ms, ratio,
queries, kb) and nothing else on stdout, so two checkouts can be compared
(`--root` runs the code of another checkout against the same database), and
`--table BEFORE.jsonl AFTER.jsonl` prints the two runs as a Markdown table.
`--profile N` prints, for each address, the N functions where its requests
spent most of their own time (cProfile), instead of the timings.
`--sql` prints each address's queries (their first 160 characters) to stderr.
Read-only: it only sends GET requests. PUBLIC_CACHE is off unless set.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path


def setup(root: Path) -> None:
    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ.setdefault("SECRET_KEY", "in-process-benchmark-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "*")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("PUBLIC_CACHE", "0")
    import django

    django.setup()


def median_ms(client, url: str, requests: int) -> tuple[float, object]:
    timings, response = [], None
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, response


def table(before_path: Path, after_path: Path) -> None:
    def read(path):
        return {row["address"]: row for row in map(json.loads, path.read_text().splitlines()) if row}

    before, after = read(before_path), read(after_path)
    print("| address | before | after | queries before → after | KB after |")
    print("|---|---|---|---|---|")
    for address, row in after.items():
        old = before.get(address, {})
        print(
            f"| `{address}` | {old.get('median_ms', '–')} ms | {row['median_ms']} ms ({row['ratio']}× `/livez`) "
            f"| {old.get('queries', '–')} → {row['queries']} | {row['kb']} |"
        )


def profile(client, urls: list[str], requests: int, top: int) -> None:
    import cProfile
    import pstats

    for url in urls:
        profiler = cProfile.Profile()
        profiler.enable()
        median_ms(client, url, requests)
        profiler.disable()
        print(f"## {url} ({requests} requests)", file=sys.stderr)
        stats = pstats.Stats(profiler, stream=sys.stderr).strip_dirs()
        stats.sort_stats("tottime").print_stats(top)
        stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="*")
    parser.add_argument("--table", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--sql", action="store_true")
    options = parser.parse_args()
    if options.table:
        return table(*options.table)
    setup(options.root.resolve())

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for url in ["/livez", *options.urls]:
        client.get(url)  # warm: connection, templates, the values kept per version
    if options.profile:
        return profile(client, options.urls, options.requests, options.profile)
    floor, _ = median_ms(client, "/livez", options.requests * 10)
    for url in options.urls:
        elapsed, response = median_ms(client, url, options.requests)
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if options.sql:
            print(f"## {url}", file=sys.stderr)
            for number, query in enumerate(context.captured_queries, 1):
                print(f"{number:3} {query['sql'][:160]}", file=sys.stderr)
        print(
            json.dumps(
                {
                    "address": url,
                    "status": response.status_code,
                    "median_ms": round(elapsed, 1),
                    "ratio": round(elapsed / floor, 1),
                    "floor_ms": round(floor, 2),
                    "queries": len(context.captured_queries),
                    "kb": len(body) // 1024,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
