"""Where the server may listen: loopback freely, anywhere else only with a token.

No third-party imports here, so the CLI can check its options before loading the server.
"""

from __future__ import annotations

import ipaddress

from postsoviet.errors import PostsovietError

TOKEN_VARIABLE = "POSTSOVIET_TOKEN"  # noqa: S105 - the name of a variable, not a secret


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to bind beyond loopback without a token."""
    if not is_loopback(host) and not token:
        raise PostsovietError(
            f"option '--host': binding to {host} (not loopback) requires a token: "
            f"--token or the environment variable {TOKEN_VARIABLE}"
        )
