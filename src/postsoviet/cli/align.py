"""``postsoviet align --actors FILE --propensities FILE`` or ``--world``: stable alignments.

The actors file is a CSV with columns ``actor,size`` (sizes > 0); the propensities file has
``actor_a,actor_b,propensity`` (symmetric; pairs not listed are 0; a pair may be listed in either
order, and twice only with the same value). The command lists every stable configuration of Axelrod
& Bennett's landscape theory (BJPS 1993), lowest energy first, with its basin of attraction.
``--world [--date D]`` runs the post-Soviet landscape of
:mod:`postsoviet.models.landscape.postsoviet` with the weights of ``landscape_weights.csv`` and also
shows the components behind the propensities, the least stable actors and the sensitivity to each
weight.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from postsoviet.cli import limits, render
from postsoviet.cli.common import DataOption, JsonOption, stdout, user_errors
from postsoviet.cli.progress import progress
from postsoviet.errors import LandscapeError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from postsoviet.models.landscape import Landscape
    from postsoviet.models.landscape.postsoviet import WorldLandscape

ACTOR_COLUMNS = ("actor", "size")
PAIR_COLUMNS = ("actor_a", "actor_b", "propensity")


def _records(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file as (line number, stripped cells), after checking its header."""
    from postsoviet.data.untrusted import read_csv_records

    header, records = read_csv_records(path)
    missing = [c for c in columns if c not in header]
    if missing:
        raise LandscapeError(
            f"{path}: missing column {', '.join(repr(c) for c in missing)} "
            f"(expected columns {','.join(columns)})"
        )
    limits.check_rows(path, len(records), limits.ROWS, "rows")
    return [(line, {c: record[c] for c in columns}) for line, record in records]


