"""The CLI tests run the real ``postsoviet`` console script of this environment."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cli_runner import run_postsoviet


@pytest.fixture
def postsoviet() -> Callable[..., object]:
    return run_postsoviet
