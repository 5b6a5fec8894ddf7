"""Registry entry of the war of attrition: the share of Ukraine Russia holds, with its band."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.errors import ModelInputError
from postsoviet.models.attrition import (
    RESOURCES,
    FitFacts,
    ProjectionFacts,
    drawn_path,
    fit_facts,
    fit_from,
    parameters_from,
    project_from,
    projection_facts,
)
from postsoviet.models.registry.paths import interpolate
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    Seed,
    UncertainInput,
    judgment_weights,
    weights_from,
)
from postsoviet.world import World

NAME = "attrition"
WEIGHTS = "attrition"
SHARES = ("share_held", "share_low", "share_high")
UNIT = "fraction of Ukraine"


@dataclass(frozen=True)
class PreparedAttrition:
    """The fit's and the projection's reads of the world done once (:func:`fit_facts`,
    :func:`projection_facts`); a draw refits and projects (:func:`fit_from`, :func:`project_from`).

    With ``band`` the result is the central path and its band of ``draws`` inner draws; without it,
    the path of one draw of the band (the draw's seed), so that a sampled run's own draws make the
    band and carry every input's uncertainty at once.
    """

    on: pd.Timestamp
    fit_facts: FitFacts
    projection: ProjectionFacts
    draws: int
    band: bool

    def evaluate(self, inputs: Mapping[str, float], seed: Seed) -> ModelResult:
        """Shares held on each 31 December and on ``on``, and the aid trend's slope."""
        params = parameters_from(weights_from(inputs, WEIGHTS))
        fit = fit_from(self.fit_facts, params)
        detail: Any
        if self.band:
            detail = project_from(self.projection, params, fit, seed=seed, draws=self.draws)
            path, shares = detail.path, SHARES
        else:
            rng = np.random.default_rng(seed)
            km2 = drawn_path(self.projection, params, fit, rng)
            share = km2 / params.ukraine_area_km2
            path = detail = pd.DataFrame({"date": self.projection.dates, "share_held": share})
            shares = SHARES[:1]
        found = _path_records(path, shares, self.on)
        found += records(
            f"{NAME}.aid_trend",
            ("on",),
            "US$ per year of war",
            [({"on": self.on}, fit.aid.per_year_usd)],
        )
        return ModelResult(NAME, tuple(found), detail=detail)


def _path_records(table: pd.DataFrame, shares: tuple[str, ...], on: pd.Timestamp) -> list:
    """Records of ``shares`` on each date of the path up to ``on``, and on ``on`` itself.

    Between two points of the path the share is interpolated linearly, which is exact: the drift is
    constant within a calendar year (:func:`~postsoviet.models.registry.paths.interpolate`).
    """
    dates = pd.DatetimeIndex(table["date"])
    values = table[list(shares)].to_numpy(dtype="float64")
    points = {day: values[i] for i, day in enumerate(dates) if day <= on}
    points[on] = interpolate(dates, values, on)
    found = []
    for column, name in enumerate(shares):
        found += records(
            f"{NAME}.{name}",
            ("on",),
            UNIT,
            [({"on": day}, row[column]) for day, row in sorted(points.items())],
        )
    return found


def prepare(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    draws: int | None = None,
    band: bool = True,
) -> PreparedAttrition:
    """The path from the last observation to ``on``: each 31 December, and ``on`` itself.

    ``draws`` (the band's inner draws) defaults to the configuration's ``attrition.draws``;
    ``band`` as :class:`PreparedAttrition`.
    """
    count = int(config.parameter("attrition.draws")) if draws is None else draws
    params = parameters_from(config.weights(WEIGHTS))
    facts = fit_facts(world, params)
    if on < facts.as_of:
        raise ModelInputError(
            f"argument 'on': expected a day on or after the last territory observation "
            f"{facts.as_of:%Y-%m-%d}, got {on:%Y-%m-%d}"
        )
    fit = fit_from(facts, params)
    projection = projection_facts(world, params, horizon=on.year, fit=fit)
    return PreparedAttrition(on, facts, projection, count, bool(band))


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
    preparer=prepare,
    inputs_rule=uncertain_inputs,
    options=("draws", "band"),
)
