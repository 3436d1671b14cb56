"""The wrk report parser (run alone: `.venv/bin/python -m pytest bench/tests
--noconftest -p no:django -p no:cacheprovider`)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import wrk  # noqa: E402

OK = """Running 2s test @ http://127.0.0.1:18999/healthz
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    81.47ms  164.36ms 648.44ms   85.05%
    Req/Sec     3.23k     1.37k    4.89k    71.43%
  Latency Distribution
     50%    4.86ms
     75%   12.54ms
     90%  378.31ms
     99%     1.20s
  4713 requests in 2.03s, 1.29MB read
Requests/sec:   2326.49
Transfer/sec:    654.46KB
"""

ERRORS = """Running 2s test @ http://127.0.0.1:18999/nope
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.21ms    5.46ms 127.49ms   93.58%
    Req/Sec     2.05k   339.72     2.57k    85.00%
  Latency Distribution
     50%  746.00us
     75%    8.17ms
     90%   10.18ms
     99%   23.75ms
  4087 requests in 2.01s, 1.82MB read
  Socket errors: connect 0, read 3, write 0, timeout 7
  Non-2xx or 3xx responses: 4087
Requests/sec:   2037.76
Transfer/sec:      0.91MB
"""

NOTHING = """Running 5s test @ http://127.0.0.1:1/slow
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 5.01s, 0.00B read
  Socket errors: connect 0, read 0, write 0, timeout 16
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_figures_and_units():
    result = wrk.parse(OK)
    assert result["rps"] == 2326.49
    assert result["requests"] == 4713
    assert result["seconds"] == pytest.approx(2.03)
    assert result["bytes"] == int(1.29 * 1024**2)
    assert result["p50_ms"] == pytest.approx(4.86)
    assert result["p90_ms"] == pytest.approx(378.31)
    assert result["p99_ms"] == pytest.approx(1200.0)
    assert result["non_2xx_3xx"] == 0
    assert wrk.problems(result) == []


def test_errors_are_counted_and_reported():
    result = wrk.parse(ERRORS)
    assert result["p50_ms"] == pytest.approx(0.746)
    assert result["non_2xx_3xx"] == 4087
    assert result["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 7}
    assert wrk.problems(result) == ["4087 non-2xx/3xx answers", "7 timeouts"]


def test_no_request_completed_is_a_problem():
    result = wrk.parse(NOTHING)
    assert result["rps"] == 0
    assert "no request completed" in wrk.problems(result)


def test_truncated_output_is_refused():
    with pytest.raises(wrk.WrkError):
        wrk.parse(OK.split("Requests/sec")[0])
    with pytest.raises(wrk.WrkError):
        wrk.parse("\n".join(line for line in OK.splitlines() if "%" not in line or "Stdev" in line))
