"""Registry entry of the war of attrition: the share of Ukraine Russia holds, with its band."""

from __future__ import annotations

import math

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.errors import ModelInputError
from postsoviet.models.attrition import (
    RESOURCES,
    fit_attrition,
    parameters_from,
    project_attrition,
)
from postsoviet.models.registry.paths import interpolate
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    Seed,
    UncertainInput,
    judgment_weights,
    rerun,
    weights_with,
)
from postsoviet.world import World

NAME = "attrition"
WEIGHTS = "attrition"
SHARES = ("share_held", "share_low", "share_high")
UNIT = "fraction of Ukraine"


def run(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    seed: Seed,
    inputs: dict[str, float],
    draws: int | None = None,
) -> ModelResult:
    """The path from the last observation to ``on``: each 31 December, and ``on`` itself.

    Between two points of the path the share is interpolated linearly, which is exact: the drift is
    constant within a calendar year (:func:`~postsoviet.models.registry.paths.interpolate`).
    ``draws`` defaults to the configuration's ``attrition.draws``.
    """
    count = int(config.parameter("attrition.draws")) if draws is None else draws
    params = parameters_from(weights_with(config, WEIGHTS, inputs))
    fit = fit_attrition(world, params)
    if on < fit.as_of:
        raise ModelInputError(
            f"argument 'on': expected a day on or after the last territory observation "
            f"{fit.as_of:%Y-%m-%d}, got {on:%Y-%m-%d}"
        )
    path = project_attrition(world, params, horizon=on.year, seed=seed, draws=count, fit=fit)
    table = path.path
    dates = pd.DatetimeIndex(table["date"])
    points = {
        day: table.loc[i, list(SHARES)].to_numpy(dtype="float64") for i, day in enumerate(dates)
    }
    points = {day: values for day, values in points.items() if day <= on}
    points[on] = interpolate(dates, table[list(SHARES)].to_numpy(dtype="float64"), on)
    found = []
    for column, name in enumerate(SHARES):
        found += records(
            f"{NAME}.{name}",
            ("on",),
            UNIT,
            [({"on": day}, values[column]) for day, values in sorted(points.items())],
        )
    found += records(
        f"{NAME}.aid_trend", ("on",), "US$ per year of war", [({"on": on}, path.aid.per_year_usd)]
    )
    return ModelResult(NAME, tuple(found), detail=path)


def uncertain_inputs(config: Config) -> tuple[UncertainInput, ...]:
    """The judgment weights but those the model constrains, with the default spread.

    The resource weights must sum to 1 and the sensitivity's range drives the band's own draws, so
    neither is spread independently; the central sensitivity stays within that range.
    """
    weights = config.weights(WEIGHTS)
    rule = judgment_weights(
        WEIGHTS,
        fixed=(*RESOURCES.values(), "sensitivity_low", "sensitivity_high"),
        bounds={
            "aid_effectiveness": (0.0, math.inf),
            "sensitivity": (weights["sensitivity_low"], weights["sensitivity_high"]),
        },
    )
    return rule(config)


SPEC = ModelSpec(
    name=NAME,
    summary="The share of Ukraine's territory Russia holds, year by year: a resource-ratio drift.",
    citations=(
        "Lanchester 1916, 'Aircraft in warfare' (attrition by resource ratio)",
        "Singer, Bremer and Stuckey 1972, 'Capability distribution, uncertainty, and major power war'",
        "Kiel Institute, Ukraine Support Tracker (aid)",
    ),
    reads=("attributes", "series", "regions", "region_attributes", "region_control"),
    config=("weights.attrition", "parameters.attrition.draws"),
    quantities=(
        Quantity(f"{NAME}.share_held", UNIT, "numeric", ("on",), "Share held (central path)."),
        Quantity(f"{NAME}.share_low", UNIT, "numeric", ("on",), "5th percentile of the band."),
        Quantity(f"{NAME}.share_high", UNIT, "numeric", ("on",), "95th percentile of the band."),
        Quantity(
            f"{NAME}.aid_trend",
            "US$ per year of war",
            "numeric",
            ("on",),
            "Slope of the fitted yearly military aid to Ukraine.",
        ),
    ),
    stochastic=True,
    preparer=rerun(run),
    inputs_rule=uncertain_inputs,
    options=("draws",),
)
