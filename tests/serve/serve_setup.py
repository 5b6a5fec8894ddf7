"""What the server's tests share besides fixtures: the test token, a free loopback port, the load
generator, and a server in its own process (``benchmarks/bench_serve.py`` and
``scripts/dashboard_screenshot.py`` use these too)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import numpy as np

TOKEN = "test-token"  # noqa: S105 - a token for the tests only


def free_port() -> int:
    """A port nobody listens on, on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The load test's mix: cheap reads, and lever views already answered once (cached), as when many
# people share one link.
VIEW = {"levers": {"merger": 2028}}
REQUESTS = (
    ("GET", "/api/v1/health", None),
    ("GET", "/api/v1/levers", None),
    ("GET", "/api/v1/scenarios", None),
    ("POST", "/api/v1/views/frontier", VIEW),
    ("POST", "/api/v1/views/directions", VIEW),
)


@dataclass(frozen=True)
class Load:
    """What a load run saw: each request's latency (s) and the failures (status or exception)."""

    latencies: tuple[float, ...]
    failures: tuple[str, ...]

    def p95(self) -> float:
        """The 95th percentile latency in seconds."""
        return float(np.percentile(self.latencies, 95))


async def _client(base: str, deadline: float, latencies: list, failures: list) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        turn = 0
        while time.monotonic() < deadline:
            method, path, body = REQUESTS[turn % len(REQUESTS)]
            turn += 1
            started = time.perf_counter()
            try:
                response = await client.request(method, path, json=body)
            except httpx.HTTPError as error:
                failures.append(f"{method} {path}: {error!r}")
                continue
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                failures.append(f"{method} {path}: {response.status_code}")


def load(base: str, *, clients: int, seconds: float) -> Load:
    """``clients`` concurrent clients cycling through :data:`REQUESTS` for ``seconds``."""
    latencies: list[float] = []
    failures: list[str] = []

    async def run() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(_client(base, deadline, latencies, failures) for _ in range(clients))
        )

    asyncio.run(run())
    return Load(tuple(latencies), tuple(failures))


def start(store: Path) -> tuple[subprocess.Popen, str]:
    """``postsoviet serve`` in its own process on a free loopback port, once it answers."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "postsoviet"), "serve", "--port", str(port)]
    server = subprocess.Popen([*command, "--store", str(store)], env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(base + "/api/v1/health").status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 120 s (or exited)")
