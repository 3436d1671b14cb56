"""What the benchmark's modules share: where things are, the limits of a run, logging."""

import datetime
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
NAIVE = BENCH / "naive"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
DOCS = ROOT / "docs" / "benchmarks.md"
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
FLOOR = "/livez"
WORKERS = 2
# Above any page we expect to measure, below "hung": a sync worker is killed
# after this many seconds on one request.
GUNICORN_TIMEOUT = 120
EXPORT_TIMEOUT = 1800
# A page slower than this for one request is reported as an error, not load-tested.
TOO_SLOW = 20

SMOKE_SIZES = [1000, 4000]
SMOKE_GROWTH = 1.5


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


class BenchError(RuntimeError):
    pass
