"""Where a request's time goes, in-process: the database, the ORM's SQL
compilation, building model instances, templates, DRF serializers, and the
rest (middleware, views, querysets, prefetch plumbing). Each part is timed
exclusively (a query run while a template renders counts as the database's,
not the template's), over N requests, median per part.

    DATABASE_URL=sqlite:////abs/bench/data/shiraka-100000-s1.sqlite3 \\
        .venv/bin/python bench/anatomy.py --requests 15 /fr/ /fr/conventions/

Also measures three floors that bound what a page can cost, whatever its
code: `/livez` (the middleware alone), one primary-key read through the ORM
(a query's fixed cost: compilation, execution, one instance), and the site's
layout rendered around an empty page (header, navigation, language links,
footer). Prints a Markdown table; read its ratios, not its milliseconds (the
timers themselves cost a little, the same for every page).
"""

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inprocess import setup  # noqa: E402

PARTS = ("database", "SQL compilation", "model instances", "templates", "serializers")


class Clock:
    """Exclusive timers: entering a part pauses the part around it."""

    def __init__(self):
        self.spent = defaultdict(float)
        self.stack = []  # [part, started]

    def enter(self, part):
        now = time.perf_counter()
        if self.stack:
            outer = self.stack[-1]
            self.spent[outer[0]] += now - outer[1]
        self.stack.append([part, now])

    def leave(self):
        now = time.perf_counter()
        part, started = self.stack.pop()
        self.spent[part] += now - started
        if self.stack:
            self.stack[-1][1] = now

    def wrap(self, part, function):
        clock = self

        def timed(*args, **kwargs):
            # Only the outermost call of a part counts (as_sql recurses into
            # subqueries; templates include templates).
            if clock.stack and clock.stack[-1][0] == part:
                return function(*args, **kwargs)
            clock.enter(part)
            try:
                return function(*args, **kwargs)
            finally:
                clock.leave()

        return timed


def instrument(clock: Clock) -> None:
    from django.db import connection
    from django.db.models import Model
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.base import Template
    from rest_framework.serializers import ListSerializer, Serializer

    SQLCompiler.as_sql = clock.wrap("SQL compilation", SQLCompiler.as_sql)
    Template.render = clock.wrap("templates", Template.render)
    Serializer.to_representation = clock.wrap("serializers", Serializer.to_representation)
    ListSerializer.to_representation = clock.wrap("serializers", ListSerializer.to_representation)
    from_db = Model.from_db.__func__
    Model.from_db = classmethod(clock.wrap("model instances", from_db))

    def database(execute, sql, params, many, context):
        clock.enter("database")
        try:
            return execute(sql, params, many, context)
        finally:
            clock.leave()

    connection.execute_wrappers.append(database)


def measure(client, clock: Clock, url: str, requests: int) -> dict:
    totals, parts = [], defaultdict(list)
    for _ in range(requests):
        clock.spent.clear()
        clock.enter("other")
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        clock.leave()
        totals.append(sum(clock.spent.values()))
        for part in (*PARTS, "other"):
            parts[part].append(clock.spent.get(part, 0.0))
    return {
        "status": response.status_code,
        "total": statistics.median(totals) * 1000,
        **{part: statistics.median(values) * 1000 for part, values in parts.items()},
    }


def timed(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the checkout whose code runs (to compare two commits on one database)",
    )
    options = parser.parse_args()
    setup(options.root.resolve())

    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory
    from django.utils import translation

    from conventions.models import Convention

    client = Client()
    for url in ["/livez", *options.urls]:
        client.get(url)  # warm: connection, templates, the values kept per version
    floor = timed(lambda: client.get("/livez"), options.requests * 10)
    pk = Convention.objects.published().values_list("pk", flat=True).first()
    one_row = timed(lambda: Convention.objects.get(pk=pk), options.requests * 10)
    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        layout = timed(lambda: render_to_string("base.html", {}, request=request), options.requests * 4)

    clock = Clock()
    instrument(clock)
    print(
        f"Floors: `/livez` {floor:.2f} ms; one convention by primary key through the ORM {one_row:.2f} ms "
        f"({one_row / floor:.1f}× `/livez`); the layout around an empty page {layout:.2f} ms "
        f"({layout / floor:.1f}× `/livez`).\n"
    )
    print("| address | total | " + " | ".join(PARTS) + " | other |")
    print("|---|---|" + "---|" * (len(PARTS) + 1))
    for url in options.urls:
        row = measure(client, clock, url, options.requests)
        cells = " | ".join(f"{row[part]:.1f} ms ({row[part] / floor:.0f}×)" for part in (*PARTS, "other"))
        print(
            f"| `{url}` ({row['status']}) | {row['total']:.1f} ms ({row['total'] / floor:.0f}×) | {cells} |", flush=True
        )


if __name__ == "__main__":
    main()
