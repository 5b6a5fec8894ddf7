"""The server's fixtures: one application per test module over the session's world, with a run
store in the module's own tmp dir, and a real uvicorn server on a free loopback port."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from serve_setup import free_port

from postsoviet.data.config import default_config
from postsoviet.serve.app import create_app


@pytest.fixture(scope="module")
def app(world, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(world, default_config(), tmp_path_factory.mktemp("store") / "runs.duckdb")


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as opened:
        yield opened


@pytest.fixture(scope="module")
def server(app: FastAPI) -> Iterator[str]:
    """The application served by uvicorn in a thread; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
