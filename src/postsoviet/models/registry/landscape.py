"""Registry entry of the landscape: the blocs the actors form (Axelrod & Bennett 1993)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.errors import ModelInputError
from postsoviet.models.landscape.postsoviet import (
    DEFAULT_ACTORS,
    LandscapeInputs,
    WorldLandscape,
    landscape_inputs,
    solve_landscape,
)
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    judgment_weights,
    weights_from,
)
from postsoviet.world import World

NAME = "landscape"
SIDES = ("Russia", "West", "other")
BASINS = ("exact", "sampled")
WEIGHTS = "landscape"


def with_russia(result: WorldLandscape) -> pd.Series:
    """Each actor's probability of ending on Russia's side, from the basins of the stable configurations.

    ``P_i = sum over minima m with i on Russia's side of basin_share(m)``: the chance that steepest
    descent from a configuration drawn uniformly at random ends with ``i`` beside Russia. Every
    configuration descends to exactly one minimum, so the basin shares sum to 1.
    """
    return pd.Series(_with_russia(result), index=list(result.actors), name="with_russia")


def _with_russia(result: WorldLandscape) -> np.ndarray:
    total = np.zeros(len(result.actors))
    for config in result.landscape.minima:
        total += (result.side_labels(config) == "Russia") * (config.basin_share or 0.0)
    return total


@dataclass(frozen=True)
class PreparedLandscape:
    """Sizes and propensity components read once (:func:`landscape_inputs`); a draw reweights the
    propensities and finds the stable configurations (:func:`solve_landscape`)."""

    inputs: LandscapeInputs
    restarts: int | None

    def evaluate(self, inputs: Mapping[str, float], seed: Any) -> ModelResult:
        """Each actor's side, margin and chance with Russia, and the number of stable configurations."""
        weights = weights_from(inputs, WEIGHTS)
        result = solve_landscape(self.inputs, weights, restarts=self.restarts, seed=seed)
        return ModelResult(NAME, tuple(_records(result)), detail=result)


def _records(result: WorldLandscape) -> list:
    on = result.date
    keys = [{"actor": a, "on": on} for a in result.actors]
    margins = result.margins().to_numpy()
    return [
        *records(
            f"{NAME}.side",
            ("actor", "on"),
            "side",
            zip(keys, (str(side) for side in result.side_labels()), strict=True),
        ),
        *records(
            f"{NAME}.with_russia",
            ("actor", "on"),
            "probability",
            zip(keys, _with_russia(result), strict=True),
        ),
        *records(
            f"{NAME}.margin", ("actor", "on"), "size x propensity", zip(keys, margins, strict=True)
        ),
        *records(
            f"{NAME}.stable_configurations",
            ("on",),
            "configurations",
            [({"on": on}, len(result.landscape.minima))],
        ),
    ]


def prepare(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    actors: Sequence[str] = DEFAULT_ACTORS,
    basins: str = "exact",
) -> PreparedLandscape:
    """Read sizes and components on ``on``.

    ``basins`` ``exact`` enumerates every configuration; ``sampled`` estimates the basins by the
    configuration's ``landscape.restarts`` seeded steepest descents per evaluation (the seed is the
    draw's), for sampled runs where exact enumeration per draw is too dear.
    """
    if basins not in BASINS:
        raise ModelInputError(f"argument 'basins': expected one of {list(BASINS)}, got {basins!r}")
    restarts = int(config.parameter("landscape.restarts")) if basins == "sampled" else None
    return PreparedLandscape(landscape_inputs(world, on, actors=actors), restarts)


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
        "organizations",
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
    preparer=prepare,
    inputs_rule=judgment_weights(WEIGHTS),
    options=("actors", "basins"),
)
