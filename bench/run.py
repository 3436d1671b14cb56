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
import http.client
import json
import math
import os
import platform
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlparse

import report
import wrk

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
SMOKE_SIZES = [1000, 4000]
SMOKE_GROWTH = 1.5


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


class BenchError(RuntimeError):
    pass


# --- Environment ---------------------------------------------------------------


def shiraka_env(database_url: str, *, public_cache: bool, redis_url: str | None) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PUBLIC_CACHE", "API_THROTTLE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-" + "x" * 50,
        # testserver: the in-process probe's client.
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="0",
        CONN_MAX_AGE="60",
        STATIC_ROOT=str(DATA / "static"),
        API_THROTTLE_ANON="100000000/minute",
        API_THROTTLE_USER="100000000/minute",
        PUBLIC_CACHE="1" if public_cache else "0",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def naive_env(database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="naive.settings",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        CONN_MAX_AGE="60",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(cwd: Path, env: dict, *args: str, timeout: float = 3600) -> str:
    completed = subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    if completed.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed in {cwd}:\n{completed.stdout}\n{completed.stderr}")
    return completed.stdout


def probe(cwd: Path, env: dict, command: str, payload=None, timeout: float = 1800):
    completed = subprocess.run(
        [str(PYTHON), str(BENCH / "probe.py"), "--project-dir", str(cwd), command],
        cwd=cwd,
        env=env,
        input=json.dumps(payload or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode != 0:
        raise BenchError(f"probe {command} failed:\n{completed.stdout}\n{completed.stderr}")
    # The last line: anything the project prints before is not ours.
    return json.loads(completed.stdout.strip().splitlines()[-1])


def redis_available() -> bool:
    try:
        import redis  # noqa: F401
    except ImportError:
        return False
    return True


def flush_redis(url: str) -> None:
    """FLUSHDB on the benchmark's own Redis database only (speaks RESP, so
    neither redis-cli nor redis-py is needed)."""
    parsed = urlparse(url)
    number = (parsed.path or "/0").strip("/") or "0"
    with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=5) as conn:
        conn.sendall(f"*2\r\n$6\r\nSELECT\r\n${len(number)}\r\n{number}\r\n*1\r\n$7\r\nFLUSHDB\r\n".encode())
        answer = b""
        while answer.count(b"\r\n") < 2:
            chunk = conn.recv(1024)
            if not chunk:
                break
            answer += chunk
    if answer.count(b"+OK") < 2:
        raise BenchError(f"Redis {url} did not flush: {answer!r}")


# --- Databases -----------------------------------------------------------------


def pg_admin():
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, autocommit=True)


def pg_count(name: str, table: str) -> int | None:
    import psycopg

    with closing(pg_admin()) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return None
    try:
        with closing(psycopg.connect(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name)) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except psycopg.Error:
        return -1


def pg_recreate(name: str) -> None:
    assert name.startswith("bench_"), name  # never anything but our own databases
    with closing(pg_admin()) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def sqlite_count(path: Path, table: str) -> int | None:
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(path)) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return -1


# What makes the rows of a seeded register: a kept register made by another
# version of these is reported (or remade with --reseed).
GENERATORS = {
    "shiraka": sorted((ROOT / "conventions" / "synthetic").glob("*.py")),
    "naive": [NAIVE / "registry" / "management" / "commands" / "seed.py", NAIVE / "registry" / "models.py"],
}


