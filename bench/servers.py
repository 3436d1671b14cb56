"""gunicorn servers, and wrk against them in rounds interleaved with the floor."""

import http.client
import math
import os
import signal
import socket
import statistics
import subprocess
import time
from pathlib import Path

import wrk
from common import DATA, EXPORT_TIMEOUT, FLOOR, GUNICORN, GUNICORN_TIMEOUT, ROOT, TOO_SLOW, WORKERS, BenchError, log

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
