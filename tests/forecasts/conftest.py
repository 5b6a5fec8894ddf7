"""Shared fixtures: the embedded world and a writer of small targets files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import postsoviet


@pytest.fixture(scope="session")
def world():
    return postsoviet.load_world()


@pytest.fixture
def targets_file(tmp_path):
    def write(text: str) -> Path:
        path = tmp_path / "targets.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
