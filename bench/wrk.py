"""Running wrk and reading its `--latency` report.

wrk counts 3xx as success and reports timeouts apart from errors, so the
parser keeps every count: a page answering 500s or timing out must fail the
benchmark, not show up as a fast figure."""

import re
import subprocess

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_SIZE = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


class WrkError(RuntimeError):
    """wrk did not run, or printed something this parser does not understand."""


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise WrkError(f"unreadable duration {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def _bytes(text: str) -> int:
    match = re.fullmatch(r"([\d.]+)(B|KB|MB|GB|TB)", text.strip())
    if not match:
        raise WrkError(f"unreadable size {text!r}")
    return int(float(match.group(1)) * _SIZE[match.group(2)])


def parse(output: str) -> dict:
    """The figures of one wrk run: req/s, latency percentiles (ms), request
    and error counts. Raises WrkError when the report is incomplete."""
    result = {
        "requests": None,
        "seconds": None,
        "bytes": None,
        "rps": None,
        "p50_ms": None,
        "p75_ms": None,
        "p90_ms": None,
        "p99_ms": None,
        "non_2xx_3xx": 0,
        "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }
    for line in output.splitlines():
        line = line.strip()
        if match := re.fullmatch(r"(50|75|90|99)%\s+(\S+)", line):
            result[f"p{match.group(1)}_ms"] = _ms(match.group(2))
        elif match := re.fullmatch(r"(\d+) requests in (\S+), (\S+) read", line):
            result["requests"] = int(match.group(1))
            result["seconds"] = _ms(match.group(2)) / 1000
            result["bytes"] = _bytes(match.group(3))
        elif match := re.fullmatch(r"Requests/sec:\s+([\d.]+)", line):
            result["rps"] = float(match.group(1))
        elif match := re.fullmatch(r"Non-2xx or 3xx responses: (\d+)", line):
            result["non_2xx_3xx"] = int(match.group(1))
        elif match := re.fullmatch(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", line):
            result["socket_errors"] = dict(
                zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True)
            )
    if result["rps"] is None or result["requests"] is None:
        raise WrkError("no 'Requests/sec' or 'requests in' line in wrk's output:\n" + output)
    if result["requests"] and result["p50_ms"] is None:
        raise WrkError("no latency distribution (was --latency given?):\n" + output)
    return result


def problems(result: dict) -> list[str]:
    """What makes a run's figure meaningless: error answers, timeouts, refused
    connections, or no answer at all. Read errors are left out: a sync worker
    closes each connection after its answer and wrk may count that."""
    found = []
    if result["non_2xx_3xx"]:
        found.append(f"{result['non_2xx_3xx']} non-2xx/3xx answers")
    errors = result["socket_errors"]
    if errors["timeout"]:
        found.append(f"{errors['timeout']} timeouts")
    if errors["connect"]:
        found.append(f"{errors['connect']} connection errors")
    if not result["requests"]:
        found.append("no request completed")
    return found


def run(url: str, *, duration: float, connections: int, threads: int = 1, timeout: float = 60) -> dict:
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration))}s",
        f"--timeout={round(timeout)}s",
        "--latency",
        url,
    ]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + timeout + 30)
    except FileNotFoundError as exc:
        raise WrkError("wrk is not installed (apt-get install wrk)") from exc
    if completed.returncode != 0:
        raise WrkError(f"wrk exited with {completed.returncode}: {completed.stderr or completed.stdout}")
    result = parse(completed.stdout)
    result["url"] = url
    result["duration"] = max(1, round(duration))
    return result
