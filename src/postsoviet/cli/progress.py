"""Progress of a long command: a Rich display on stderr when it is a terminal, nothing otherwise.

One helper for every command: phases of a long command (``report``, ``claims``, ``align --world``)
and draws of a sampled run. Only the outermost :func:`progress` of a command owns a live display;
one opened inside it (a sampled run inside a report) adds its own line to that display and removes
it when done, since two live Rich displays at once fail ("Only one live display may be active at
once"). Quiet when stderr is not a terminal (piped, redirected to a file) or when asked
(``--json``), so scripts and logs never see control sequences.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TimeElapsedColumn,
)

from postsoviet.cli.common import stderr
from postsoviet.cli.render import clean

_live: list[Progress] = []
"""The display of the outermost open :func:`progress` (none or one)."""


class Steps:
    """What a command reports through :func:`progress`: named phases, or a count of done items."""

    def __init__(self, display: Progress, task: TaskID) -> None:
        self._display = display
        self._task = task
        self._stepped = False

    def step(self, description: str) -> None:
        """Start the next phase, named ``description`` (the one before it counts as done)."""
        self._display.update(
            self._task, description=_shown(description), advance=int(self._stepped)
        )
        self._stepped = True

    def set_total(self, total: int) -> None:
        """The number of items (draws, phases) the command will go through."""
        self._display.update(self._task, total=total)

    def add_total(self, count: int) -> None:
        """``count`` more items to go through (each of several runs announcing its draws)."""
        total = self._display.tasks[self._display.task_ids.index(self._task)].total
        self._display.update(self._task, total=(total or 0) + count)

    def advance(self, count: int = 1) -> None:
        """``count`` more items done."""
        self._display.advance(self._task, count)


def _shown(description: str) -> str:
    """A description as text, never markup (it may hold a file name), without control sequences."""
    return escape(clean(description))


@contextlib.contextmanager
def progress(
    description: str,
    *,
    total: int | None = None,
    quiet: bool = False,
    console: Console = stderr,
) -> Iterator[Steps]:
    """A line of progress named ``description`` while the block runs, on ``console``'s terminal.

    ``total`` is the number of phases or items, if known (else a spinner and the time elapsed).
    ``quiet`` (``--json``) or a ``console`` that is not a terminal shows nothing. Inside another
    :func:`progress`, the line is added to the outer display (which decides whether it shows), unless
    ``quiet``.
    """
    if _live and not quiet:
        display = _live[-1]
        task = display.add_task(_shown(description), total=total)
        display.refresh()  # drawn at once, not at the next tick
        try:
            yield Steps(display, task)
        finally:
            display.remove_task(task)
        return
    display = Progress(
        SpinnerColumn(),
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    )
    task = display.add_task(_shown(description), total=total)
    _live.append(display)
    try:
        with display:
            yield Steps(display, task)
    finally:
        _live.pop()
