"""What every command shares: consoles, common options, and turning user errors into messages."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from postsoviet.errors import DataError, PostsovietError

# Piped output gets a wide page, so tables stay readable in files and logs.
stdout = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
stderr = Console(stderr=True, soft_wrap=True)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data", help="A folder of data files that extend or override the embedded ones."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
Command = TypeVar("Command", bound=Callable[..., Any])


def user_errors(command: Command) -> Command:
    """Turn postsoviet errors into a message on stderr and exit code 1 (2 for bad arguments)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DataError as error:
            for problem in error.problems:
                stderr.print(f"error: {problem}", markup=False, highlight=False)
            raise typer.Exit(1) from None
        except PostsovietError as error:
            stderr.print(f"error: {error}", markup=False, highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]
