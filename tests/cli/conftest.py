"""The CLI tests run the real ``postsoviet`` console script of this environment."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "postsoviet"

Run = Callable[..., subprocess.CompletedProcess[str]]


def run_postsoviet(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``postsoviet ARGS`` and capture its output (no shell, bounded in time)."""
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def postsoviet() -> Run:
    return run_postsoviet
