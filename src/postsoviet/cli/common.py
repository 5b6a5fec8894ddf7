"""What every command shares: consoles, common options, and turning user errors into messages."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import click
import typer
from rich.console import Console

from postsoviet.cli.render import clean
from postsoviet.errors import DataError, PostsovietError

if TYPE_CHECKING:
    import pandas as pd

    from postsoviet.world.world import World


class _PlainConsole(Console):
    """A Rich console that removes terminal control sequences from every string it prints.

    Commands print user-supplied text (names, descriptions, file names) as plain strings; this is
    the one place that keeps an ANSI escape in such text from reaching the terminal.
    """

    def print(self, *objects: Any, **options: Any) -> None:
        super().print(*(clean(o) if isinstance(o, str) else o for o in objects), **options)


# Piped output gets a wide page, so tables stay readable in files and logs.
stdout = _PlainConsole(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
stderr = _PlainConsole(stderr=True, soft_wrap=True)


def one_line(text: str) -> str:
    """``text`` as one line (newlines as spaces), for error messages."""
    return " ".join(str(text).split("\n")).replace("\r", " ")


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data", help="A folder of data files that extend or override the embedded ones."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
DateOption = Annotated[
    str | None, typer.Option("--date", help="The day (ISO date); default today.")
]


def day_or_today(
    date: str | None, world: World | None = None, *, option: str = "--date"
) -> pd.Timestamp:
    """The ``--date`` option as a day, or today when it is not given (a clear error if malformed).

    Only ISO days ``YYYY-MM-DD`` are read. Given the ``world``, a day the data do not reach is
    warned about on stderr (:func:`warn_outside`).
    """
    import pandas as pd

    from postsoviet.world.world import as_timestamp

    day = pd.Timestamp(dt.date.today()) if date is None else as_timestamp(date, argument=option)
    if date is not None and world is not None:
        warn_outside(world, day, option)
    return day


def warn_outside(world: World, day: pd.Timestamp, option: str) -> None:
    """Warn on stderr when ``day`` lies after the world's latest dated row or before its first."""
    first, last = world.span()
    if day > last:
        where = f"after the latest data ({last:%Y-%m-%d}): the world is shown as last known"
    elif day < first:
        where = f"before the earliest data ({first:%Y-%m-%d})"
    else:
        return
    stderr.print(f"warning: {option} {day:%Y-%m-%d} is {where}", markup=False, highlight=False)


Command = TypeVar("Command", bound=Callable[..., Any])


def user_errors(command: Command) -> Command:
    """Turn postsoviet errors into a message on stderr and exit code 1 (2 for bad arguments).

    Any other exception is a bug: one line naming it and exit code 3 (``POSTSOVIET_DEBUG=1`` re-raises).
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DataError as error:
            for problem in error.problems:
                stderr.print(f"error: {one_line(str(problem))}", markup=False, highlight=False)
            raise typer.Exit(1) from None
        except PostsovietError as error:
            stderr.print(f"error: {one_line(str(error))}", markup=False, highlight=False)
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, click.exceptions.ClickException, click.exceptions.Exit):
            raise
        except Exception as error:
            # A bug, not a user error: still one line (and no traceback) unless asked for.
            if os.environ.get("POSTSOVIET_DEBUG"):
                raise
            stderr.print(
                f"error: internal error ({type(error).__name__}: {one_line(str(error))[:300]}); "
                "please report it (POSTSOVIET_DEBUG=1 shows the traceback)",
                markup=False,
                highlight=False,
            )
            raise typer.Exit(3) from None

    return wrapper  # type: ignore[return-value]


def check_output(path: Path) -> Path:
    """``path`` if a command may write it: not a symbolic link, and a regular file if it exists.

    An output never writes through a link onto another file. Commands call this before their work,
    so a bad ``--out`` fails at once rather than after minutes.
    """
    if path.is_symlink():
        raise PostsovietError(
            f"output '{path}' is a symbolic link: expected a plain file name (refusing to follow it)"
        )
    if path.exists() and not path.is_file():
        raise PostsovietError(f"output '{path}' exists and is not a regular file")
    return path


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that becomes ``path`` only if the block finishes.

    So an interrupted or failed write never leaves a half-written file where the user expects one.
    A symbolic link at ``path`` is refused (:func:`check_output`).
    """
    check_output(path)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise PostsovietError(f"output '{path}': cannot be written ({error.strerror})") from None
    os.close(handle)
    temporary = Path(name)
    # mkstemp creates the file readable by its owner only; give the result the usual file mode.
    temporary.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_files(folder: Path, names: Sequence[str], *, option: str) -> Iterator[dict[str, Path]]:
    """Temporary files for ``names`` that all become ``folder/name`` only if the block finishes.

    The files are written in a hidden temporary folder inside ``folder`` (created if missing) and
    moved into place together at the end, so an interrupted or failed export leaves none of them
    where the user expects one. Each target is checked first (:func:`check_output`); ``option``
    names the command's option in the errors.
    """
    if folder.exists() and not folder.is_dir():
        raise PostsovietError(
            f"option '{option}': '{folder}' is not a folder (expected a folder to write into)"
        )
    targets = [check_output(folder / name) for name in names]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".postsoviet-", suffix=".part"))
    except OSError as error:
        raise PostsovietError(
            f"option '{option}': cannot write into '{folder}' ({error.strerror})"
        ) from None
    try:
        parts = {name: staging / name for name in names}
        yield parts
        for name, target in zip(names, targets, strict=True):
            os.replace(parts[name], target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
