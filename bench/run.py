"""`make bench`: Shiraka under load, against its floor and a naive register.

    .venv/bin/python bench/run.py [--sizes 1000,10000] [--databases sqlite,postgresql]
                                  [--rounds 3] [--duration 5] [--connections 16] [--smoke]

For each database and size: a seeded register (made once, kept under
bench/data/ and reused), gunicorn with the production profile (2 sync
workers, DEBUG off, persistent connections) on a free 127.0.0.1 port, and wrk
against each endpoint in rounds interleaved with the floor (`/livez`, a
trivial view through the same middleware): floor, page, floor, page… Each
page's ratio is the mean req/s of the two floor runs beside it over the
page's req/s; the report gives the median of the rounds. Shiraka is measured
without its page cache (PUBLIC_CACHE=0) and served from it (PUBLIC_CACHE=1,
warmed), then the naive register (bench/naive/, a tutorial-plain Django + DRF
project of the same shape) the same way, in the same run. Queries per request
are counted in-process (bench/probe.py); exports are timed with one worker,
fresh for each, whose peak RSS (VmHWM) is then that request's.

Results: bench/results/<date>-<db>-<size>.json, and the section of
docs/benchmarks.md between <!-- bench:start --> and <!-- bench:end -->,
rebuilt from the latest result of each database and size (`--report-only`
rebuilds it alone). A partial run (--endpoints, --modes, --skip-naive,
--skip-exports) writes to bench/data/partial/ and leaves both alone.

--smoke (CI): PostgreSQL and Redis, 1000 and 4000 conventions, one short
round, no page cache; fails when a public page's ratio at 4000 exceeds 1.5x
its ratio at 1000 (measured again once before failing) or when anything
answers other than 2xx. Its JSON goes to bench/data/smoke/, not to the docs.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import report
from common import (
    DATA,
    DOCS,
    FLOOR,
    GUNICORN,
    GUNICORN_TIMEOUT,
    NAIVE,
    PG_ADMIN_URL,
    PYTHON,
    RESULTS,
    ROOT,
    WORKERS,
    BenchError,
    log,
)
from registers import (
    flush_redis,
    manage,
    naive_env,
    now_iso,
    pg_admin,
    prepare_database,
    probe,
    redis_available,
    shiraka_env,
)
from servers import Server, measure, measure_exports

# name, label, address (filled from the run's targets), target group, flat in N.
# Groups carry the targets; the network (not in the list) and
# the sitemap index (aggregates over the whole register by design) are
# measured but not held to "flat in N"; a sitemap page is bounded (5 000
# addresses), so it is.
SHIRAKA_ENDPOINTS = [
    ("list_p1", "list, page 1", "/fr/conventions/", "list", True),
    ("list_p20", "list, page 20", "/fr/conventions/?page={page20}", "list", True),
    ("list_last", "list, last page", "/fr/conventions/?page={list_last_page}", "list", True),
    (
        "list_filtered",
        "list, three filters",
        "/fr/conventions/?sector={filters[sector]}&status={filters[status]}&year={filters[year]}",
        "list",
        True,
    ),
    ("search_common", "search, common word", "/fr/conventions/?q={common_word}", "search", True),
    ("search_rare", "search, rare word", "/fr/conventions/?q={rare_word}", "search", True),
    ("convention", "convention page", "/fr/conventions/{convention}/", "page", True),
    ("actor", "actor page (most conventions)", "/fr/actors/{actor}/", "page", True),
    ("plan", "plan page (most conventions)", "/fr/plans/{plan}/", "page", True),
    ("home", "home", "/fr/", "home", True),
    ("network", "network", "/fr/network/", None, False),
    ("api_list_p1", "API list, page 1", "/api/v1/conventions/", "api_list", True),
    ("api_list_deep", "API list, last page", "/api/v1/conventions/?page={api_last_page}", "api_list", True),
    ("api_detail", "API detail", "/api/v1/conventions/{convention}/", "api_detail", True),
    ("feed", "Atom feed", "/fr/conventions/feed/", None, True),
    ("sitemap", "sitemap index", "/sitemap.xml", None, False),
    ("sitemap_page", "sitemap, conventions page 1", "/sitemap-conventions.xml", None, True),
]
# Keys shared with SHIRAKA_ENDPOINTS name the equivalent page.
NAIVE_ENDPOINTS = [
    ("list_p1", "/conventions/"),
    ("list_p20", "/conventions/?page={page20}"),
    ("list_last", "/conventions/?page={list_last_page}"),
    ("convention", "/conventions/{convention}/"),
    ("api_list_p1", "/api/conventions/"),
    ("api_list_deep", "/api/conventions/?page={api_last_page}"),
    ("api_detail", "/api/conventions/{convention}/"),
]
EXPORTS = [
    ("export_csv", "/fr/conventions/export.csv"),
    ("export_json", "/fr/conventions/export.json"),
    ("export_xlsx", "/fr/conventions/export.xlsx"),
    ("api_export_csv", "/api/v1/conventions/export.csv"),
    ("api_export_json", "/api/v1/conventions/export.json"),
]


# --- Context of a run ----------------------------------------------------------


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def worktree_digest() -> str:
    changes = git("diff", "HEAD") + git("ls-files", "--others", "--exclude-standard")
    return hashlib.sha256(changes.encode()).hexdigest()[:12] if changes else ""


def machine() -> dict:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(memory_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def versions(databases: list[str]) -> dict:
    import django
    import gunicorn
    import rest_framework

    found = {
        "python": platform.python_version(),
        "django": django.get_version(),
        "djangorestframework": rest_framework.VERSION,
        "gunicorn": gunicorn.__version__,
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        found["wrk"] = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("[")[0]
        found["wrk"] = found["wrk"].replace("wrk", "").strip()
    except OSError:
        found["wrk"] = None
    if "postgresql" in databases:
        with closing(pg_admin()) as admin:
            found["postgresql"] = admin.execute("SHOW server_version").fetchone()[0]
    return found


def check_tools(databases: list[str]) -> None:
    if not GUNICORN.exists():
        raise BenchError(f"{GUNICORN} is missing: run make install")
    try:
        subprocess.run(["wrk", "--version"], capture_output=True)
    except OSError as exc:
        raise BenchError("wrk is missing: apt-get install wrk") from exc
    if "postgresql" in databases:
        try:
            with closing(pg_admin()):
                pass
        except Exception as exc:
            raise BenchError(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}") from exc


def fill(pattern: str, targets: dict) -> str:
    return pattern.format(**targets)


# --- One database and size -------------------------------------------------------


def bench_one(kind: str, size: int, args, common: dict) -> dict:
    started = time.monotonic()
    timings = {}
    redis_url = common["redis_url"]
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    log(f"== Shiraka, {kind}, {size} conventions")

    def env(public_cache=False):
        return lambda url: shiraka_env(url, public_cache=public_cache, redis_url=redis_url)

    # Prepared without REDIS_URL: the database cache's table is created by
    # migrate only when that cache is the one configured.
    url, timings["prepare"] = prepare_database(
        kind,
        "shiraka",
        size,
        args.seed,
        lambda url: shiraka_env(url, public_cache=False, redis_url=None),
        reseed=args.reseed,
    )
    base_env = env()(url)
    cache_env = env(True)(url)

    phase = time.monotonic()
    targets = probe(ROOT, base_env, "targets")
    targets["page20"] = min(20, targets["list_last_page"])
    paths = {name: fill(pattern, targets) for name, _, pattern, _, _ in SHIRAKA_ENDPOINTS}
    if args.endpoints:
        paths = {name: path for name, path in paths.items() if name in args.endpoints}
    queries = {"nocache": probe(ROOT, base_env, "queries", paths)}
    if "cache" in args.modes:
        if redis_url:
            flush_redis(redis_url)
        queries["cache"] = probe(ROOT, cache_env, "queries", paths)
    facets = None if args.smoke else probe(ROOT, base_env, "facets", targets["filters"])
    timings["probe_s"] = round(time.monotonic() - phase, 1)
    log(f"  targets: {json.dumps(targets, ensure_ascii=False)}")

    shiraka = {}
    for mode in args.modes:
        phase = time.monotonic()
        if redis_url:
            flush_redis(redis_url)
        server_env = cache_env if mode == "cache" else base_env
        with Server(f"shiraka-{kind}-{size}-{mode}", ROOT, "config.wsgi:application", server_env) as server:
            shiraka[mode] = measure(server, paths, args, label=mode)
        timings[f"{mode}_s"] = round(time.monotonic() - phase, 1)

    naive = naive_queries = naive_targets = None
    if not args.skip_naive:
        phase = time.monotonic()
        naive_url, timings["naive_prepare"] = prepare_database(
            kind, "naive", size, args.seed, naive_env, reseed=args.reseed
        )
        naive_targets = probe(NAIVE, naive_env(naive_url), "naive-targets")
        naive_targets["page20"] = min(20, naive_targets["list_last_page"])
        naive_paths = {name: fill(pattern, naive_targets) for name, pattern in NAIVE_ENDPOINTS}
        if args.endpoints:
            naive_paths = {name: path for name, path in naive_paths.items() if name in args.endpoints}
        naive_queries = probe(NAIVE, naive_env(naive_url), "queries", naive_paths)
        with Server(f"naive-{kind}-{size}", NAIVE, "naive.wsgi:application", naive_env(naive_url)) as server:
            naive = measure(server, naive_paths, args, label="naive")
        timings["naive_s"] = round(time.monotonic() - phase, 1)

    exports = None
    if not args.skip_exports:
        phase = time.monotonic()
        exports = measure_exports(base_env, EXPORTS, tag=f"shiraka-{kind}-{size}")
        timings["exports_s"] = round(time.monotonic() - phase, 1)
    timings["total_s"] = round(time.monotonic() - started, 1)

    result = {
        "load": {"start": load_at_start, "end": [round(x, 2) for x in os.getloadavg()]},
        "schema": 1,
        "date": datetime.date.today().isoformat(),
        "finished_at": now_iso(),
        "database": kind,
        "size": size,
        "seed": args.seed,
        "smoke": args.smoke,
        **common["context"],
        "targets": targets,
        "naive_targets": naive_targets,
        "endpoints": {
            name: {"label": label, "group": group, "flat": flat} for name, label, _, group, flat in SHIRAKA_ENDPOINTS
        },
        "shiraka": shiraka,
        "naive": naive,
        "queries": queries,
        "naive_queries": naive_queries,
        "facets": facets,
        "exports": exports,
        "timings": timings,
    }
    result["comparisons"] = report.comparisons(result)
    result["problems"] = report.problems(result)
    return result


def write_result(result: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{result['date']}-{result['database']}-{result['size']}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    return path


def run_context(args, databases: list[str]) -> dict:
    redis_url = args.redis_url
    warnings = []
    if redis_url and not redis_available():
        warnings.append(
            f"REDIS_URL={redis_url} asked for, but redis-py is not installed in {PYTHON.parent.parent}: "
            "measured with the database cache instead"
        )
        log("!! " + warnings[-1])
        redis_url = None
    return {
        "redis_url": redis_url,
        "context": {
            "commit": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            # The checkout is shared and edited while benchmarks run: this
            # names the exact code measured (tracked changes and new files).
            "worktree": worktree_digest(),
            "machine": machine(),
            "versions": versions(databases),
            "settings": {
                "server": f"gunicorn, {WORKERS} sync workers, --timeout {GUNICORN_TIMEOUT}, 127.0.0.1",
                "profile": "config.settings.production, DEBUG off, CONN_MAX_AGE=60, SECURE_SSL_REDIRECT=0",
                "throttle": "API_THROTTLE_ANON/USER=100000000/minute",
                "cache": f"Redis {redis_url}" if redis_url else "database cache (no REDIS_URL)",
                "modes": {"nocache": "PUBLIC_CACHE=0", "cache": "PUBLIC_CACHE=1, warmed"},
                "wrk": f"{args.connections} connections, {args.threads} thread, {args.duration:g} s a page run "
                f"(a slow page longer, up to {args.max_duration:g} s), {args.floor_duration:g} s a floor run; a page "
                f"slower than {args.slow:g} s a request gets {WORKERS} connections (marked †)",
                "rounds": args.rounds,
                "floor": FLOOR,
                "naive": "bench/naive: Django + DRF, startproject middleware, same gunicorn and CONN_MAX_AGE",
                "exports": "one fresh single-worker gunicorn per export, VmHWM of the worker",
            },
            "warnings": warnings,
        },
    }


def prepare_static(env: dict) -> None:
    # whitenoise's manifest storage needs the collected files and manifest.
    manage(ROOT, env, "collectstatic", "--no-input", "-v0")


# --- Main -----------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated (default 1000,10000,100000)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=5, help="seconds per wrk run")
    parser.add_argument("--floor-duration", type=float, default=None, help="seconds per floor run (--duration)")
    parser.add_argument("--max-duration", type=float, default=60, help="longest run for a slow page")
    parser.add_argument(
        "--slow", type=float, default=1.0, help="seconds a request beyond which a page gets 2 connections"
    )
    parser.add_argument("--connections", type=int, default=None, help="wrk connections (16; 4 for --smoke)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (1 leaves the cores to gunicorn)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8", help="'' for the database cache")
    parser.add_argument("--modes", default="nocache,cache", help="nocache (PUBLIC_CACHE=0), cache (PUBLIC_CACHE=1)")
    parser.add_argument("--endpoints", default="", help="only these endpoints (comma-separated names)")
    parser.add_argument("--reseed", action="store_true", help="remake the seeded registers even when kept")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/benchmarks.md")
    parser.add_argument("--report-only", action="store_true", help="rebuild the docs from bench/results/")
    parser.add_argument("--smoke", action="store_true", help="the CI check (see the module's docstring)")
    args = parser.parse_args(argv)
    args.sizes_given = args.sizes is not None
    args.sizes = [int(s) for s in (args.sizes or "1000,10000,100000").split(",") if s]
    args.modes = [m for m in args.modes.split(",") if m]
    args.endpoints = [e for e in args.endpoints.split(",") if e]
    args.floor_duration = args.floor_duration or args.duration
    args.connections = args.connections or (None if args.smoke else 16)
    databases = [d for d in args.databases.split(",") if d]
    unknown = set(databases) - {"sqlite", "postgresql"}
    if unknown or set(args.modes) - {"nocache", "cache"}:
        parser.error(f"unknown database or mode: {unknown or args.modes}")
    if args.report_only:
        report.write_docs(RESULTS, DOCS)
        log(f"wrote {DOCS}")
        return 0
    DATA.mkdir(exist_ok=True)
    try:
        if args.smoke:
            # One short round: about 3 s per page and size, under 4 minutes in all.
            args.rounds = 1
            args.duration = min(args.duration, 2)
            args.floor_duration = min(args.floor_duration or 1, 1)
            args.max_duration = min(args.max_duration, 2)
            # Four connections keep both workers busy (the req/s is the same)
            # while a finished run leaves 4 queued requests to drain, not 16.
            args.connections = args.connections or 4
            args.redis_url = (
                args.redis_url if args.redis_url != "redis://127.0.0.1:6379/8" else "redis://127.0.0.1:6379/9"
            )
            args.modes = ["nocache"]
            # Imported here: smoke.py reads this module's endpoints.
            from smoke import smoke

            return smoke(args)
        check_tools(databases)
        common = run_context(args, databases)
        partial = bool(
            args.endpoints or args.skip_naive or args.skip_exports or set(args.modes) != {"nocache", "cache"}
        )
        started = time.monotonic()
        written, problems = [], []
        static_done = False
        for kind in databases:
            for size in args.sizes:
                if not static_done:
                    # A database URL only to satisfy the production profile.
                    unused = "sqlite:///" + str(DATA / "static.sqlite3")
                    prepare_static(shiraka_env(unused, public_cache=False, redis_url=None))
                    static_done = True
                result = bench_one(kind, size, args, common)
                # A partial run (some endpoints, modes or parts only) must not
                # replace a full result, nor rewrite the docs.
                path = write_result(result, DATA / "partial" if partial else RESULTS)
                written.append(path)
                problems += [f"{kind} {size}: {p}" for p in result["problems"]]
                log(f"wrote {path.relative_to(ROOT)} ({result['timings']['total_s']:.0f} s)")
        if not args.no_docs and not partial:
            report.write_docs(RESULTS, DOCS)
            log(f"rewrote the generated section of {DOCS.relative_to(ROOT)}")
        log(f"done in {time.monotonic() - started:.0f} s")
        if problems:
            print("\nERRORS (these figures are not valid):\n  " + "\n  ".join(problems))
            return 1
        return 0
    except BenchError as exc:
        print(f"\nbench failed: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
