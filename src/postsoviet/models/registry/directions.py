"""Registry entry of the next direction: where Russia pushes next, gain net of holdings minus cost."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.models.next_direction import ALIGNED, rank_directions
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import ModelSpec, Quantity, judgment_weights, weights_with
from postsoviet.world import World

NAME = "directions"
WEIGHTS = "next_direction"


def run(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    seed: Any,
    inputs: dict[str, float],
    cost_factors: Mapping[str, float] | None = None,
) -> ModelResult:
    """The net value and rank of each direction of the configuration on ``on``.

    ``cost_factors`` maps a direction to its cost multiplier (a scenario's stalled direction).
    """
    weights = weights_with(config, WEIGHTS, inputs)
    ranking = rank_directions(world, config.directions, weights, on=on, cost_factors=cost_factors)
    table = ranking.table
    found = [
        *records(
            f"{NAME}.net",
            ("direction", "on"),
            "score",
            [({"direction": d, "on": on}, table.at[d, "net"]) for d in table.index],
        ),
        *records(
            f"{NAME}.rank",
            ("direction", "on"),
            "rank",
            [({"direction": d, "on": on}, table.at[d, "rank"]) for d in table.index],
        ),
    ]
    return ModelResult(NAME, tuple(found), detail=ranking)


SPEC = ModelSpec(
    name=NAME,
    summary="Where Russia pushes next: each direction's gain, net of what it holds, minus its cost.",
    citations=(
        "The essay's criteria; weights by judgment (next_direction_weights.csv)",
        "US EIA, 'Barrel of oil equivalent', Glossary (gas conversion)",
    ),
    reads=(
        "actors",
        "attributes",
        "borders",
        "memberships",
        "region_attributes",
        "region_control",
        "region_members",
        "regions",
        "resolutions",
        "votes",
    ),
    config=("weights.next_direction", "directions"),
    quantities=(
        Quantity(
            f"{NAME}.net",
            "score",
            "numeric",
            ("direction", "on"),
            "Gain after the alignment discount minus cost times the cost factor.",
        ),
        Quantity(
            f"{NAME}.rank",
            "rank",
            "ranking",
            ("direction", "on"),
            "1 for the direction of highest net value.",
        ),
    ),
    stochastic=False,
    runner=run,
    inputs_rule=judgment_weights(WEIGHTS, bounds={ALIGNED: (0.0, 1.0)}),
    options=("cost_factors",),
)
