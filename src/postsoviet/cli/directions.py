"""``postsoviet directions [--date D] [--cost DIRECTION=FACTOR ...] [--json]``: where Russia pushes next."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from postsoviet.cli import limits, render
from postsoviet.cli.common import (
    DataOption,
    DateOption,
    JsonOption,
    day_or_today,
    stdout,
    user_errors,
)
from postsoviet.errors import PostsovietError

COLUMNS = ("rank", "gain", "cost", "net", "margin", "cost_factor", "missing")


def parse_cost_factors(items: list[str]) -> dict[str, float]:
    """``["ukraine=3", ...]`` as ``{"ukraine": 3.0}``; a malformed item is a clear error."""
    factors = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            factors[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep or not name.strip():
            raise PostsovietError(f"--cost: expected DIRECTION=FACTOR like ukraine=3, got '{item}'")
        limits.check_factor("--cost", name.strip(), factors[name.strip()])
    return factors


@user_errors
def directions(
    date: DateOption = None,
    cost: Annotated[
        list[str] | None,
        typer.Option(
            "--cost",
            help="Multiply a direction's cost, e.g. ukraine=3 for a stalled war (repeatable).",
        ),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Rank the essay's directions by gain (net of what Russia holds) minus cost."""
    from postsoviet.data.config import load_config
    from postsoviet.models.next_direction import rank_directions
    from postsoviet.world import load_world

    factors = parse_cost_factors(cost or [])
    world = load_world(data)
    day = day_or_today(date, world)
    config = load_config(data)
    ranking = rank_directions(
        world, config.directions, config.weights("next_direction"), on=day, cost_factors=factors
    )
    table = ranking.table.reset_index()
    if as_json:
        typer.echo(
            render.dumps(
                {
                    "date": f"{day:%Y-%m-%d}",
                    "top": ranking.top,
                    "directions": json.loads(table.to_json(orient="records")),
                },
                indent=2,
            )
        )
        return
    number = "{:.3f}".format
    render.show(
        stdout,
        render.table(
            table[["direction", *COLUMNS]],
            title=f"Where Russia pushes next, {day:%Y-%m-%d} (net = gain - cost)",
            formats={"gain": number, "cost": number, "net": number, "margin": number},
        ),
    )
