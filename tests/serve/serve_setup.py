"""What the server's tests share besides fixtures: the test token and a free loopback port."""

from __future__ import annotations

import socket

TOKEN = "test-token"  # noqa: S105 - a token for the tests only


def free_port() -> int:
    """A port nobody listens on, on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
