"""Registry entry of the integration ladder: Belarus's rungs toward one state with Russia."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.models.integration_ladder import ladder_as_of, ladder_forecast
from postsoviet.models.registry.paths import interpolate
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    judgment_weights,
    rerun,
    weights_with,
    year_end,
)
from postsoviet.world import World

NAME = "ladder"
WEIGHTS = "integration_ladder"


def run(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    seed: Any,
    inputs: dict[str, float],
    start: int | None = None,
) -> ModelResult:
    """The chain from 1 January of ``start`` (default the year of ``on``) to 31 December of that year.

    On a data vintage (``world.cutoff`` set, :meth:`World.known_on`) the chain starts on the
    cutoff's year, with the stages known then and the intercept refitted on the vintage
    (:func:`~postsoviet.models.integration_ladder.ladder_as_of`); ``start`` is then ignored.

    Records: each 31 December of the chain, and ``on`` itself, interpolated linearly within its year
    (a step taken on a uniformly random day of the year).
    """
    weights = weights_with(config, WEIGHTS, inputs)
    if world.cutoff is not None:
        # A data vintage: the chain starts on the cutoff's year with the intercept refitted on it.
        first = world.cutoff.year
        forecast = ladder_as_of(world, config.stages, weights, horizon=on.year)
    else:
        first = on.year if start is None else int(start)
        forecast = ladder_forecast(world, config.stages, weights, start=first, horizon=on.year)
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
    preparer=rerun(run),
    # The intercept is calibrated by maximum likelihood (calibrate_intercept), not set by judgment.
    inputs_rule=judgment_weights(
        WEIGHTS, fixed=("intercept",), bounds={"hereditary_discount": (0.0, 1.0)}
    ),
    options=("start",),
)
