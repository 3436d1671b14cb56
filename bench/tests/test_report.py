"""Verdicts and the generated section, from a made-up result (run alone:
`.venv/bin/python -m pytest bench/tests --noconftest -p no:django -p no:cacheprovider`)."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import report  # noqa: E402

ENDPOINTS = {
    "list_p1": {"label": "list, page 1", "group": "list", "flat": True},
    "list_last": {"label": "list, last page", "group": "list", "flat": True},
    "api_detail": {"label": "API detail", "group": "api_detail", "flat": True},
}


def page(ratio, rps, **extra):
    return {"ratio": ratio, "rps": rps, "p50_ms": 100.0, "p99_ms": 150.0, "floor_rps": 1000.0, "problems": [], **extra}


def result(size, date, ratios, **extra):
    shiraka = {
        "nocache": {name: page(r, 1000 / r) for name, r in ratios.items()},
        "cache": {name: page(1.2, 800) for name in ratios},
    }
    value = {
        "schema": 1,
        "date": date,
        "finished_at": f"{date}T12:00:00+00:00",
        "database": "postgresql",
        "size": size,
        "smoke": False,
        "commit": "abc1234",
        "dirty": False,
        "machine": {"cpus": 2, "cpu_model": "CPU", "ram_gb": 24.0, "kernel": "6"},
        "versions": {
            "python": "3.13",
            "django": "6.1",
            "djangorestframework": "3.16",
            "gunicorn": "23",
            "sqlite": "3.40",
            "postgresql": "15",
            "wrk": "4.1",
        },
        "settings": {
            "server": "gunicorn",
            "profile": "production",
            "throttle": "off",
            "cache": "Redis",
            "wrk": "16 connections",
            "rounds": 1,
            "floor": "/healthz",
            "naive": "naive",
            "exports": "fresh",
        },
        "targets": {
            "published": size * 0.85,
            "actor": "mic",
            "actor_conventions": 10,
            "plan": "p",
            "plan_conventions": 5,
            "convention": "c",
            "convention_parties": 3,
            "filters": {"sector": "s"},
            "filtered_count": 4,
            "common_word": "convention",
            "common_word_matches": 9,
            "rare_word": "rare",
            "rare_word_matches": 1,
        },
        "endpoints": ENDPOINTS,
        "shiraka": shiraka,
        "naive": {"list_p1": page(5.0, 400.0)},
        "queries": {"nocache": {name: {"status": 200, "queries": 7} for name in ratios}},
        "timings": {"total_s": 10.0},
        **extra,
    }
    value["comparisons"] = report.comparisons(value)
    value["problems"] = report.problems(value)
    return value


def test_comparisons():
    value = result(1000, "2026-11-30", {"list_p1": 8.0, "list_last": 12.0, "api_detail": 5.0})
    assert value["comparisons"]["to_naive"]["list_p1"] == {"rps": 3.2, "ratio": 1.6}
    assert value["comparisons"]["deep_over_page1"]["nocache"] == {"list_last/list_p1": 1.5}
    assert value["problems"] == []


def test_problems_are_collected():
    value = result(1000, "2026-11-30", {"list_p1": 8.0})
    value["shiraka"]["nocache"]["list_p1"]["problems"] = ["answers 500"]
    assert report.problems(value) == ["nocache list_p1: answers 500"]


def test_section_latest_per_size_and_verdicts(tmp_path):
    old = result(1000, "2026-11-01", {"list_p1": 99.0, "list_last": 99.0, "api_detail": 99.0})
    small = result(1000, "2026-11-30", {"list_p1": 8.0, "list_last": 9.0, "api_detail": 3.0})
    large = result(100000, "2026-11-30", {"list_p1": 9.0, "list_last": 10.5, "api_detail": 5.0})
    smoke = {**large, "smoke": True}
    for name, value in {"a.json": old, "b.json": small, "c.json": large, "d.json": smoke}.items():
        (tmp_path / name).write_text(json.dumps(value))
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nKept.\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nAlso kept.\n")
    report.write_docs(tmp_path, docs)
    text = docs.read_text()
    assert text.startswith("# Benchmarks\n\nKept.\n") and text.endswith("\n\nAlso kept.\n")
    assert "old" not in text and "99.0×" not in text
    assert "| list, page 1 | 7 | 8.0× | 9.0× | 1.12× | ≤ 10× | met, flat met | 3.6× |" in text
    assert "| API detail | 7 | 3.0× | 5.0× | 1.67× | ≤ 4× | **missed**, flat **missed** |" in text
    assert "list_last ÷ list_p1: 1.12× at 1k, 1.17× at 100k (met)" in text
    # Written twice, the section is replaced, not appended.
    report.write_docs(tmp_path, docs)
    assert docs.read_text().count(report.START) == 1
