"""``postsoviet ladder [--start YEAR] [--horizon YEAR] [--json]``: Belarus's integration ladder."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Annotated, Any

import typer

from postsoviet.cli import render
from postsoviet.cli.common import DataOption, JsonOption, stdout, user_errors
from postsoviet.errors import ModelInputError
from postsoviet.parameters import PARAMETERS

if TYPE_CHECKING:
    from postsoviet.models.integration_ladder import LadderForecast

DEFAULT_HORIZON = int(PARAMETERS["horizon.year"])
FIRST_YEAR = 1992
LAST_YEAR = 2100
NUMERIC = ("sanctions", "gas_gap", "loans_bn_usd", "war", "age", "succession")
DRIVERS = (*NUMERIC, "hereditary")


def _plain(value: Any) -> Any:
    """A driver's value as a JSON type (numpy scalars unwrapped, NaN as null)."""
    import numpy as np

    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _report(forecast: LadderForecast) -> dict[str, Any]:
    """The forecast as plain JSON types."""
    drivers = forecast.drivers
    years = []
    for year, row in forecast.probabilities.iterrows():
        driver = drivers.loc[year]
        years.append(
            {
                "year": int(year),
                "expected_stage": float(forecast.expected[year]),
                "probabilities": {name: float(p) for name, p in row.items()},
                "drivers": {name: _plain(driver[name]) for name in DRIVERS}
                | {"missing": driver["missing"]},
            }
        )
    return {
        "start": forecast.start,
        "horizon": forecast.horizon,
        "initial_stage": forecast.stages[forecast.initial_stage].name,
        "merged": None if forecast.merged is None else f"{forecast.merged:%Y-%m-%d}",
        "stages": [
            {
                "index": s.index,
                "name": s.name,
                "reached": None if s.reached is None else f"{s.reached:%Y-%m-%d}",
            }
            for s in forecast.stages
        ],
        "years": years,
    }


@user_errors
def ladder(
    start: Annotated[
        int | None,
        typer.Option("--start", help="First year (from 1 January); default this year."),
    ] = None,
    horizon: Annotated[
        int | None,
        typer.Option("--horizon", help=f"Last year (to 31 December); default {DEFAULT_HORIZON}."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Probability of each rung of Belarus's integration with Russia, year by year."""
    from postsoviet.data.config import load_config
    from postsoviet.models.integration_ladder import ladder_forecast
    from postsoviet.world import load_world

    first = start if start is not None else dt.date.today().year
    last = horizon if horizon is not None else max(DEFAULT_HORIZON, first)
    if not FIRST_YEAR <= first <= LAST_YEAR:
        raise ModelInputError(
            f"--start: expected a year between {FIRST_YEAR} and {LAST_YEAR}, got {first}"
        )
    if not first <= last <= LAST_YEAR:
        raise ModelInputError(
            f"--horizon: expected a year between --start ({first}) and {LAST_YEAR}, got {last}"
        )
    config = load_config(data)
    forecast = ladder_forecast(
        load_world(data),
        config.stages,
        config.weights("integration_ladder"),
        start=first,
        horizon=last,
    )
    if as_json:
        typer.echo(render.dumps(_report(forecast), indent=2))
        return
    table = forecast.probabilities.copy()
    table.insert(0, "year", table.index)
    table["expected"] = forecast.expected
    title = (
        f"Belarus's integration ladder, {first}-{last}: probability of each rung on 31 December "
        f"(from {forecast.stages[forecast.initial_stage].name} on 1 January {first})"
    )
    formats = dict.fromkeys(forecast.probabilities.columns, render.percent)
    formats |= {"year": str, "expected": "{:.2f}".format}
    render.show(stdout, render.table(table, title=title, formats=formats))
    drivers = forecast.drivers[[*DRIVERS, "missing"]].copy()
    drivers.insert(0, "year", drivers.index)
    number = "{:.2f}".format
    render.show(
        stdout,
        render.table(
            drivers,
            title="Drivers (read on 1 July of each year)",
            formats={"year": str} | dict.fromkeys(NUMERIC, number),
        ),
    )
