"""Shared fixtures: the embedded world (loaded once) and a writer for overlay data folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from postsoviet import World, load_world

WriteFiles = Callable[[dict[str, str]], Path]


@pytest.fixture(scope="session", autouse=True)
def private_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory of this test process's own (XDG_DATA_HOME), so the default run store of
    the commands run here is never the user's, nor shared between parallel test workers."""
    yield from _set_for_the_session("XDG_DATA_HOME", tmp_path_factory.mktemp("data_home"))


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One disk cache (:mod:`postsoviet.disk_cache`) for this test run, shared by its parallel
    workers and the commands they run: the parsed world and a forecast's generated history are
    built once per run, never read from the user's cache or from an earlier run."""
    root = tmp_path_factory.getbasetemp()
    folder = (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / "disk_cache"
    yield from _set_for_the_session("POSTSOVIET_CACHE_DIR", folder)


def _set_for_the_session(name: str, folder: Path) -> Iterator[Path]:
    """Set the environment variable ``name`` to ``folder`` until the session ends, then restore it."""
    before = os.environ.get(name)
    os.environ[name] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = before


@pytest.fixture(scope="session")
def world() -> World:
    return load_world()


@pytest.fixture
def write_folder(tmp_path: Path) -> WriteFiles:
    """Write ``{filename: csv text}`` into a fresh folder and return the folder."""

    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / "overlay"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text.lstrip("\n"), encoding="utf-8")
        return folder

    return write
