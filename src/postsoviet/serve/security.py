"""Who may call the server, and how much they may send.

With a token (:mod:`postsoviet.serve.bind`), every API call must carry it as
``Authorization: Bearer <token>`` (compared in constant time). Request bodies are capped at
:data:`MAX_BODY` bytes before anything parses them.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from postsoviet.errors import PostsovietError

MAX_BODY = 1024 * 1024


def token_matches(header: str | None, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``Bearer <token>``."""
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode())


class BodyTooLargeError(PostsovietError):
    """A request body streamed past the limit (the API answers 413)."""


async def _reply(send: Send, status: int, text: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": text})


class BodyLimit:
    """ASGI middleware: a 413 for a body over ``limit`` bytes, by its header or as it streams in."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        too_big = b'{"detail":"request body: expected at most %d bytes"}' % self.limit
        if not length.isdigit() or int(length) > self.limit:
            await _reply(send, 413, too_big)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLargeError(f"request body: expected at most {self.limit} bytes")
            return message

        await self.app(scope, limited, send)