def _number(path: Path, row: int, field: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise LandscapeError(f"{path}, row {row}, field '{field}': expected a number, got {raw!r}")
    if abs(value) > limits.MAGNITUDE:
        raise LandscapeError(
            f"{path}, row {row}, field '{field}': expected a number of size at most "
            f"{limits.MAGNITUDE:g}, got {raw!r}"
        )
    return value


def read_actors(path: Path) -> tuple[list[str], np.ndarray]:
    """Read an ``actor,size`` file: names in file order and their sizes.

    Raises
    ------
    LandscapeError
        Naming the file, row (the header is row 1) and field at fault.
    """
    import numpy as np

    names: list[str] = []
    sizes: list[float] = []
    first: dict[str, int] = {}
    for row, cells in _records(path, ACTOR_COLUMNS):
        name = cells["actor"]
        if not name:
            raise LandscapeError(f"{path}, row {row}, field 'actor': expected a name")
        if name in first:
            raise LandscapeError(
                f"{path}, row {row}, field 'actor': duplicate actor {name!r} "
                f"(first on row {first[name]})"
            )
        size = _number(path, row, "size", cells["size"])
        if size <= 0:
            raise LandscapeError(
                f"{path}, row {row}, field 'size': expected a size > 0, got {size:g}"
            )
        first[name] = row
        names.append(name)
        sizes.append(size)
    if len(names) < 2:
        raise LandscapeError(f"{path}: expected at least 2 actors, got {len(names)}")
    return names, np.array(sizes)


def read_propensities(path: Path, names: list[str]) -> np.ndarray:
    """Read an ``actor_a,actor_b,propensity`` file into a symmetric matrix over ``names``.

    Raises
    ------
    LandscapeError
        For an unknown actor, a pair of an actor with itself, a non-numeric propensity, or a pair
        listed twice with two different values.
    """
    import numpy as np

    index = {name: i for i, name in enumerate(names)}
    matrix = np.zeros((len(names), len(names)))
    seen: dict[frozenset[str], tuple[int, float]] = {}
    for row, cells in _records(path, PAIR_COLUMNS):
        for field in ("actor_a", "actor_b"):
            if cells[field] not in index:
                raise LandscapeError(
                    f"{path}, row {row}, field '{field}': actor {cells[field]!r} "
                    "is not in the actors file"
                )
        a, b = cells["actor_a"], cells["actor_b"]
        if a == b:
            raise LandscapeError(
                f"{path}, row {row}, field 'actor_b': an actor has no propensity with itself ({a!r})"
            )
        value = _number(path, row, "propensity", cells["propensity"])
        pair = frozenset((a, b))
        if pair in seen and seen[pair][1] != value:
            earlier, old = seen[pair]
            raise LandscapeError(
                f"{path}, row {row}, field 'propensity': pair {a!r}-{b!r} is {value:g} here but "
                f"{old:g} on row {earlier}; propensities are symmetric, expected one value"
            )
        seen.setdefault(pair, (row, value))
        matrix[index[a], index[b]] = matrix[index[b], index[a]] = value
    return matrix


def configurations(landscape: Landscape, names: list[str]) -> list[dict[str, object]]:
    """Every stable configuration as the documented JSON records, lowest energy first."""
    return [
        {
            "energy": config.energy,
            "coalitions": [list(group) for group in config.coalitions(names)],
            "basin_share": config.basin_share,
            "global": config.is_global,
        }
        for config in landscape.minima
    ]


def to_json(landscape: Landscape, names: list[str]) -> str:
    """The documented JSON shape: every stable configuration, lowest energy first."""
    return render.dumps({"configurations": configurations(landscape, names)}, indent=2)


def _json_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as JSON-ready records (NaN as null)."""
    return json.loads(frame.to_json(orient="records"))


def world_json(result: WorldLandscape, sensitivity: pd.DataFrame) -> str:
    """The file mode's JSON plus the date, sizes, weights, components, least stable actors and
    sensitivity of the post-Soviet landscape."""
    sizes = result.sizes.rename_axis("actor").reset_index()
    return render.dumps(
        {
            "date": result.date.strftime("%Y-%m-%d"),
            "configurations": configurations(result.landscape, list(result.actors)),
            "components": _json_records(result.components),
            "least_stable": _json_records(result.least_stable()),
            "sizes": _json_records(sizes),
            "weights": result.weights.to_dict(),
            "sensitivity": _json_records(sensitivity),
        },
        indent=2,
    )


def _joined(groups: pd.Series) -> pd.Series:
    return groups.map(", ".join)


def show_world(result: WorldLandscape, sensitivity: pd.DataFrame) -> None:
    """Rich tables: the stable configurations, the least stable actors, the components of each
    pair with Russia, and the sensitivity to each weight."""
    day = result.date.strftime("%Y-%m-%d")
    minima = result.minima()
    minima["global"] = minima["global"].map({True: "yes", False: ""})
    minima["russia"] = _joined(minima["russia"])
    minima["west"] = _joined(minima["west"])
    n = len(result.actors)
    render.show(
        stdout,
        render.table(
            minima,
            title=f"Post-Soviet landscape on {day}: stable configurations of {n} actors "
            f"(all {result.landscape.configurations} configurations, two coalitions)",
            formats={"energy": "{:.1f}".format, "basin_share": render.percent},
            headers={"basin_share": "basin", "russia": "with Russia", "west": "other side"},
        ),
    )
    render.show(
        stdout,
        render.table(
            result.least_stable(),
            title="Least stable actors (smallest margin: rise in frustration if it changed side)",
            formats={"margin": "{:.2f}".format},
        ),
    )
    pairs = result.components
    russia = pairs[(pairs["actor_a"] == "RUS") | (pairs["actor_b"] == "RUS")].copy()
    russia.insert(
        0, "actor", russia["actor_a"].where(russia["actor_b"] == "RUS", russia["actor_b"])
    )
    russia = russia.drop(columns=["actor_a", "actor_b"])
    russia.insert(1, "size", result.sizes.reindex(russia["actor"]).to_numpy())
    number = render.scaled(1.0, "", 2)
    weights = ", ".join(f"{k} {v:g}" for k, v in result.weights.items())
    render.show(
        stdout,
        render.table(
            russia,
            title=f"Components of each pair with Russia (blank: missing, counts 0; weights: {weights}; "
            "every pair: --json)",
            formats={c: number for c in russia.columns if c != "actor"},
        ),
    )
    table = sensitivity.copy()
    table["base_stable"] = table["base_stable"].map({True: "yes", False: "no"})
    table["switched"] = _joined(table["switched"])
    table = table.drop(columns=["russia"])
    render.show(
        stdout,
        render.table(
            table,
            title="Sensitivity: one weight multiplied by 0 or 2",
            formats={
                "factor": "{:g}".format,
                "weight": "{:g}".format,
                "global_energy": "{:.1f}".format,
                "prediction_basin": render.percent,
            },
            headers={
                "global_energy": "global energy",
                "prediction_basin": "basin",
                "base_stable": "prediction still stable",
                "switched": "changed side",
            },
        ),
    )


def align_world(date: str | None, data: Path | None, *, as_json: bool) -> None:
    """Run the post-Soviet landscape on ``date`` (default today) and print it."""
    from postsoviet.data.config import load_config
    from postsoviet.models.landscape.postsoviet import sensitivity, world_landscape
    from postsoviet.world import load_world

    day = date if date is not None else dt.date.today().isoformat()
    with progress("align", total=3, quiet=as_json) as steps:
        steps.step("align: reading the world")
        world, weights = load_world(data), load_config(data).weights("landscape")
        steps.step("align: every configuration of the landscape")
        result = world_landscape(world, day, weights)
        steps.step("align: sensitivity to each weight")
        table = sensitivity(result)
    if as_json:
        typer.echo(world_json(result, table))
    else:
        show_world(result, table)


@user_errors
def align(
    actors: Annotated[
        Path | None, typer.Option("--actors", help="CSV with columns actor,size.")
    ] = None,
    propensities: Annotated[
        Path | None,
        typer.Option("--propensities", help="CSV with columns actor_a,actor_b,propensity."),
    ] = None,
    coalitions: Annotated[
        int, typer.Option("--coalitions", help="Largest number of coalitions (at least 2).")
    ] = 2,
    heuristic: Annotated[
        bool,
        typer.Option("--heuristic", help="Seeded restarts of steepest descent, not enumeration."),
    ] = False,
    restarts: Annotated[int, typer.Option("--restarts", help="Restarts of the heuristic.")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the heuristic.")] = 0,
    world: Annotated[
        bool,
        typer.Option("--world", help="The post-Soviet landscape from the world data."),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option("--date", help="With --world: the day (YYYY-MM-DD); default today."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stable alignments (Axelrod & Bennett's landscape theory): every local minimum and its basin."""
    if world:
        if actors is not None or propensities is not None:
            raise LandscapeError(
                "--world: expected no --actors or --propensities (one or the other)"
            )
        if coalitions != 2 or heuristic:
            raise LandscapeError(
                "--world: the post-Soviet landscape has two coalitions, enumerated exactly; "
                "expected no --coalitions or --heuristic"
            )
        align_world(date, data, as_json=as_json)
        return
    if date is not None or data is not None:
        raise LandscapeError("--date and --data: expected only with --world")
    if actors is None or propensities is None:
        raise LandscapeError("align: expected --actors FILE and --propensities FILE, or --world")
    if coalitions < 2:
        raise LandscapeError(f"--coalitions: expected an integer >= 2, got {coalitions}")
    limits.check_count("--restarts", restarts, limits.RESTARTS)
    import pandas as pd

    from postsoviet.models.landscape import (
        exact_feasible,
        exact_landscape,
        heuristic_landscape,
    )

    names, sizes = read_actors(actors)
    matrix = read_propensities(propensities, names)
    if heuristic:
        landscape = heuristic_landscape(
            sizes, matrix, coalitions=coalitions, restarts=restarts, seed=seed
        )
    elif exact_feasible(len(names), coalitions):
        landscape = exact_landscape(sizes, matrix, coalitions=coalitions)
    else:
        raise LandscapeError(
            f"{actors}: {len(names)} actors in up to {coalitions} coalitions are too many for "
            "exact enumeration; add --heuristic"
        )
    if as_json:
        typer.echo(to_json(landscape, names))
        return
    frame = pd.DataFrame(
        {
            "energy": [c.energy for c in landscape.minima],
            "basin_share": [c.basin_share for c in landscape.minima],
            "global": ["yes" if c.is_global else "" for c in landscape.minima],
            "coalitions": [
                " | ".join(", ".join(group) for group in c.coalitions(names))
                for c in landscape.minima
            ],
        }
    )
    how = (
        f"{landscape.configurations} restarts of steepest descent"
        if heuristic
        else f"all {landscape.configurations} configurations"
    )
    title = f"Stable configurations ({how}, up to {coalitions} coalitions)"
    formats = {"energy": "{:.2f}".format, "basin_share": render.percent}
    headers = {"basin_share": "basin"}
    render.show(stdout, render.table(frame, title=title, formats=formats, headers=headers))
