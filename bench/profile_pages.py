"""Where a page's time goes: one warmed request per address, in-process, with
its duration, its queries (count and time) and the slowest of them.

    DATABASE_URL=sqlite:////abs/100k.sqlite3 PUBLIC_CACHE=0 \\
        .venv/bin/python bench/profile_pages.py /fr/ "/fr/conventions/?page=3000"

The first request of each address warms the connection and, unless the
database changed since, the counts kept per register version (core/cache.py);
the second is measured. Read-only: it only sends GET requests.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(urls):
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        queries = sorted(context.captured_queries, key=lambda query: -float(query["time"]))
        sql_time = sum(float(query["time"]) for query in queries)
        print(
            f"{url}: {response.status_code}, {elapsed * 1000:.0f} ms, {len(queries)} queries "
            f"({sql_time * 1000:.0f} ms), {len(response.content) // 1024} KB"
        )
        for query in queries[: int(os.environ.get("TOP", 3))]:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")


if __name__ == "__main__":
    main(sys.argv[1:])
