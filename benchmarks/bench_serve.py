"""Load on ``postsoviet serve``: 50 concurrent clients for 60 s on loopback, and a lever's latency.

Run with ``.venv/bin/python benchmarks/bench_serve.py [seconds]``; record the figures in the
"Serve" section of ``docs/performance.md``. The server runs in its own process (``postsoviet
serve`` on a free port, a run store in a temporary folder); the clients are those of the test
suite's load test (``tests/serve/serve_setup.py``), cycling through cheap reads and lever views
already answered once. The lever latency is each deterministic model's answer to a lever setting
it has not seen (levers: ``cost.ukraine`` 1.25, 1.5, ...), timed from the client.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "serve"))

from serve_setup import REQUESTS, load, start  # noqa: E402

CLIENTS = 50
DETERMINISTIC = ("frontier", "exposure", "directions", "bargaining", "ladder")
STOCHASTIC_OR_SLOW = ("attrition", "landscape")


def lever_latency(base: str, models: tuple[str, ...], settings: int = 5) -> dict[str, list[float]]:
    """Seconds per answer of each model to ``settings`` lever settings it has not seen."""
    seen: dict[str, list[float]] = {m: [] for m in models}
    for model in models:  # the baseline and the compiled code, once
        httpx.post(f"{base}/api/v1/views/{model}", json={}, timeout=300)
    for step in range(settings):
        view = {"levers": {"cost.ukraine": 1.25 + 0.25 * step, "merger": 2028 + step}}
        for model in models:
            started = time.perf_counter()
            response = httpx.post(f"{base}/api/v1/views/{model}", json=view, timeout=300)
            response.raise_for_status()
            seen[model].append(time.perf_counter() - started)
    return seen


def main(seconds: float) -> None:
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        server, base = start(Path(folder) / "runs.duckdb")
        try:
            for model, times in lever_latency(base, DETERMINISTIC + STOCHASTIC_OR_SLOW).items():
                print(
                    f"lever {model}: median {statistics.median(times):.2f} s, max {max(times):.2f} s"
                )
            for method, path, body in REQUESTS:
                httpx.request(method, base + path, json=body, timeout=300).raise_for_status()
            seen = load(base, clients=CLIENTS, seconds=seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    rate = len(seen.latencies) / seconds
    print(
        f"load: {CLIENTS} clients, {seconds:.0f} s, {len(seen.latencies)} requests ({rate:.0f}/s), "
        f"{len(seen.failures)} failures, p50 {statistics.median(seen.latencies) * 1000:.0f} ms, "
        f"p95 {seen.p95() * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
