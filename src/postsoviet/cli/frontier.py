"""``postsoviet frontier [--date D] [--merge BLR] [--json]``: Russia's land border with NATO."""

from __future__ import annotations

from typing import Annotated

import typer

from postsoviet.cli import render
from postsoviet.cli.common import (
    DataOption,
    DateOption,
    JsonOption,
    day_or_today,
    stdout,
    user_errors,
)
from postsoviet.errors import ShockError


@user_errors
def frontier(
    date: DateOption = None,
    merge: Annotated[
        list[str] | None,
        typer.Option("--merge", help="Merge this state into Russia on the day (repeatable)."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """The land border between Russia (with merged states) and NATO: segments, buffers, Suwalki."""
    from postsoviet.models.frontier import BLOC
    from postsoviet.models.frontier import frontier as frontier_model
    from postsoviet.scenarios.shocks import merge_actors
    from postsoviet.world import load_world

    world = load_world(data)
    day = day_or_today(date, world)
    actors = set(world.actors["iso3"])
    merged = [code.upper() for code in merge or []]
    for code in merged:
        if code not in actors or code == BLOC:
            raise ShockError(
                f"--merge: expected the ISO3 code of a state other than {BLOC}, got '{code}'"
            )
        world = merge_actors(world, code, BLOC, day)
    result = frontier_model(world, day)
    shape = {**result.to_dict(), "merged": merged}
    if as_json:
        typer.echo(render.dumps(shape, indent=2))
        return
    into = f" (with {', '.join(merged)} merged)" if merged else ""
    title = f"{BLOC}{into}-NATO land border on {day:%Y-%m-%d}"
    table = render.table(result.segments_df(), title=title, formats={"km": "{:,.0f}".format})
    render.show(stdout, table)
    corridor = result.suwalki
    ends = ", ".join(f"{e.territory} ({e.state})" for e in corridor.ends) or "none"
    lines = [
        f"total: {result.nato_land_border_km:,.0f} km",
        f"buffer states: {', '.join(result.buffer_states) or 'none'}",
        f"Suwalki corridor ({corridor.km:g} km POL-LTU) between {ends}: "
        + (
            "both sides Russian-bloc territory"
            if corridor.flanked_by_bloc
            else "not closed by the bloc"
        )
        if corridor.km is not None
        else "Suwalki corridor: no POL-LTU border in this world",
        "Kaliningrad's land neighbours: "
        + (
            ", ".join(
                f"{n.state} {n.km:,.0f} km{' (NATO)' if n.nato else ''}" for n in result.kaliningrad
            )
            or "none"
        ),
    ]
    for line in lines:
        stdout.print(line, markup=False, highlight=False)