def generator_digest(project: str) -> str:
    digest = hashlib.sha256()
    for path in GENERATORS[project]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def prepare_database(kind: str, project: str, size: int, seed: int, env_for, *, reseed=False) -> tuple[str, dict]:
    """The database URL of a seeded register of `size` conventions, seeded
    now if no complete one is kept (or with `reseed`). Migrations are applied
    every time, so a kept register follows the schema. Returns the URL and
    what was done (timings, whether the rows come from another generator)."""
    done = {}
    table = "conventions_convention" if project == "shiraka" else "registry_convention"
    if kind == "sqlite":
        path = DATA / f"{project}-{size}-s{seed}.sqlite3"
        url = f"sqlite:///{path}"
        count = sqlite_count(path, table)
    else:
        name = f"bench_{project}_{size}_s{seed}"
        url = PG_URL.format(name=name)
        count = pg_count(name, table)
    marker = DATA / f"{project}-{kind}-{size}-s{seed}.seeded.json"
    env = env_for(url)
    cwd = ROOT if project == "shiraka" else NAIVE
    started = time.monotonic()
    if count != size or reseed:
        log(f"{project} {kind} {size}: seeding (found {count if count is not None else 'nothing'})")
        marker.unlink(missing_ok=True)
        if kind == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:
            pg_recreate(name)
        manage(cwd, env, "migrate", "--no-input", "-v0")
        done["migrate_s"] = round(time.monotonic() - started, 1)
        command = "seed_synthetic" if project == "shiraka" else "seed"
        manage(cwd, env, command, "--conventions", str(size), "--seed", str(seed))
        done["seed_s"] = round(time.monotonic() - started - done["migrate_s"], 1)
        marker.write_text(json.dumps({"generator": generator_digest(project), "seeded_at": now_iso()}) + "\n")
    else:
        manage(cwd, env, "migrate", "--no-input", "-v0")
        if project == "shiraka":
            # A register kept from a run with Redis may lack the database
            # cache's table (core's migration makes it only for that cache).
            manage(cwd, env, "createcachetable", "-v0")
        done["migrate_s"] = round(time.monotonic() - started, 1)
        done["reused"] = True
        try:
            made_by = json.loads(marker.read_text())["generator"]
        except (OSError, ValueError, KeyError):
            made_by = None
        if made_by != generator_digest(project):
            done["other_generator"] = True
            log(f"  {project} {kind} {size}: kept register made by another (or unknown) generator; --reseed remakes it")
    return url, done


def now_iso() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


# --- Servers -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, path: str, *, timeout: float = 300) -> tuple[int, int, float]:
    """GET with only a Host header, as wrk sends it (the page cache keys on
    headers): status, body size, seconds. Redirects are not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        start = time.perf_counter()
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
        return response.status, size, time.perf_counter() - start
    finally:
        conn.close()


class Server:
    """gunicorn, started in its own process group so it (and only it) is
    stopped at the end."""

    def __init__(self, name: str, cwd: Path, wsgi: str, env: dict, *, workers=WORKERS, timeout=GUNICORN_TIMEOUT):
        self.name, self.cwd, self.wsgi, self.env = name, cwd, wsgi, env
        self.workers, self.timeout = workers, timeout
        self.process = None
        self.port = None
        self.log_path = DATA / "logs" / f"{name}.log"

    def start(self) -> "Server":
        self.port = free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log_file = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                self.wsgi,
                f"--workers={self.workers}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                f"--timeout={self.timeout}",
                "--graceful-timeout=5",
                "--log-level=warning",
            ],
            cwd=self.cwd,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"{self.name}: gunicorn exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                status, _, _ = request(self.port, FLOOR, timeout=5)
                if status == 200 and len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise BenchError(f"{self.name}: not ready after 90 s:\n{self.log_tail()}")

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "log_file", None):
            self.log_file.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def vm_hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise BenchError(f"no VmHWM for {pid}")


# --- Measuring -----------------------------------------------------------------


def drain(port: int) -> None:
    """Wait until requests a finished wrk left queued are served: a slow
    page's backlog would otherwise eat into the next floor run."""
    for _ in range(2):
        request(port, FLOOR, timeout=GUNICORN_TIMEOUT * 4)


def measure(server: Server, paths: dict[str, str], args, *, label: str) -> dict:
    return measure_jobs([(name, server, path) for name, path in paths.items()], server, args, label=label)


