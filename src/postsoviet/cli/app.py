"""The ``postsoviet`` command: ``world``, ``world show``, ``data check``.

Every user error becomes a one-line message on stderr and a non-zero exit code, never a traceback.
Each command group lives in its own module; this module only assembles them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from postsoviet.cli import (
    align,
    attrition,
    bargain,
    claims,
    directions,
    exposure,
    forecast,
    frontier,
    ladder,
    models,
    render,
    report,
    runs,
    serve,
)
from postsoviet.cli.common import DataOption, JsonOption, day_or_today, stdout, user_errors
from postsoviet.cli.facts import show_facts
from postsoviet.cli.scenario import scenario_app
from postsoviet.errors import PostsovietError

if TYPE_CHECKING:
    import pandas as pd

    from postsoviet.world import World

app = typer.Typer(
    help="postsoviet: the post-Soviet space as a computable, sourced model.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
world_app = typer.Typer(help="The actors and their sourced facts.", invoke_without_command=True)
data_app = typer.Typer(help="Check world data files.", no_args_is_help=True)
app.add_typer(world_app, name="world")
app.add_typer(data_app, name="data")
app.add_typer(scenario_app, name="scenario")
app.add_typer(runs.runs_app, name="runs")
app.add_typer(forecast.targets_app, name="targets")
app.command("bargain")(bargain.bargain)
app.command("align")(align.align)
app.command("frontier")(frontier.frontier)
app.command("exposure")(exposure.exposure)
app.command("directions")(directions.directions)
app.command("attrition")(attrition.attrition)
app.command("claims")(claims.claims)
app.command("sensitivity")(runs.sensitivity)
app.command("ladder")(ladder.ladder)
app.command("models")(models.models)
app.command("report")(report.report)
app.command("forecast")(forecast.forecast)
app.command("backtest")(forecast.backtest)
app.command("serve")(serve.serve)


def _world(data: Path | None, date: str | None) -> World:
    from postsoviet.world import load_world

    world = load_world(data)
    return world.at(day_or_today(date, world)) if date is not None else world


@world_app.callback()
@user_errors
def world_table(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option("--date", help="Show the world as it stood on this ISO date.")
    ] = None,
    known_on: Annotated[
        str | None,
        typer.Option(
            "--known-on",
            help="Show the world as known on this ISO date (a data vintage) and what it holds back.",
        ),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """One table of the actors: key figures, head of state and memberships."""
    if ctx.invoked_subcommand is not None:
        return
    import pandas as pd

    from postsoviet.world import load_world
    from postsoviet.world.world import as_timestamp

    if known_on is not None:
        if date is not None:
            raise PostsovietError("expected one of --date or --known-on, got both")
        _show_vintage(load_world(data), as_timestamp(known_on, argument="--known-on"), as_json)
        return
    day = as_timestamp(date, argument="--date") if date is not None else pd.Timestamp.today()
    summary = _world(data, date).summary(day.normalize())
    if as_json:
        typer.echo(render.to_json(summary))
        return
    _show_summary(summary, f"The world on {day:%Y-%m-%d} (latest figures up to that year)")


def _show_vintage(world: World, day: pd.Timestamp, as_json: bool) -> None:
    summary = world.known_on(day).summary(day)
    held = world.held_back(day)
    if as_json:
        typer.echo(
            render.dumps(
                {
                    "known_on": f"{day:%Y-%m-%d}",
                    "summary": json.loads(render.to_json(summary)),
                    "held_back": held.to_dict(orient="records"),
                },
                indent=2,
            )
        )
        return
    _show_summary(summary, f"The world as known on {day:%Y-%m-%d} (latest figures known then)")
    headers = {
        "known_later": "known later",
        "ends_censored": "end dates censored",
    }
    title = f"Held back on {day:%Y-%m-%d}: rows known later, earlier revisions, end dates after it"
    render.show(stdout, render.table(held, title=title, headers=headers))


def _show_summary(summary: pd.DataFrame, title: str) -> None:
    formats = {
        "population": render.scaled(1e6, " m"),
        "gdp_usd": render.scaled(1e9, " bn", 0),
        "milex_usd": render.scaled(1e9, " bn", 1),
        "ethnic_russian_share": render.percent,
    }
    headers = {
        "gdp_usd": "GDP US$",
        "milex_usd": "milex US$",
        "ethnic_russian_share": "ethnic Russians",
        "head_of_state": "head of state",
    }
    render.show(stdout, render.table(summary, title=title, formats=formats, headers=headers))


@world_app.command("show")
@user_errors
def world_show(
    iso3: Annotated[str, typer.Argument(help="The actor's ISO3 code, e.g. KAZ.")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every fact about one actor, with its source."""
    from postsoviet.world import load_world

    facts = load_world(data).facts(iso3.upper())
    if as_json:
        typer.echo(render.to_json(facts))
        return
    show_facts(stdout, facts, f"Facts about {iso3.upper()}")


