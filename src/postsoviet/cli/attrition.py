"""``postsoviet attrition [--horizon YEAR] [--seed S] [--draws N] [--json]``: the war of attrition."""

from __future__ import annotations

from typing import Annotated

import typer

from postsoviet.cli import limits, render
from postsoviet.cli.common import DataOption, JsonOption, stdout, user_errors
from postsoviet.parameters import PARAMETERS

COLUMNS = ("date", "share_held", "share_low", "share_high", "km2_held", "aid_usd", "resource_share")


@user_errors
def attrition(
    horizon: Annotated[int, typer.Option("--horizon", help="The last year of the path.")] = int(
        PARAMETERS["horizon.year"]
    ),
    seed: Annotated[int, typer.Option("--seed", help="Seed of the band's draws.")] = 0,
    draws: Annotated[int, typer.Option("--draws", help="Parameter draws for the band.")] = int(
        PARAMETERS["attrition.draws"]
    ),
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Share of Ukraine held by Russia each year to the horizon, with a 5-95% band."""
    from postsoviet.data.config import load_config
    from postsoviet.models.attrition import parameters_from, project_attrition
    from postsoviet.runs.store import check_seed
    from postsoviet.world import load_world

    limits.check_count("--horizon", horizon, limits.LAST_YEAR, low=limits.FIRST_YEAR)
    limits.check_count("--draws", draws, limits.DRAWS)
    check_seed(seed)
    params = parameters_from(load_config(data).weights("attrition"))
    result = project_attrition(load_world(data), params, horizon=horizon, seed=seed, draws=draws)
    if as_json:
        typer.echo(render.dumps({"horizon": horizon, "seed": seed, **result.to_dict()}, indent=2))
        return
    fit = result.fit
    title = (
        f"Share of Ukraine held by Russia, from {fit.as_of:%Y-%m-%d} to {horizon} "
        f"(kappa {fit.sensitivity:g}, balance {fit.balance:.4f}, fit RMSE "
        f"{100 * fit.rmse:.2f} points over {len(fit.history)} observations; "
        f"aid trend {result.aid.per_year_usd / 1e9:+.1f} bn US$ per year of war)"
    )
    formats = {
        "share_held": render.percent,
        "share_low": render.percent,
        "share_high": render.percent,
        "km2_held": render.scaled(1e3, "k", 1),
        "aid_usd": render.scaled(1e9, " bn", 1),
        "resource_share": "{:.3f}".format,
    }
    headers = {"share_low": "low (5%)", "share_high": "high (95%)", "km2_held": "km2"}
    render.show(
        stdout,
        render.table(result.path[list(COLUMNS)], title=title, formats=formats, headers=headers),
    )
