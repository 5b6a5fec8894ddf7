"""The one exception family of postsoviet.

Every error a user can cause names the file, row, field or argument at fault and what was expected.
The CLI turns a :class:`PostsovietError` into a one-line message and a non-zero exit code.
"""

from __future__ import annotations

from dataclasses import dataclass


class PostsovietError(Exception):
    """Base class of every error postsoviet raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where it is and what was expected.

    ``row`` is the line number in the CSV file (the header is line 1), or ``None`` when the problem
    concerns the whole file.
    """

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(PostsovietError):
    """The world data failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = str(self.problems[0]) if self.problems else "no details"
        more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
        super().__init__(f"{head}{more}")


class UnknownActorError(PostsovietError, KeyError):
    """An ISO3 code that is not an actor of the world."""

    def __str__(self) -> str:
        return str(self.args[0])


class BargainingInputError(PostsovietError, ValueError):
    """Actors given to a bargaining model (or its input file) are not usable; the message says why."""


class LandscapeError(PostsovietError, ValueError):
    """Inputs to the landscape model (sizes, propensities, configurations, files) are not usable.

    The message names the argument, file, row or field at fault and what was expected.
    """


class ShockError(PostsovietError, ValueError):
    """A scenario shock cannot be applied to a world; the message names the argument at fault."""


class ModelInputError(PostsovietError, ValueError):
    """Inputs to a model (arguments, a weights file) are not usable.

    The message names the argument, file, row or field at fault and what was expected.
    """


class StoreError(PostsovietError):
    """The run store cannot be used: corrupt, read-only, or locked by another process too long."""


class InputFileError(PostsovietError, ValueError):
    """A file handed over by the user cannot be read safely (not a regular file, too big, not text).

    ``problem`` names the file, and the line and field where there is one.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
