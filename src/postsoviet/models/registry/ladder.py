"""Registry entry of the integration ladder: Belarus's rungs toward one state with Russia."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.data.integration_ladder import Stage
from postsoviet.models.integration_ladder import (
    LadderForecast,
    ladder_as_of,
    ladder_chain,
    ladder_facts,
    merger_date,
    years_between,
)
from postsoviet.models.registry.paths import interpolate
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    judgment_weights,
    weights_from,
    year_end,
)
from postsoviet.world import World

NAME = "ladder"
WEIGHTS = "integration_ladder"


@dataclass(frozen=True)
class PreparedLadder:
    """The weight-free facts of each year read once (:func:`ladder_facts`); a draw weighs them and
    runs the chain (:func:`ladder_chain`). On a data vintage the intercept is refitted per
    evaluation (:func:`ladder_as_of`), so the vintage's world is kept instead."""

    first: int
    on: pd.Timestamp
    stages: tuple[Stage, ...]
    facts: pd.DataFrame | None
    merged: pd.Timestamp | None
    vintage: World | None

    def evaluate(self, inputs: Mapping[str, float], seed: Any) -> ModelResult:
        """The probability of each rung or higher, and the expected rung, on each 31 December."""
        weights = weights_from(inputs, WEIGHTS)
        if self.vintage is not None:
            forecast = ladder_as_of(self.vintage, self.stages, weights, horizon=self.on.year)
        else:
            forecast = ladder_chain(self.facts, self.stages, weights, merged=self.merged)
        return _result(forecast, self.first, self.on)


def prepare(
    world: World, config: Config, on: pd.Timestamp, *, start: int | None = None
) -> PreparedLadder:
    """The chain from 1 January of ``start`` (default the year of ``on``) to 31 December of that year.

    On a data vintage (``world.cutoff`` set, :meth:`World.known_on`) the chain starts on the
    cutoff's year, with the stages known then and the intercept refitted on the vintage
    (:func:`~postsoviet.models.integration_ladder.ladder_as_of`); ``start`` is then ignored.

    Records: each 31 December of the chain, and ``on`` itself, interpolated linearly within its year
    (a step taken on a uniformly random day of the year).
    """
    stages = tuple(config.stages)
    if world.cutoff is not None:
        return PreparedLadder(world.cutoff.year, on, stages, None, None, world)
    first = on.year if start is None else int(start)
    facts = ladder_facts(world, years_between(first, on.year))
    return PreparedLadder(first, on, stages, facts, merger_date(world), None)


def _result(forecast: LadderForecast, first: int, on: pd.Timestamp) -> ModelResult:
    """The records of a chain that starts on 1 January of ``first``: each 31 December and ``on``."""
    top = len(forecast.stages)
    initial = np.zeros(top)
    initial[forecast.initial_stage] = 1.0
    states = np.vstack([initial, forecast.probabilities.to_numpy(dtype="float64")])
    dates = pd.DatetimeIndex(
        [year_end(first - 1), *(year_end(y) for y in forecast.probabilities.index)]
    )
    points = {day: states[i] for i, day in enumerate(dates) if i > 0}
    points[on] = interpolate(dates, states, on)
    at_least = {day: np.cumsum(p[::-1])[::-1] for day, p in sorted(points.items())}
    found = [
        *records(
            f"{NAME}.rung_at_least",
            ("rung", "on"),
            "probability",
            [({"rung": k, "on": day}, p[k]) for day, p in at_least.items() for k in range(top)],
        ),
        *records(
            f"{NAME}.expected_rung",
            ("on",),
            "rung",
            [({"on": day}, float(p @ np.arange(top))) for day, p in sorted(points.items())],
        ),
    ]
    return ModelResult(NAME, tuple(found), detail=forecast)


SPEC = ModelSpec(
    name=NAME,
    summary="Belarus's yearly chance of climbing a rung toward one state with Russia (cloglog chain).",
    citations=(
        "Allison 1982, 'Discrete-time methods for the analysis of event histories'",
        "Singer and Willett 2003, Applied Longitudinal Data Analysis, ch. 12",
        "Finch, Pike and Witten 1990, Science 249: 902 (Gompertz mortality)",
    ),
    reads=(
        "events",
        "sanctions",
        "series",
        "region_control",
        "regions",
        "leaders",
        "borders",
        "memberships",
    ),
    config=("weights.integration_ladder", "stages"),
    quantities=(
        Quantity(
            f"{NAME}.rung_at_least",
            "probability",
            "probability",
            ("rung", "on"),
            "Probability that Belarus stands on the rung (0 separate ... 5 one state) or higher.",
        ),
        Quantity(
            f"{NAME}.expected_rung",
            "rung",
            "numeric",
            ("on",),
            "The expected rung index.",
        ),
    ),
    stochastic=False,
    preparer=prepare,
    # The intercept is calibrated by maximum likelihood (calibrate_intercept), not set by judgment.
    inputs_rule=judgment_weights(
        WEIGHTS, fixed=("intercept",), bounds={"hereditary_discount": (0.0, 1.0)}
    ),
    options=("start",),
)
