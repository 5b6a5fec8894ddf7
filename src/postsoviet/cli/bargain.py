"""``postsoviet bargain FILE``: forecast one contested issue with a bargaining model.

The file is a CSV with the columns ``actor,capability,position,salience``. Salience may be on 0-1
or 0-100: if no value exceeds 1 it is read as 0-1, otherwise as 0-100 (and divided by 100); the
table output states which.
"""

from __future__ import annotations

import csv
import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from postsoviet.cli import render
from postsoviet.cli.common import JsonOption, stdout, user_errors
from postsoviet.errors import BargainingInputError
from postsoviet.models.bargaining import (
    Actors,
    BargainingResult,
    BdmOptions,
    bdm_model,
    mean_model,
    median_model,
)

COLUMNS = ("actor", "capability", "position", "salience")


class ModelName(StrEnum):
    """The bargaining models the command can run."""

    bdm = "bdm"
    mean = "mean"
    median = "median"


def read_actors(path: Path) -> tuple[Actors, str]:
    """Read and check an actors file; return the actors and the salience scale it was read on.

    Raises
    ------
    BargainingInputError
        With the file, row (line number; the header is line 1) and field at fault.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BargainingInputError(f"{path}: cannot read the file ({error})") from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise BargainingInputError(
            f"{path}: missing column {', '.join(repr(c) for c in missing)} "
            f"(expected columns {','.join(COLUMNS)})"
        )
    reader.fieldnames = header
    names: list[str] = []
    values: dict[str, list[float]] = {c: [] for c in COLUMNS[1:]}
    first_row: dict[str, int] = {}
    rows: list[int] = []
    for record in reader:
        row = reader.line_num
        name = (record["actor"] or "").strip()
        if not name:
            raise BargainingInputError(f"{path}, row {row}, field 'actor': expected a name")
        if name in first_row:
            raise BargainingInputError(
                f"{path}, row {row}, field 'actor': duplicate actor {name!r} "
                f"(first on row {first_row[name]})"
            )
        first_row[name] = row
        names.append(name)
        rows.append(row)
        for column in values:
            raw = (record[column] or "").strip()
            try:
                number = float(raw)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise BargainingInputError(
                    f"{path}, row {row}, field '{column}': expected a number, got {raw!r}"
                )
            values[column].append(number)
    if len(names) < 2:
        raise BargainingInputError(f"{path}: expected at least 2 actors, got {len(names)}")
    for column in ("capability", "salience"):
        for row, number in zip(rows, values[column], strict=True):
            if number < 0:
                raise BargainingInputError(
                    f"{path}, row {row}, field '{column}': expected a value >= 0, got {number:g}"
                )
    scale = "0-1" if max(values["salience"]) <= 1 else "0-100"
    for row, number in zip(rows, values["salience"], strict=True):
        if number > 100:
            raise BargainingInputError(
                f"{path}, row {row}, field 'salience': expected a value on 0-1 or 0-100, "
                f"got {number:g}"
            )
    if len(set(values["position"])) == 1:
        raise BargainingInputError(
            f"{path}, field 'position': every actor holds the same position "
            f"({values['position'][0]:g}); there is nothing to bargain over"
        )
    divisor = 1.0 if scale == "0-1" else 100.0
    try:
        actors = Actors.from_arrays(
            values["position"],
            values["capability"],
            [s / divisor for s in values["salience"]],
            names=names,
        )
    except BargainingInputError as error:
        raise BargainingInputError(f"{path}: {error}") from None
    return actors, scale


def run_model(actors: Actors, model: str, *, rounds: int, q: float) -> BargainingResult:
    """Run the named model with the command's options."""
    if model == ModelName.mean.value:
        return mean_model(actors)
    if model == ModelName.median.value:
        return median_model(actors)
    return bdm_model(actors, rounds=rounds, options=BdmOptions(q=q))


@user_errors
def bargain(
    file: Annotated[
        Path, typer.Argument(help="CSV with columns actor,capability,position,salience.")
    ],
    model: Annotated[
        ModelName, typer.Option("--model", help="bdm (expected utility), mean or median.")
    ] = ModelName.bdm,
    rounds: Annotated[
        int, typer.Option("--rounds", min=0, help="Rounds of the bdm model after round 0.")
    ] = 8,
    q: Annotated[
        float,
        typer.Option(
            "--q", min=0.0, max=1.0, help="Q: chance the status quo holds unchallenged (bdm)."
        ),
    ] = 1.0,
    as_json: JsonOption = False,
) -> None:
    """Forecast one issue: positions, weighted median and mean after each round."""
    actors, scale = read_actors(file)
    result = run_model(actors, model.value, rounds=rounds, q=q)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
        return
    frame = result.summary_df().merge(
        result.to_df().pivot(index="round", columns="actor", values="position")[
            list(result.actors)
        ],
        left_on="round",
        right_index=True,
    )
    two_digits = {column: "{:.2f}".format for column in frame.columns if column != "round"}
    title = f"{file.name}: {result.model} model"
    render.show(stdout, render.table(pd.DataFrame(frame), title=title, formats=two_digits))
    note = f"salience read on {scale}\nforecast: {result.forecast:.2f}"
    stdout.print(note, markup=False, highlight=False)
