"""Time one download of the whole register in a fresh process, and its peak
memory (docs/exports-benchmark.md):

    DEBUG=0 DATABASE_URL=sqlite:////abs/100k.sqlite3 .venv/bin/python bench/export_timing.py /fr/conventions/export.csv
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def main(url):
    client = Client()
    client.get("/healthz")  # URLconf, middleware, connection
    usage = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    response = client.get(url)
    size = 0
    for piece in response.streaming_content if response.streaming else [response.content]:
        size += len(piece)
    total = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    print(
        json.dumps(
            {
                "status": response.status_code,
                "rows": response.get("X-Total-Count"),
                "bytes": size,
                "total_s": round(total, 2),
                "cpu_s": round(cpu, 2),
                "peak_rss_mib": round(after.ru_maxrss / 1024, 1),  # the whole process, Django included
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
