"""``postsoviet exposure [--date D] [--json]``: the exposure index, each component's contribution."""

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
    warn_outside,
)
from postsoviet.errors import ModelInputError

SHORT = {
    "ethnic_russian_share": "Russians",
    "border_with_russia_km": "border",
    "gas_import_share_russia": "gas",
    "trade_share_russia": "trade",
    "csto_member": "CSTO",
    "eaeu_member": "EAEU",
    "russian_troops": "troops",
    "russian_backed_regions": "held regions",
    "resource_belts": "belts",
    "succession_risk": "succession",
    "nato_member": "NATO",
    "eu_member": "EU",
}


@user_errors
def exposure(
    date: DateOption = None,
    data_year: Annotated[
        int | None,
        typer.Option("--data-year", help="Latest year of data used (default: the year of --date)."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Rank states by exposure to Russia; each column is a component's contribution."""
    from postsoviet.data.config import load_config
    from postsoviet.models.exposure import COMPONENTS
    from postsoviet.models.exposure import exposure as exposure_model
    from postsoviet.world import load_world

    day = day_or_today(date)
    world = load_world(data)
    if date is not None:
        warn_outside(world, day, "--date")
    if data_year is not None and not 1900 <= data_year <= 2100:
        raise ModelInputError(
            f"--data-year: expected a year between 1900 and 2100, got {data_year}"
        )
    weights = load_config(data).exposure
    result = exposure_model(world, day, weights=weights, data_year=data_year)
    if as_json:
        typer.echo(render.dumps(result.to_dict(), indent=2))
        return
    points = "{:+.3f}".format
    formats = {"index": "{:.3f}".format, **dict.fromkeys(COMPONENTS, points)}
    title = (
        f"Exposure to Russia on {day:%Y-%m-%d} (data up to {result.data_year}); "
        "columns are contributions in index points"
    )
    render.show(stdout, render.table(result.to_df(), title=title, formats=formats, headers=SHORT))
