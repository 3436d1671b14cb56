"""Figures derived from a run (comparisons, verdicts) and the generated
section of docs/benchmarks.md, rebuilt from the latest result of each
database and size kept in bench/results/."""

import json
import math
import re
from pathlib import Path

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"

# The targets: ratio to the floor, at 100 000 conventions.
TARGETS = {"list": 10, "search": 12, "page": 6, "home": 8, "api_list": 8, "api_detail": 4}
CACHED_TARGET = 1.5
FLAT_TARGET = 1.2  # each page at the largest size <= 1.2x its ratio at the smallest
DEEP_TARGET = 1.2  # deep page <= 1.2x page 1
TAIL_TARGET = 2.0  # p99 <= 2x p50
DEEP_PAIRS = [("list_last", "list_p1"), ("list_p20", "list_p1"), ("api_list_deep", "api_list_p1")]
MODES = {"nocache": "without the page cache (PUBLIC_CACHE=0)", "cache": "served from the page cache (PUBLIC_CACHE=1)"}


def comparisons(result: dict) -> dict:
    nocache = (result.get("shiraka") or {}).get("nocache") or {}
    naive = result.get("naive") or {}
    to_naive = {}
    for name, page in naive.items():
        mine = nocache.get(name) or {}
        if page.get("rps") and mine.get("rps"):
            to_naive[name] = {
                # How many times fewer requests a second than the naive page.
                "rps": round(page["rps"] / mine["rps"], 2),
                # The same, each against its own floor (their middleware differ).
                "ratio": round(mine["ratio"] / page["ratio"], 2) if page.get("ratio") and mine.get("ratio") else None,
            }
    deep = {}
    for mode, pages in (result.get("shiraka") or {}).items():
        for deep_name, first in DEEP_PAIRS:
            a, b = (pages.get(deep_name) or {}).get("ratio"), (pages.get(first) or {}).get("ratio")
            if a and b:
                deep.setdefault(mode, {})[f"{deep_name}/{first}"] = round(a / b, 2)
    return {"to_naive": to_naive, "deep_over_page1": deep}


def problems(result: dict) -> list[str]:
    found = []
    for mode, pages in (result.get("shiraka") or {}).items():
        for name, page in pages.items():
            found += [f"{mode} {name}: {p}" for p in page.get("problems", [])]
    for name, page in (result.get("naive") or {}).items():
        found += [f"naive {name}: {p}" for p in page.get("problems", [])]
    for name, export in (result.get("exports") or {}).items():
        found += [f"{name}: {p}" for p in export.get("problems", [])]
    for mode, pages in (result.get("queries") or {}).items():
        for name, page in pages.items():
            if page["status"] != 200:
                found.append(f"in-process {mode} {name}: answers {page['status']}")
    return found


# --- Loading ------------------------------------------------------------------------