@data_app.command("check")
@user_errors
def data_check(
    folder: Annotated[Path, typer.Argument(help="A folder of data files to check.")],
    as_json: JsonOption = False,
) -> None:
    """Check a folder of data files (as an overlay on the embedded data); report every problem."""
    from postsoviet.data import check_folder

    problems = check_folder(folder)
    if as_json:
        typer.echo(
            render.dumps(
                {
                    "folder": str(folder),
                    "ok": not problems,
                    "problems": [
                        {"file": p.file, "row": p.row, "field": p.field, "message": p.message}
                        for p in problems
                    ],
                },
                indent=2,
            )
        )
    else:
        for problem in problems:
            stdout.print(str(problem), markup=False, highlight=False)
        verdict = f"{len(problems)} problem(s) found" if problems else "no problems found"
        stdout.print(f"{folder}: {verdict}", markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)


@data_app.command("leaks")
@user_errors
def data_leaks(
    cutoff: Annotated[str, typer.Option("--cutoff", help="The cutoff day (ISO date).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run every model as of a cutoff and list each input it read that was known later."""
    import pandas as pd

    from postsoviet.runs.leaks import leak_report
    from postsoviet.world import load_world
    from postsoviet.world.world import as_timestamp

    day = as_timestamp(cutoff, argument="--cutoff")
    report = leak_report(load_world(data), day)
    if as_json:
        typer.echo(render.dumps(report, indent=2))
    else:
        models = pd.DataFrame(report["models"])
        models["tables"] = models["tables"].map(len)
        title = f"Models run on the vintage of {day:%Y-%m-%d} (tables read, answer)"
        render.show(stdout, render.table(models, title=title))
        for leak in report["leaks"]:
            key = ", ".join(f"{k}={v}" for k, v in leak["key"].items())
            stdout.print(
                f"leak: {leak['model']} read {leak['table']} ({key}): {leak['reason']}",
                markup=False,
                highlight=False,
            )
        verdict = f"{len(report['leaks'])} leak(s)" if report["leaks"] else "no leaks"
        stdout.print(f"{day:%Y-%m-%d}: {verdict}", markup=False, highlight=False)
        if report["hindsight"]:
            files = sorted({name.split(":")[0] for name in report["hindsight"]})
            stdout.print(
                "judgment values set after the cutoff (a forecast refuses them unless "
                f"--allow-hindsight), in: {', '.join(files)}",
                markup=False,
                highlight=False,
            )
    if report["leaks"]:
        raise typer.Exit(1)


@data_app.command("coverage")
@user_errors
def data_coverage(data: DataOption = None, as_json: JsonOption = False) -> None:
    """How many values the world holds, how they are sourced (tiers), events per kind and source, and gaps."""
    from postsoviet.world import coverage, load_world

    world = load_world(data)
    frames = {
        "files": coverage.value_counts(world),
        "tiers": coverage.tier_shares(world),
        "events_by_kind": coverage.event_counts(world),
        "events_by_source": coverage.event_sources(world),
        "missing_attributes": coverage.missing_attributes(world),
    }
    if as_json:
        typer.echo(
            render.dumps(
                {
                    name: json.loads(frame.to_json(orient="records"))
                    for name, frame in frames.items()
                },
                indent=2,
            )
        )
        return
    events = frames["events_by_kind"]
    titles = {
        "files": "Values held, by file",
        "tiers": "Sources and facts by tier (a fact counts under its best cited source)",
        "events_by_kind": f"Events by kind ({events['rows'].sum()} rows, {len(events)} kinds)",
        "events_by_source": "Events by source",
        "missing_attributes": f"Missing attributes ({len(frames['missing_attributes'])})",
    }
    for name, frame in frames.items():
        render.show(stdout, render.table(frame, title=titles[name]))


def main() -> None:
    """Entry point of the ``postsoviet`` console script."""
    app(prog_name="postsoviet")
