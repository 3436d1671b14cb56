"""The registers a run measures: their environments, and their databases,
seeded once and kept under bench/data/."""

import datetime
import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlparse

from common import BENCH, DATA, NAIVE, PG_ADMIN_URL, PG_URL, PYTHON, ROOT, BenchError, log

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
