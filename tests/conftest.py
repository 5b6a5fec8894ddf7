"""Shared fixtures: the embedded world (loaded once) and a writer for overlay data folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from postsoviet import World, load_world

WriteFiles = Callable[[dict[str, str]], Path]


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
