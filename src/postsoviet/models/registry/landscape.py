"""Registry entry of the landscape: the blocs the actors form (Axelrod & Bennett 1993)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.models.landscape.postsoviet import DEFAULT_ACTORS, WorldLandscape, world_landscape
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    judgment_weights,
    rerun,
    weights_with,
)
from postsoviet.world import World

NAME = "landscape"
SIDES = ("Russia", "West", "other")
WEIGHTS = "landscape"


def with_russia(result: WorldLandscape) -> pd.Series:
    """Each actor's probability of ending on Russia's side, from the basins of the stable configurations.

    ``P_i = sum over minima m with i on Russia's side of basin_share(m)``: the chance that steepest
    descent from a configuration drawn uniformly at random ends with ``i`` beside Russia. Every
    configuration descends to exactly one minimum, so the basin shares sum to 1.
    """
    total = np.zeros(len(result.actors))
    for config in result.landscape.minima:
        total += (result.sides(config) == "Russia").to_numpy() * (config.basin_share or 0.0)
    return pd.Series(total, index=list(result.actors), name="with_russia")


def run(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    seed: Any,
    inputs: dict[str, float],
    actors: Sequence[str] = DEFAULT_ACTORS,
) -> ModelResult:
    """The predicted configuration on ``on``: each actor's side, its margin, its chance with Russia."""
    result = world_landscape(world, on, weights_with(config, WEIGHTS, inputs), actors=actors)
    sides, margins, chance = result.sides(), result.margins(), with_russia(result)
    codes = list(result.actors)
    found = [
        *records(
            f"{NAME}.side",
            ("actor", "on"),
            "side",
            [({"actor": a, "on": on}, str(sides[a])) for a in codes],
        ),
        *records(
            f"{NAME}.with_russia",
            ("actor", "on"),
            "probability",
            [({"actor": a, "on": on}, chance[a]) for a in codes],
        ),
        *records(
            f"{NAME}.margin",
            ("actor", "on"),
            "size x propensity",
            [({"actor": a, "on": on}, margins[a]) for a in codes],
        ),
        *records(
            f"{NAME}.stable_configurations",
            ("on",),
            "configurations",
            [({"on": on}, len(result.landscape.minima))],
        ),
    ]
    return ModelResult(NAME, tuple(found), detail=result)


SPEC = ModelSpec(
    name=NAME,
    summary="The blocs the actors form: the stable configurations of Axelrod & Bennett's landscape.",
    citations=(
        "Axelrod and Bennett 1993, 'A landscape theory of aggregation', BJPS 23: 211-233",
        "Singer, Bremer and Stuckey 1972 (capabilities as sizes)",
    ),
    reads=(
        "actors",
        "attributes",
        "memberships",
        "votes",
        "resolutions",
        "region_control",
        "regions",
    ),
    config=("weights.landscape",),
    quantities=(
        Quantity(
            f"{NAME}.side",
            "side",
            "categorical",
            ("actor", "on"),
            "Russia, West or other: the actor's coalition in the predicted configuration.",
            categories=SIDES,
        ),
        Quantity(
            f"{NAME}.with_russia",
            "probability",
            "probability",
            ("actor", "on"),
            "Sum of the basin shares of the stable configurations with the actor beside Russia.",
        ),
        Quantity(
            f"{NAME}.margin",
            "size x propensity",
            "numeric",
            ("actor", "on"),
            "How much the actor's frustration would rise if it changed side (small: unstable).",
        ),
        Quantity(
            f"{NAME}.stable_configurations",
            "configurations",
            "numeric",
            ("on",),
            "The number of stable configurations (local minima of the energy).",
        ),
    ),
    stochastic=False,
    preparer=rerun(run),
    inputs_rule=judgment_weights(WEIGHTS),
    options=("actors",),
)