def measure_jobs(jobs: list[tuple], floor_server: Server, args, *, label: str) -> dict:
    """wrk on each job's path, rounds interleaved with the floor (floor,
    page, floor, page, …, floor); each page run is set against the mean of
    the floor runs on either side. A job is (key, server, path); the smoke
    interleaves two sizes' servers, whose floors are the same code.

    A page slower than --slow seconds a request is loaded with as many
    connections as there are workers instead of --connections: the server is
    saturated either way, so its req/s is the same, but 16 queued requests of
    several seconds each would take minutes to drain after each run and
    their latency would measure the queue. Such runs are marked."""
    results = {key: {"path": path, "rounds": [], "problems": []} for key, _, path in jobs}
    runnable = []
    for key, server, path in jobs:
        # The first request fills the caches (and the page cache when it is
        # on); the next two most likely reach both workers. A redirect or an
        # error must stop the figure, not make it fast.
        status, size, first = request(server.port, path)
        timings = [first]
        # A page already too slow to load-test is not asked twice more.
        for _ in range(2 if first <= TOO_SLOW else 0):
            status, size, seconds = request(server.port, path)
            timings.append(seconds)
        single = min(timings[1:] or timings)
        results[key].update(status=status, bytes=size, single_ms=round(single * 1000, 1))
        if status != 200:
            results[key]["problems"].append(f"answers {status}")
            log(f"  !! {label} {key} {path} answers {status}")
            continue
        if single > TOO_SLOW:
            results[key]["problems"].append(f"one request takes {single:.1f} s: too slow to load-test")
            log(f"  !! {label} {key}: one request takes {single:.1f} s, not load-tested")
            continue
        slow = single > args.slow
        # Enough time for about 30 answers (10 for a slow page), within --max-duration.
        wanted = (5 if slow else 15) * single
        results[key].update(
            connections=server.workers if slow else args.connections,
            duration=min(args.max_duration, max(args.duration, math.ceil(wanted))),
        )
        runnable.append((key, server, path))

    def run(server, path, duration, connections):
        return wrk.run(
            f"http://127.0.0.1:{server.port}{path}",
            duration=duration,
            connections=connections,
            threads=args.threads,
            timeout=GUNICORN_TIMEOUT,
        )

    for round_number in range(args.rounds):
        floor = run(floor_server, FLOOR, args.floor_duration, args.connections)
        for key, server, path in runnable:
            result = results[key]
            page = run(server, path, result["duration"], result["connections"])
            drain(server.port)
            next_floor = run(floor_server, FLOOR, args.floor_duration, args.connections)
            floor_rps = (floor["rps"] + next_floor["rps"]) / 2
            ratio = floor_rps / page["rps"] if page["rps"] else math.inf
            found = wrk.problems(page) + [f"floor: {p}" for p in wrk.problems(floor) + wrk.problems(next_floor)]
            result["rounds"].append(
                {
                    "rps": page["rps"],
                    "p50_ms": page["p50_ms"],
                    "p90_ms": page["p90_ms"],
                    "p99_ms": page["p99_ms"],
                    "requests": page["requests"],
                    "floor_rps": round(floor_rps, 1),
                    "floor_p50_ms": next_floor["p50_ms"],
                    "floor_p99_ms": next_floor["p99_ms"],
                    "ratio": round(ratio, 2) if math.isfinite(ratio) else None,
                    "problems": found,
                }
            )
            if found:
                result["problems"].extend(f"round {round_number + 1}: {p}" for p in found)
                log(f"  !! {label} {key}: {', '.join(found)}")
            marked = f"  ({result['connections']} connections)" if result["connections"] != args.connections else ""
            log(
                f"  {label} r{round_number + 1} {str(key):<22} {page['rps']:>8.1f} req/s  "
                f"p50 {page['p50_ms']:>8.1f} ms  p99 {page['p99_ms']:>8.1f} ms  "
                f"floor {floor_rps:>7.0f}  ratio {ratio:>7.1f}x{marked}"
            )
            floor = next_floor
    for result in results.values():
        rounds = result["rounds"]
        if not rounds:
            continue
        for key in ("rps", "p50_ms", "p99_ms", "floor_rps"):
            result[key] = round(statistics.median(r[key] for r in rounds), 2)
        ratios = [r["ratio"] if r["ratio"] is not None else math.inf for r in rounds]
        median = statistics.median(ratios)
        result["ratio"] = round(median, 2) if math.isfinite(median) else None
        result["floor_p50_ms"] = statistics.median(r["floor_p50_ms"] for r in rounds)
        result["floor_p99_ms"] = statistics.median(r["floor_p99_ms"] for r in rounds)
    return results


