"""Read the integration ladder's stages (Belarus's rungs toward one state with Russia), as shipped or a user's file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from postsoviet.data.model_files import MODELS_DIR, read_rows
from postsoviet.errors import DataError, Problem

STAGES_FILE = MODELS_DIR / "integration_ladder_stages.csv"
STAGE_COLUMNS = ("stage", "name", "description", "reached", "source", "reasoning")


@dataclass(frozen=True)
class Stage:
    """One rung of the ladder: its index (0 = separate states), name and the day Belarus reached it.

    ``reached`` is ``None`` for a rung not reached; ``source`` is ``;``-separated URLs, ids of the
    world's ``sources.csv`` or ``judgment``; ``reasoning`` says why the date (or its absence) holds.
    """

    index: int
    name: str
    description: str
    reached: pd.Timestamp | None
    source: str
    reasoning: str


def read_ladder_stages(path: str | Path | None = None) -> tuple[Stage, ...]:
    """The ladder's stages in order, from the embedded file or ``path``.

    Columns ``stage, name, description, reached, source, reasoning``. Stages are numbered 0, 1, 2 ...
    in file order; ``reached`` is an ISO date or empty. The ladder is cumulative: the first stage is
    reached, a reached stage follows only reached stages, and dates do not go back in time. Every
    problem is reported at once, naming the file, row and field.
    """
    file = Path(path) if path is not None else STAGES_FILE
    label = str(file)
    problems: list[Problem] = []
    stages: list[Stage] = []
    names: set[str] = set()
    last_reached: pd.Timestamp | None = None
    gap = False
    for row, cells in read_rows(file, STAGE_COLUMNS):
        expected = len(stages)
        if cells["stage"] != str(expected):
            problems.append(
                Problem(label, row, "stage", f"expected {expected} (stages count up from 0)")
            )
        name = cells["name"]
        if not name:
            problems.append(Problem(label, row, "name", "expected a name"))
        elif name in names:
            problems.append(Problem(label, row, "name", f"duplicate stage '{name}'"))
        names.add(name)
        for column in ("source", "reasoning"):
            if not cells[column]:
                problems.append(
                    Problem(label, row, column, "expected text (a source, or 'judgment')")
                )
        reached = None
        if cells["reached"]:
            try:
                reached = pd.Timestamp(dt.date.fromisoformat(cells["reached"]))
            except ValueError:
                problems.append(
                    Problem(
                        label,
                        row,
                        "reached",
                        f"expected an ISO date or empty, got '{cells['reached']}'",
                    )
                )
        if reached is not None:
            if gap:
                problems.append(
                    Problem(
                        label, row, "reached", "a stage is reached only after every stage below"
                    )
                )
            elif last_reached is not None and reached < last_reached:
                problems.append(Problem(label, row, "reached", "earlier than the stage below it"))
            last_reached = reached
        elif expected == 0:
            problems.append(Problem(label, row, "reached", "the first stage must be reached"))
        else:
            gap = True
        stages.append(
            Stage(
                expected, name, cells["description"], reached, cells["source"], cells["reasoning"]
            )
        )
    if len(stages) < 2:
        problems.append(Problem(label, None, None, "expected at least two stages"))
    if problems:
        raise DataError(problems)
    return tuple(stages)
