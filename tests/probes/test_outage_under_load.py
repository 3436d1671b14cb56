"""A database outage during a bounded load, on loopback, counted.

gunicorn runs the production profile (static files collected, persistent
connections, the page cache in the database) on a free 127.0.0.1 port,
against a database of its own reached through a TCP proxy in this process.
A few threads send a bounded load over pages in three languages, the API and
the health check; part-way through, the proxy is cut (every open connection
broken, every new one refused: PostgreSQL down, as the application sees it),
then restored. No answer may be a 500 (or no answer at all); while the
database is down, every answer is 200 or 503 (with Retry-After); once it is
back, every address answers 200 again within RECOVERY seconds, with
nothing restarted.

PostgreSQL only: on SQLite there is no server to lose."""

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.backup.test_across_databases import manage

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
REQUESTS = 320
CUT_AFTER, RESTORE_AFTER = 100, 220  # requests answered
THREADS = 4
RECOVERY = 30  # seconds
ADDRESSES = [
    *(f"/{language}/{page}" for language in ("fr", "ar", "en") for page in ("", "conventions/", "actors/")),
    "/fr/conventions/{slug}/",
    "/en/plans/",
    "/fr/conventions/feed/",
    "/sitemap.xml",
    "/api/v1/conventions/",
    "/api/v1/conventions/{slug}/",
    "/api/v1/actors/",
    "/api/v1/objectives/",
    "/healthz",
]


class Proxy:
    """A TCP proxy from a free 127.0.0.1 port to the database server. `cut()`
    closes the listener and every connection through it; `restore()`
    listens again on the same port."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = 0
        self.lock = threading.Lock()
        self.connections: list[socket.socket] = []
        self.listener = None

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self.lock:
            listener, self.listener = self.listener, None
            connections, self.connections = self.connections, []
        if listener is not None:
            listener.close()
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            connection.close()

    def _accept(self, listener: socket.socket) -> None:
        while self.listener is listener:
            if not select.select([listener], [], [], 0.1)[0]:
                continue
            try:
                client, _ = listener.accept()
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                continue
            with self.lock:
                self.connections += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@dataclass
class Answer:
    address: str
    status: int  # 0: no answer (connection refused or reset, timeout)
    retry_after: bool
    started: float
    ended: float


def get(port: int, address: str) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{address}", timeout=30) as response:
            response.read()
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        error.read()
        status, headers = error.code, error.headers
    except OSError:
        status, headers = 0, {}
    return Answer(address, status, "Retry-After" in headers, started, time.monotonic())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Run:
    answers: list[Answer]
    cut_at: float
    restored_at: float
    recovered: dict[str, float | None]  # address → seconds to its first 200 after the restore


def serve_and_cut(database_url: str, folder: Path) -> Run:
    """Start gunicorn against `database_url` through the proxy, load it,
    cut the proxy part-way, restore it; what every request answered."""
    default = settings.DATABASES["default"]
    proxy = Proxy(default["HOST"] or "127.0.0.1", int(default["PORT"] or 5432))
    proxy.restore()
    host_and_port = database_url.split("@", 1)[1].split("/", 1)[0]
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PUBLIC_CACHE", "API_THROTTLE"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="probe-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url.replace(host_and_port, f"127.0.0.1:{proxy.port}"),
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        API_THROTTLE_ANON="1000000/minute",
        PYTHONUNBUFFERED="1",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )
    port = free_port()
    log = (folder / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--worker-class=gthread",
            "--threads=2",
            "--timeout=30",
            "--graceful-timeout=5",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while get(port, "/livez").status != 200:
            assert server.poll() is None and time.monotonic() < deadline, (folder / "gunicorn.log").read_text()
            time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/conventions/", timeout=30) as response:
            slug = json.loads(response.read())["results"][0]["slug"]
        addresses = [address.format(slug=slug) for address in ADDRESSES]

        answered = 0
        counted = threading.Lock()
        cut, restore = threading.Event(), threading.Event()

        def one(index: int) -> Answer:
            nonlocal answered
            answer = get(port, addresses[index % len(addresses)])
            with counted:
                answered += 1
                if answered == CUT_AFTER:
                    cut.set()
                if answered == RESTORE_AFTER:
                    restore.set()
            return answer

        with ThreadPoolExecutor(THREADS) as pool:
            futures = [pool.submit(one, index) for index in range(REQUESTS)]
            assert cut.wait(120)
            proxy.cut()
            cut_at = time.monotonic()
            assert restore.wait(120)
            proxy.restore()
            restored_at = time.monotonic()
            answers = [future.result() for future in futures]

        recovered = {}
        for address in addresses:
            while (answer := get(port, address)).status != 200 and time.monotonic() < restored_at + RECOVERY:
                answers.append(answer)
                time.sleep(0.5)
            answers.append(answer)
            recovered[address] = answer.ended - restored_at if answer.status == 200 else None
        return Run(answers, cut_at, restored_at, recovered)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        proxy.cut()


@pytest.fixture(scope="module")
def run(request, tmp_path_factory):
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        pytest.skip("the outage under load needs a database server to lose (PostgreSQL); this run is on SQLite")
    folder = tmp_path_factory.mktemp("outage")
    with request.getfixturevalue("new_database")() as database:
        manage(database, folder / "media", "load_demo")
        return serve_and_cut(database, folder)


def during(run: Run) -> list[Answer]:
    """Requests sent and answered while the database was down."""
    return [answer for answer in run.answers if run.cut_at < answer.started and answer.ended < run.restored_at]


def test_no_answer_under_load_is_a_500_through_an_outage(run, probe):
    errors = probe(
        "outage under load: no 500",
        "answers 500, or no answer at all, from gunicorn (production profile) before, during and after"
        " a database outage under load",
    )
    for answer in run.answers:
        errors.check(answer.status not in (0, 500), f"{answer.address} → {answer.status or 'no answer'}")
    assert errors.failures == []


def test_while_the_database_is_down_every_answer_is_200_or_503(run, probe):
    answered = probe(
        "outage under load: 200 or 503",
        "answers during the outage other than 200 or 503 (with Retry-After, but for /healthz)",
    )
    for answer in during(run):
        waits = answer.retry_after or answer.address == "/healthz"
        answered.check(answer.status == 200 or (answer.status == 503 and waits), f"{answer.address} → {answer.status}")
    # The probe proves something only if the outage was felt.
    assert sum(answer.status == 503 for answer in during(run)) >= 50
    assert answered.failures == []


def test_every_address_answers_200_again_soon_after_the_database_is_back(run, probe):
    recovered = probe(
        "outage under load: recovery",
        f"addresses not answering 200 again within {RECOVERY} s of the database's return (nothing restarted)",
    )
    for address, seconds in run.recovered.items():
        recovered.check(seconds is not None, f"{address}: no 200 within {RECOVERY} s")
    assert all(answer.status == 200 for answer in run.answers if answer.ended < run.cut_at)
    assert recovered.failures == []