def check_status(port: int, paths: dict[str, str]) -> dict:
    """Smoke: one request each, which must answer 200 (no load figures)."""
    results = {}
    for name, path in paths.items():
        status, size, seconds = request(port, path, timeout=EXPORT_TIMEOUT)
        results[name] = {
            "path": path,
            "status": status,
            "seconds": round(seconds, 2),
            "bytes": size,
            "problems": [] if status == 200 else [f"answers {status}"],
        }
    return results


def measure_exports(env: dict, exports: list[tuple[str, str]], *, tag: str) -> dict:
    """Each export of the whole register from a fresh single-worker gunicorn:
    wall time of the download, size, and the worker's peak RSS before and
    after (VmHWM: the peak is this request's, since nothing else ran)."""
    results = {}
    for name, path in exports:
        with Server(f"{tag}-{name}", ROOT, "config.wsgi:application", env, workers=1, timeout=EXPORT_TIMEOUT) as s:
            request(s.port, FLOOR)
            (pid,) = s.worker_pids()
            before = vm_hwm_kb(pid)
            status, size, seconds = request(s.port, path, timeout=EXPORT_TIMEOUT)
            alive = s.worker_pids() == [pid]
            after = vm_hwm_kb(pid) if alive else None
            results[name] = {
                "path": path,
                "status": status,
                "seconds": round(seconds, 2),
                "bytes": size,
                "worker_peak_rss_mb_before": round(before / 1024, 1),
                "worker_peak_rss_mb": round(after / 1024, 1) if after else None,
                "problems": ([] if status == 200 else [f"answers {status}"])
                + ([] if alive else ["the worker died (killed by timeout or memory?)"]),
            }
            log(
                f"  export {name:<16} {status} {size / 1e6:>8.1f} MB in {seconds:>6.1f} s, "
                f"worker peak {results[name]['worker_peak_rss_mb']} MB (was {before / 1024:.0f})"
            )
    return results


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


# --- Smoke ---------------------------------------------------------------------------


@contextmanager
def servers_for(sizes, urls, redis_url):
    started = []
    try:
        for size in sizes:
            env = shiraka_env(urls[size], public_cache=False, redis_url=redis_url)
            started.append(Server(f"smoke-{size}", ROOT, "config.wsgi:application", env).start())
        yield dict(zip(sizes, started, strict=True))
    finally:
        for server in started:
            server.stop()


