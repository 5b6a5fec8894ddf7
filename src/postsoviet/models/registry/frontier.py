"""Registry entry of the frontier: Russia's land border with NATO, the buffer states, Suwalki."""

from __future__ import annotations

from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.models.frontier import frontier
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import ModelSpec, Quantity, rerun
from postsoviet.world import World

NAME = "frontier"


def run(
    world: World, config: Config, on: pd.Timestamp, *, seed: Any, inputs: dict[str, float]
) -> ModelResult:
    """The frontier on ``on``; every actor of the world gets ``frontier.is_buffer`` 1 or 0."""
    result = frontier(world, on)
    day = {"on": on}
    buffers = set(result.buffer_states)
    found = [
        *records(f"{NAME}.length", ("on",), "km", [(day, result.nato_land_border_km)]),
        *records(
            f"{NAME}.is_buffer",
            ("state", "on"),
            "probability",
            [({"state": s, "on": on}, float(s in buffers)) for s in sorted(world.actors["iso3"])],
        ),
        *records(
            f"{NAME}.suwalki_flanked",
            ("on",),
            "probability",
            [(day, float(result.suwalki.flanked_by_bloc))],
        ),
    ]
    return ModelResult(NAME, tuple(found), detail=result)


SPEC = ModelSpec(
    name=NAME,
    summary="Russia's land border with NATO, the buffer states between them, the Suwalki corridor.",
    citations=("CIA World Factbook, land boundaries (borders.csv)",),
    reads=("actors", "borders", "memberships", "organizations", "regions"),
    config=(),
    quantities=(
        Quantity(f"{NAME}.length", "km", "numeric", ("on",), "Land border of Russia with NATO."),
        Quantity(
            f"{NAME}.is_buffer",
            "probability",
            "probability",
            ("state", "on"),
            "1 if the state borders both Russia and NATO and is in neither, else 0.",
        ),
        Quantity(
            f"{NAME}.suwalki_flanked",
            "probability",
            "probability",
            ("on",),
            "1 if every end of the Suwalki corridor is Russia's, else 0.",
        ),
    ),
    stochastic=False,
    preparer=rerun(run),
)
