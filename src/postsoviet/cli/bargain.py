"""``postsoviet bargain``: forecast one contested issue with the bargaining models.

- ``bargain FILE``: one model on a CSV with the columns ``actor,capability,position,salience``.
  Salience may be on 0-1 or 0-100: if no value exceeds 1 it is read as 0-1, otherwise as 0-100
  (and divided by 100); the table output states which.
- ``bargain --issue NAME [--as-of DATE]``: the three models side by side on one of the essay's
  issues (:mod:`postsoviet.data.issues`), capabilities from the world data
  (:func:`postsoviet.world.capability.capability_index`).
- ``bargain --list``: the built-in issues.
"""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from postsoviet.cli import limits, render
from postsoviet.cli.common import JsonOption, stdout, user_errors
from postsoviet.errors import BargainingInputError, PostsovietError

if TYPE_CHECKING:
    from postsoviet.models.bargaining import Actors

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
    from postsoviet.data.untrusted import read_csv_records
    from postsoviet.models.bargaining import Actors

    header, records = read_csv_records(path)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise BargainingInputError(
            f"{path}: missing column {', '.join(repr(c) for c in missing)} "
            f"(expected columns {','.join(COLUMNS)})"
        )
    limits.check_rows(path, len(records), limits.ACTORS, "actors")
    names: list[str] = []
    values: dict[str, list[float]] = {c: [] for c in COLUMNS[1:]}
    first_row: dict[str, int] = {}
    rows: list[int] = []
    for row, record in records:
        name = record["actor"]
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
            raw = record[column]
            try:
                number = float(raw)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise BargainingInputError(
                    f"{path}, row {row}, field '{column}': expected a number, got {raw!r}"
                )
            if abs(number) > limits.MAGNITUDE:
                raise BargainingInputError(
                    f"{path}, row {row}, field '{column}': expected a number of size at most "
                    f"{limits.MAGNITUDE:g}, got {raw!r}"
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


def _show_issues(as_json: bool) -> None:
    from postsoviet.data.issues import list_issues

    issues = list_issues()
    if as_json:
        typer.echo(render.to_json(issues))
        return
    render.show(
        stdout, render.table(issues, title="Built-in issues (postsoviet bargain --issue ID)")
    )


def _show_issue(name: str, as_of: str | None, *, rounds: int, q: float, as_json: bool) -> None:
    import pandas as pd

    from postsoviet.data.issues import load_issue
    from postsoviet.models.bargaining.issues import forecast_issue
    from postsoviet.world import load_world
    from postsoviet.world.capability import CAPABILITY_VARIABLES
    from postsoviet.world.world import as_timestamp

    issue = load_issue(name)
    day = as_timestamp(as_of, argument="--as-of").date() if as_of is not None else None
    results, inputs = forecast_issue(issue, load_world(), as_of=day, rounds=rounds, q=q)
    if as_json:
        shape = {
            "issue": issue.id,
            "scale": issue.scale_dict(),
            "models": {m: r.to_dict() for m, r in results.items()},
        }
        typer.echo(render.dumps(shape, indent=2))
        return
    day = inputs.attrs["as_of"].isoformat()
    render.show(
        stdout, render.table(issue.scale[["point", "label", "meaning"]], title=issue.question)
    )
    bdm = results["bdm"]
    table = inputs.assign(**{f"bdm round {bdm.rounds[-1].round}": bdm.rounds[-1].positions})
    render.show(
        stdout,
        render.table(
            table,
            title=f"{issue.title}: positions as of {day}",
            formats={
                "capability": "{:.3f}".format,
                "salience": "{:.0f}".format,
                "position": "{:.1f}".format,
                table.columns[-1]: "{:.1f}".format,
            },
        ),
    )
    forecasts = pd.DataFrame(
        {
            "model": list(results),
            "forecast": [r.forecast for r in results.values()],
            "nearest named point": [issue.nearest_point(r.forecast) for r in results.values()],
            "rounds": [len(r.rounds) - 1 for r in results.values()],
        }
    )
    render.show(
        stdout,
        render.table(
            forecasts,
            title=f"{issue.id}: the three models side by side",
            formats={"forecast": "{:.1f}".format},
        ),
    )
    years = ", ".join(str(y) for y in inputs.attrs["years"])
    note = (
        f"capability: share of the actors' {', '.join(CAPABILITY_VARIABLES)} "
        f"(world data of {years}); salience on 0-100; sources: docs/models/bargaining.md"
    )
    stdout.print(note, markup=False, highlight=False)


@user_errors
def bargain(
    file: Annotated[
        Path | None,
        typer.Argument(help="CSV with columns actor,capability,position,salience."),
    ] = None,
    issue: Annotated[
        str | None,
        typer.Option("--issue", help="A built-in issue (see --list): bdm, mean and median."),
    ] = None,
    list_issues_: Annotated[bool, typer.Option("--list", help="List the built-in issues.")] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="With --issue: positions as they stood on this ISO date."),
    ] = None,
    model: Annotated[
        ModelName | None,
        typer.Option("--model", help="With FILE: bdm (expected utility, default), mean or median."),
    ] = None,
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
    given = [
        name
        for name, present in (
            ("FILE", file is not None),
            ("--issue", issue is not None),
            ("--list", list_issues_),
        )
        if present
    ]
    if len(given) != 1:
        got = ", ".join(given) if given else "none"
        raise PostsovietError(f"expected exactly one of FILE, --issue NAME or --list; got {got}")
    limits.check_count("--rounds", rounds, limits.ROUNDS, low=0)
    if list_issues_:
        _show_issues(as_json)
    elif issue is not None:
        if model is not None:
            raise PostsovietError("argument '--model': --issue runs all three models; leave it out")
        _show_issue(issue, as_of, rounds=rounds, q=q, as_json=as_json)
    elif file is not None:
        if as_of is not None:
            raise PostsovietError("argument '--as-of': only with --issue")
        _show_file(file, model or ModelName.bdm, rounds=rounds, q=q, as_json=as_json)


def _show_file(file: Path, model: ModelName, *, rounds: int, q: float, as_json: bool) -> None:
    import pandas as pd

    from postsoviet.models.bargaining.issues import run_model

    actors, scale = read_actors(file)
    result = run_model(actors, model.value, rounds=rounds, q=q)
    if as_json:
        typer.echo(render.dumps(result.to_dict(), indent=2))
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