def latest_results(directory: Path) -> dict[str, dict[int, dict]]:
    """{database: {size: result}}, the most recent full-run result of each."""
    chosen: dict[str, dict[int, dict]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            result = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if result.get("smoke") or "database" not in result:
            continue
        slot = chosen.setdefault(result["database"], {})
        current = slot.get(result["size"])
        if current is None or result.get("finished_at", "") >= current.get("finished_at", ""):
            result["_file"] = path.name
            slot[result["size"]] = result
    return chosen


# --- Formatting ---------------------------------------------------------------------


def size_label(size: int) -> str:
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def x(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not math.isfinite(value):
        return "∞"
    return f"{value:,.{digits}f}×".replace(",", " ")


def num(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}".replace(",", " ")


def ms(value) -> str:
    if value is None:
        return "–"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def verdict(value, limit) -> str:
    if value is None or limit is None:
        return ""
    return "met" if value <= limit else "**missed**"


def stale(result: dict) -> bool:
    return bool(((result.get("timings") or {}).get("prepare") or {}).get("other_generator"))


def phases(timings: dict) -> str:
    """ "seed 48, migrate 9, probe 17, …" from a result's timings."""
    parts = []
    for key in ("prepare", "naive_prepare"):
        prefix = "naive " if key.startswith("naive") else ""
        for step in ("migrate_s", "seed_s"):
            if step in (timings.get(key) or {}):
                parts.append(f"{prefix}{step.removesuffix('_s')} {timings[key][step]}")
    parts += [f"{k.removesuffix('_s')} {v}" for k, v in timings.items() if k.endswith("_s")]
    return ", ".join(parts)


def page_cell(page: dict | None) -> str:
    if not page:
        return "–"
    if page.get("problems") and page.get("ratio") is None:
        return "ERROR: " + "; ".join(page["problems"])[:60]
    text = x(page.get("ratio"))
    if page.get("connections") and page["connections"] < 16:
        text += " †"
    if page.get("problems"):
        text += " ⚠ " + "; ".join(page["problems"])[:60]
    return text


# --- The generated section ---------------------------------------------------------


def database_section(kind: str, by_size: dict[int, dict]) -> list[str]:
    sizes = sorted(by_size)
    large = by_size[sizes[-1]]
    title = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(kind, kind)
    lines = [f"### {title}", ""]
    lines.append(
        "Registers: "
        + "; ".join(
            f"{size_label(s)} = {num(by_size[s]['targets']['published'])} published of {num(s)} "
            f"(run of {by_size[s]['date']}, commit {by_size[s].get('commit', '?')}"
            f"{' + local changes' if by_size[s].get('dirty') else ''}, {by_size[s]['settings']['rounds']} round(s)"
            f"{', register kept from an earlier or unknown seed_synthetic' if stale(by_size[s]) else ''})"
            for s in sizes
        )
        + "."
    )
    t = large["targets"]
    lines.append(
        f"Pages measured at {size_label(sizes[-1])}: actor `{t['actor']}` ({num(t['actor_conventions'])} conventions), "
        f"plan `{t['plan']}` ({num(t['plan_conventions'])}), convention `{t['convention']}` "
        f"({t['convention_parties']} parties), filters `{json.dumps(t['filters'], ensure_ascii=False)}` "
        f"({num(t['filtered_count'])} conventions), search `{t['common_word']}` ({num(t['common_word_matches'])} "
        f"matches) and `{t['rare_word']}` ({num(t['rare_word_matches'])})."
    )
    if sizes[-1] < 100_000:
        lines.append(
            f"The issue's targets are set at 100k; they are checked here at the largest size measured, "
            f'{size_label(sizes[-1])}, and "flat in N" is {size_label(sizes[-1])} ÷ {size_label(sizes[0])}.'
        )
    lines.append("")

    endpoints = large["endpoints"]
    flat_label = f"{size_label(sizes[-1])} ÷ {size_label(sizes[0])}" if len(sizes) > 1 else "flat"
    for mode in ("nocache", "cache"):
        if not any(mode in (by_size[s].get("shiraka") or {}) for s in sizes):
            continue
        lines.append(f"Ratio to the floor, {MODES[mode]}; lower is better:")
        lines.append("")
        head = ["endpoint", "queries", *(size_label(s) for s in sizes), flat_label, "target", "verdict"]
        if mode == "nocache":
            head.append(f"naive ÷ Shiraka req/s ({size_label(sizes[-1])})")
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for name, meta in endpoints.items():
            pages = [((by_size[s].get("shiraka") or {}).get(mode) or {}).get(name) for s in sizes]
            if not any(pages):
                continue
            queries = ((large.get("queries") or {}).get(mode) or {}).get(name, {}).get("queries")
            ratios = [p.get("ratio") if p else None for p in pages]
            growth = ratios[-1] / ratios[0] if len(sizes) > 1 and ratios[0] and ratios[-1] else None
            limit = CACHED_TARGET if mode == "cache" else TARGETS.get(meta["group"])
            verdicts = [verdict(ratios[-1], limit)]
            if meta["flat"] and growth is not None:
                verdicts.append(f"flat {verdict(growth, FLAT_TARGET)}")
            row = [
                meta["label"],
                num(queries),
                *(page_cell(p) for p in pages),
                x(growth, 2) if meta["flat"] else f"({x(growth, 2)})",
                f"≤ {limit}×" if limit else "",
                ", ".join(v for v in verdicts if v),
            ]
            if mode == "nocache":
                naive = (large.get("comparisons") or {}).get("to_naive", {}).get(name)
                row.append(x(naive["rps"]) if naive else "")
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
        deep = [
            (size_label(s), (by_size[s].get("comparisons") or {}).get("deep_over_page1", {}).get(mode, {}))
            for s in sizes
        ]
        if any(d for _, d in deep):
            parts = []
            for pair in ("list_last/list_p1", "list_p20/list_p1", "api_list_deep/api_list_p1"):
                values = [(label, d.get(pair)) for label, d in deep if d.get(pair) is not None]
                if values:
                    last = values[-1][1]
                    parts.append(
                        f"{pair.replace('/', ' ÷ ')}: "
                        + ", ".join(f"{x(v, 2)} at {label}" for label, v in values)
                        + (f" ({verdict(last, DEEP_TARGET)})" if pair != "list_p20/list_p1" else "")
                    )
            lines.append(f"Deep page ÷ page 1 (target ≤ {DEEP_TARGET}×): " + "; ".join(parts) + ".")
            lines.append("")

    # Latency and throughput at the largest size, without the cache.
    nocache = (large.get("shiraka") or {}).get("nocache") or {}
    if nocache:
        lines.append(
            f"Throughput and latency at {size_label(sizes[-1])} without the page cache "
            f"({large['settings']['wrk']}; target p99 ≤ {TAIL_TARGET}× p50):"
        )
        lines.append("")
        lines.append("| endpoint | req/s | p50 | p99 | p99 ÷ p50 | verdict | floor req/s | floor p50 / p99 |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for name, meta in endpoints.items():
            page = nocache.get(name)
            if not page or page.get("rps") is None:
                continue
            tail = page["p99_ms"] / page["p50_ms"] if page.get("p50_ms") else None
            lines.append(
                f"| {meta['label']} | {num(page['rps'], 1)} | {ms(page['p50_ms'])} | {ms(page['p99_ms'])} | "
                f"{x(tail)} | {verdict(tail, TAIL_TARGET)} | {num(page['floor_rps'])} | "
                f"{ms(page.get('floor_p50_ms'))} / {ms(page.get('floor_p99_ms'))} |"
            )
        lines.append("")

    # The naive register beside it.
    if any(by_size[s].get("naive") for s in sizes):
        lines.append("The naive register (bench/naive/), ratio to its own floor and req/s:")
        lines.append("")
        head = ["page", *(size_label(s) for s in sizes), "queries"]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        for name in large.get("naive") or {}:
            cells = []
            for s in sizes:
                page = (by_size[s].get("naive") or {}).get(name)
                cells.append(f"{x(page.get('ratio'))} · {num(page.get('rps'))}/s" if page else "–")
            queries = (large.get("naive_queries") or {}).get(name, {}).get("queries")
            label = endpoints.get(name, {}).get("label", name)
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {num(queries)} |")
        lines.append("")

    # Facet counts, in-process.
    if any(by_size[s].get("facets") for s in sizes):
        lines.append(
            "Facet counts (`facet_counts()` called directly, in-process, not cached; ratio to an in-process `/livez`):"
        )
        lines.append("")
        lines.append("| selection | " + " | ".join(size_label(s) for s in sizes) + " |")
        lines.append("|---|" + "---|" * len(sizes))
        for key, label in (("whole_register", "whole register"), ("three_filters", "three filters")):
            cells = []
            for s in sizes:
                f = (by_size[s].get("facets") or {}).get(key)
                cells.append(f"{ms(f['ms'])} ({x(f['ratio'], 0)}, {f['queries']} queries)" if f else "–")
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        lines.append("")

    # Exports.
    if any(by_size[s].get("exports") for s in sizes):
        lines.append(
            "Exports of the whole register (one fresh worker each; peak RSS of that worker, and before the request):"
        )
        lines.append("")
        lines.append("| export | " + " | ".join(size_label(s) for s in sizes) + " |")
        lines.append("|---|" + "---|" * len(sizes))
        for name in large.get("exports") or {}:
            cells = []
            for s in sizes:
                e = (by_size[s].get("exports") or {}).get(name)
                if not e:
                    cells.append("–")
                elif e.get("problems"):
                    cells.append("ERROR: " + "; ".join(e["problems"]))
                else:
                    cells.append(
                        f"{e['seconds']:.1f} s, {e['bytes'] / 1e6:.1f} MB, peak {num(e['worker_peak_rss_mb'])} MB "
                        f"(from {num(e['worker_peak_rss_mb_before'])})"
                    )
            lines.append(f"| `{large['exports'][name]['path']}` | " + " | ".join(cells) + " |")
        lines.append("")

    problems_found = [(s, p) for s in sizes for p in by_size[s].get("problems", [])]
    if problems_found:
        listed = "; ".join(f"{size_label(s)}: {p}" for s, p in problems_found)
        lines.append(f"**Errors (those figures are not valid):** {listed}")
        lines.append("")
    timing = "; ".join(f"{size_label(s)}: {phases(by_size[s].get('timings', {}))}" for s in sizes)
    lines.append(f"Time taken (s): {timing}.")
    lines.append("")
    return lines


def section(results: dict[str, dict[int, dict]]) -> str:
    lines = [START, "## Load benchmark (`make bench`)", ""]
    lines.append(
        "Generated by `bench/run.py` from the latest result of each database and size in `bench/results/`; "
        "do not edit between the markers (`.venv/bin/python bench/run.py --report-only` rebuilds it)."
    )
    lines.append("")
    if not results:
        lines += ["No results yet: run `make bench`.", END]
        return "\n".join(lines)
    any_result = next(iter(next(iter(results.values())).values()))
    m, v, st = any_result["machine"], any_result["versions"], any_result["settings"]
    lines.append(
        f"Machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['ram_gb']} GB RAM, Linux {m['kernel']}, shared and noisy "
        "(read the ratios, not the timings). "
        f"Python {v['python']}, Django {v['django']}, DRF {v['djangorestframework']}, gunicorn {v['gunicorn']}, "
        f"SQLite {v['sqlite']}"
        + (f", PostgreSQL {v['postgresql']}" if v.get("postgresql") else "")
        + f", wrk {v['wrk']}."
    )
    lines.append("")
    lines.append(
        f"Settings: {st['server']}; {st['profile']}; {st['throttle']}; cache: {st['cache']}; "
        f"wrk {st['wrk']}; {st['rounds']} round(s), median. Each page run sits between two runs of the floor "
        f"(`{st['floor']}`, a trivial view through the same middleware); its ratio is the mean req/s of those two "
        "floor runs ÷ the page's req/s. Queries per request are counted in-process with the test client "
        "(after one warming request). Naive register: " + st["naive"] + "; its column is the naive page's req/s ÷ "
        "Shiraka's for the same kind of page (3× = Shiraka serves a third as many). Exports: " + st["exports"] + ". "
        "† a page slower than a second a request, loaded with 2 connections (one per worker) instead of 16: the "
        "server is saturated either way, and its latencies are then the service time, without the queue."
    )
    for warning in any_result.get("warnings", []):
        lines.append("")
        lines.append(f"Warning: {warning}.")
    lines.append("")
    lines.append(
        "Reproduce: `make bench` (all sizes and both databases, 3 rounds) or "
        "`make bench BENCH_SIZES=1000,10000 BENCH_DATABASES=sqlite,postgresql BENCH_ROUNDS=1`; "
        "the seeded registers are kept in `bench/data/` and reused."
    )
    lines.append("")
    for kind in ("sqlite", "postgresql"):
        if kind in results:
            lines += database_section(kind, results[kind])
    lines.append(END)
    return "\n".join(lines)


def write_docs(results_dir: Path, docs: Path) -> None:
    generated = section(latest_results(results_dir))
    text = docs.read_text() if docs.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: generated, text)
    else:
        text = text.rstrip("\n") + "\n\n" + generated + "\n"
    docs.write_text(text)
