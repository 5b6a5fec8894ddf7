"""Read the directions Russia can push in (the next-direction model's targets), as shipped or a user's file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from postsoviet.data.model_files import MODELS_DIR, read_rows
from postsoviet.errors import DataError, Problem

DIRECTIONS_FILE = MODELS_DIR / "next_direction_directions.csv"
DIRECTION_COLUMNS = ("direction", "targets", "regions", "description", "source")


@dataclass(frozen=True)
class Direction:
    """A direction: the states it targets and the regions within them that are at stake."""

    name: str
    targets: tuple[str, ...]
    regions: tuple[str, ...]
    description: str


def read_directions(path: str | Path | None = None) -> tuple[Direction, ...]:
    """The directions of the next-direction model, in file order.

    Columns ``direction, targets, regions, description, source``; ``targets`` and ``regions`` are
    ``;``-separated ISO3 codes and region slugs. Codes are checked against the world by the model,
    which knows the world; this reader checks the file's shape and reports every problem at once.
    """
    file = Path(path) if path is not None else DIRECTIONS_FILE
    label = str(file)
    problems: list[Problem] = []
    directions: list[Direction] = []
    seen: set[str] = set()
    for row, record in read_rows(file, DIRECTION_COLUMNS):
        name = record["direction"]
        targets = tuple(t.strip() for t in record["targets"].split(";") if t.strip())
        if not name:
            problems.append(Problem(label, row, "direction", "expected a name"))
        elif name in seen:
            problems.append(Problem(label, row, "direction", f"duplicate direction '{name}'"))
        seen.add(name)
        if not targets:
            problems.append(Problem(label, row, "targets", "expected at least one ISO3 code"))
        if not record["source"]:
            problems.append(Problem(label, row, "source", "expected a source or 'judgment'"))
        regions = tuple(r.strip() for r in record["regions"].split(";") if r.strip())
        directions.append(Direction(name, targets, regions, record["description"]))
    if problems:
        raise DataError(problems)
    return tuple(directions)