def smoke(args) -> int:
    started = time.monotonic()
    databases = ["postgresql"]
    check_tools(databases)
    common = run_context(args, databases)
    redis_url = common["redis_url"]
    sizes = args.sizes if args.sizes_given else SMOKE_SIZES
    urls, targets, paths, timings = {}, {}, {}, {}
    phase = time.monotonic()
    for size in sizes:
        urls[size], timings[f"prepare_{size}"] = prepare_database(
            "postgresql",
            "shiraka",
            size,
            args.seed,
            lambda url: shiraka_env(url, public_cache=False, redis_url=None),
            reseed=args.reseed,
        )
    prepare_static(shiraka_env(urls[sizes[0]], public_cache=False, redis_url=None))
    for size in sizes:
        env = shiraka_env(urls[size], public_cache=False, redis_url=redis_url)
        targets[size] = probe(ROOT, env, "targets")
        targets[size]["page20"] = min(20, targets[size]["list_last_page"])
        paths[size] = {name: fill(pattern, targets[size]) for name, _, pattern, _, _ in SHIRAKA_ENDPOINTS}
    timings["prepare_s"] = round(time.monotonic() - phase, 1)
    if redis_url:
        flush_redis(redis_url)

    failures = []
    results, checks = {}, {}
    flat = [name for name, _, _, _, is_flat in SHIRAKA_ENDPOINTS if is_flat]
    phase = time.monotonic()
    with servers_for(sizes, urls, redis_url) as servers:
        log(f"== smoke, PostgreSQL, {' and '.join(map(str, sizes))} conventions, interleaved")

        def jobs(names):
            # Both sizes of a page back to back, so the machine's noise of the
            # moment weighs on both; the floor is the smaller size's /livez.
            return [((size, name), servers[size], paths[size][name]) for name in names for size in sizes]

        measured = measure_jobs(jobs(flat), servers[sizes[0]], args, label="smoke")
        for size in sizes:
            results[size] = {name: measured[(size, name)] for name in flat}
            # The network and the sitemap grow with the register by design, and
            # the exports are the register: they must answer, nothing more.
            others = {n: p for n, p in paths[size].items() if n not in flat} | dict(EXPORTS)
            checks[size] = check_status(servers[size].port, others)
        timings["measure_s"] = round(time.monotonic() - phase, 1)
        small, large = sizes[0], sizes[-1]

        def growth(name):
            a, b = results[small][name].get("ratio"), results[large][name].get("ratio")
            return b / a if a and b else math.inf

        grown = [name for name in flat if growth(name) > SMOKE_GROWTH]
        if grown:
            # Three rounds this time, median: one noisy run must not fail CI.
            log(f"  measuring again, 3 rounds: {', '.join(grown)}")
            three = argparse.Namespace(**{**vars(args), "rounds": 3})
            again = measure_jobs(jobs(grown), servers[sizes[0]], three, label="again")
            for size in sizes:
                for name in grown:
                    results[size][name]["first"] = {k: results[size][name].get(k) for k in ("rps", "ratio")}
                    results[size][name].update(again[(size, name)])
        timings["total_s"] = round(time.monotonic() - started, 1)

    print(f"\nSmoke: ratio to the floor ({FLOOR}), PostgreSQL, no page cache, {small} and {large} conventions")
    print(f"{'endpoint':<16} {small:>10} {large:>10} {'growth':>8}")
    for name in flat:
        a, b = results[small][name].get("ratio"), results[large][name].get("ratio")
        g = growth(name)
        bad = g > SMOKE_GROWTH
        print(f"{name:<16} {fmt(a):>10} {fmt(b):>10} {g:>7.2f}x {'FAIL' if bad else ''}")
        if bad:
            failures.append(f"{name}: ratio {fmt(a)} at {small}, {fmt(b)} at {large} ({g:.2f}x > {SMOKE_GROWTH}x)")
    for size in sizes:
        for name, result in {**results[size], **checks[size]}.items():
            for problem in result.get("problems", []):
                failures.append(f"{name} at {size}: {problem}")
    print(f"\nsmoke took {timings['total_s']:.0f} s ({json.dumps(timings)})")
    context = common["context"]
    for size in sizes:
        write_result(
            {
                "schema": 1,
                "date": datetime.date.today().isoformat(),
                "database": "postgresql",
                "size": size,
                "seed": args.seed,
                "smoke": True,
                **context,
                "targets": targets[size],
                "shiraka": {"nocache": results[size]},
                "checked": checks[size],
                "timings": timings,
                "failures": failures,
            },
            DATA / "smoke",
        )
    if failures:
        print("\nSMOKE FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("smoke passed")
    return 0


def fmt(value) -> str:
    return f"{value:.1f}x" if value else "-"


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
