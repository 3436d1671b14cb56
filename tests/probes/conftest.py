"""Probes: tests that try many inputs or paths and count what failed, so the
reliability report (`make reliability`, docs/reliability.md) can say how much
was tried, not only that the test passed. Each probe records its counts with
the `probe` fixture, then asserts that nothing failed.

The counts of a run go to test-artifacts/reliability.json (one process: the
report is made from `pytest -n 0`); under xdist each worker would hold a part
of them, so nothing is written there."""

import json
import os
from pathlib import Path

import pytest

RESULTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reliability.json"
_counts: dict[str, dict] = {}


class Probe:
    """One test's share of a probe: its failures, and the run's counts."""

    def __init__(self, name: str, what: str):
        self.record = _counts.setdefault(name, {"what": what, "tried": 0, "failed": 0, "examples": []})
        self.failures: list[str] = []

    def check(self, ok: bool, example: str) -> bool:
        self.record["tried"] += 1
        if not ok:
            self.record["failed"] += 1
            self.failures.append(example)
            if len(self.record["examples"]) < 10:
                self.record["examples"].append(example)
        return ok


@pytest.fixture
def probe():
    return Probe


def pytest_sessionfinish(session, exitstatus):
    if _counts and not os.environ.get("PYTEST_XDIST_WORKER"):
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps(_counts, indent=1, ensure_ascii=False) + "\n")
