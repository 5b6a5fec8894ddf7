"""``postsoviet serve``: the dashboard and the HTTP API in one process (docs/serve.md)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from postsoviet.cli.common import DataOption, stderr, user_errors
from postsoviet.cli.runs import StoreOption
from postsoviet.errors import PostsovietError
from postsoviet.serve.bind import TOKEN_VARIABLE, check_bind


@user_errors
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to bind (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8050,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help=f"Bearer token every API call must carry (or ${TOKEN_VARIABLE}); required beyond loopback.",
        ),
    ] = None,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Serve the dashboard at http://HOST:PORT/ and the API at /api/v1 (schema: /api/v1/openapi.json)."""
    try:
        import uvicorn

        from postsoviet.serve.app import create_app
    except ImportError as error:
        raise PostsovietError(
            f"postsoviet serve needs the serve extra ({error.name} is missing): pip install 'postsoviet[serve]'"
        ) from None
    from postsoviet.data.config import load_config
    from postsoviet.runs.store import default_store_path
    from postsoviet.world import load_world

    token = token or os.environ.get(TOKEN_VARIABLE) or None
    check_bind(host, token)
    app = create_app(
        load_world(data), load_config(data), store or default_store_path(), token=token
    )
    stderr.print(f"postsoviet: dashboard at http://{host}:{port}/", markup=False, highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
