"""A bounded load test on loopback: 50 concurrent clients against a real uvicorn server for 10 s,
no errors (the 60 s version with its p95 is ``benchmarks/bench_serve.py``, docs/performance.md)."""

from __future__ import annotations

import httpx
from serve_setup import REQUESTS, load

CLIENTS = 50
SECONDS = 10


def test_fifty_clients_for_ten_seconds_get_no_errors(server):
    for method, path, body in REQUESTS:  # answer each view once, as the dashboard would
        assert httpx.request(method, server + path, json=body, timeout=60).status_code == 200
    seen = load(server, clients=CLIENTS, seconds=SECONDS)
    assert seen.failures == ()
    assert seen.latencies  # how many depends on the machine's load; the check is for errors
    print(f"{len(seen.latencies)} requests, p95 {seen.p95() * 1000:.0f} ms")
