"""The bad-input corpus runs the real command in this process (Typer's runner): fast, no traceback
can hide, and each case reads the one line the user would see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from postsoviet.cli.app import app


@dataclass(frozen=True)
class Outcome:
    """What a user sees: exit code, standard output and standard error."""

    code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def invoke(*args: str) -> Outcome:
    """Run ``postsoviet ARGS`` in this process and capture what it prints."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=True)
    exception = result.exception if not isinstance(result.exception, SystemExit) else None
    return Outcome(result.exit_code, result.stdout, result.stderr, exception)


def refused(*args: str) -> str:
    """Run a command that must fail cleanly: a non-zero exit, no traceback; its one error line."""
    outcome = invoke(*args)
    assert outcome.exception is None, f"{args}: {outcome.exception!r}"
    assert outcome.code != 0, f"{args}: exit 0\n{outcome.stdout}"
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) >= 1, f"{args}: nothing on stderr"
    assert lines[0].startswith(("error:", "Usage:")) or "Error" in outcome.stderr, outcome.stderr
    return " ".join(lines) if lines[0].startswith("Usage:") else lines[0]


@pytest.fixture
def cli() -> Callable[..., Outcome]:
    return invoke
