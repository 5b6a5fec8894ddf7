"""``postsoviet forecast``, ``backtest``, ``targets quantities`` and ``targets kinds``: dated questions
and their scores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from postsoviet.cli import limits, render
from postsoviet.cli.common import (
    DataOption,
    JsonOption,
    atomic_path,
    check_output,
    stdout,
    user_errors,
)
from postsoviet.cli.runs import StoreOption
from postsoviet.errors import PostsovietError

if TYPE_CHECKING:
    import pandas as pd

    from postsoviet.forecasts.forecast import Forecast

targets_app = typer.Typer(
    help="Dated questions (targets) the forecasts answer.", no_args_is_help=True
)

TargetsArgument = Annotated[Path, typer.Argument(help="A targets YAML file.")]
DrawsOption = Annotated[int, typer.Option("--draws", min=1, help="Draws for numeric answers.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of every draw.")]
HindsightOption = Annotated[
    bool,
    typer.Option(
        "--allow-hindsight", help="Allow judgment values set after a target's asked_on (said so)."
    ),
]
# Tags shown per kind in the ``targets kinds`` table (--json lists them all).
TAGS_SHOWN = 8
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="Skip the calibration maps (fitted on the world's history and on asked questions).",
    ),
]


@targets_app.command("quantities")
@user_errors
def targets_quantities(as_json: JsonOption = False) -> None:
    """Every quantity a target may ask for, with its arguments."""
    import pandas as pd

    from postsoviet.forecasts.quantities import QUANTITIES

    described = [quantity.to_dict() for quantity in QUANTITIES.values()]
    if as_json:
        typer.echo(render.dumps({"quantities": described}, indent=2, default=str))
        return
    rows = [
        {
            "quantity": d["name"],
            "kind": d["kind"],
            "family": d["family"],
            "arguments": ", ".join(
                a["name"] if a["required"] else f"{a['name']}={a['default']}" for a in d["args"]
            ),
            "meaning": d["doc"],
        }
        for d in described
    ]
    render.show(stdout, render.table(pd.DataFrame(rows), title="Target quantities"))


@targets_app.command("kinds")
@user_errors
def targets_kinds(
    known_on: Annotated[
        str | None,
        typer.Option("--known-on", help="Count only the events known on this ISO date."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """The event kinds event.occurs may ask about, with their events and tags."""
    import pandas as pd

    from postsoviet.forecasts.vocabulary import event_vocabulary
    from postsoviet.world import load_world
    from postsoviet.world.world import as_timestamp

    world = load_world(data)
    if known_on is not None:
        world = world.known_on(as_timestamp(known_on, argument="--known-on"))
    vocabulary = event_vocabulary(world)
    if as_json:
        kinds = [
            {
                **row,
                "first": None if pd.isna(row["first"]) else f"{row['first']:%Y-%m-%d}",
                "last": None if pd.isna(row["last"]) else f"{row['last']:%Y-%m-%d}",
            }
            for row in vocabulary.to_dict(orient="records")
        ]
        typer.echo(render.dumps({"kinds": kinds}, indent=2, default=str))
        return
    shown = vocabulary.assign(
        first=vocabulary["first"].dt.strftime("%Y-%m-%d").fillna(""),
        last=vocabulary["last"].dt.strftime("%Y-%m-%d").fillna(""),
        tags=[
            ", ".join(f"{t} ({n})" for t, n in list(tags.items())[:TAGS_SHOWN])
            + (f", ... {len(tags) - TAGS_SHOWN} more" if len(tags) > TAGS_SHOWN else "")
            for tags in vocabulary["tags"]
        ],
    )
    render.show(stdout, render.table(shown, title="Event kinds and their tags (events)"))


def _write(shape: dict[str, Any], out: Path | None) -> None:
    text = render.dumps(shape, indent=2, default=str)
    if out is None:
        typer.echo(text)
        return
    with atomic_path(out) as part:
        part.write_text(text + "\n", encoding="utf-8")
    stdout.print(str(out), markup=False, highlight=False)


@user_errors
def forecast(
    targets: TargetsArgument,
    draws: DrawsOption = 1000,
    seed: SeedOption = 0,
    as_json: JsonOption = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write the JSON to this file.")] = None,
    allow_hindsight: HindsightOption = False,
    raw: RawOption = False,
    data: DataOption = None,
) -> None:
    """Answer each target as of its own asked_on: a probability or quantiles, or why not."""
    import pandas as pd

    from postsoviet.data.config import load_config
    from postsoviet.data.judgment import read_judgment_vintages
    from postsoviet.data.version import data_version
    from postsoviet.forecasts import read_targets
    from postsoviet.forecasts.backtest import history_calibration
    from postsoviet.forecasts.forecast import Models, forecast_targets
    from postsoviet.runs.store import check_seed
    from postsoviet.world import load_world

    limits.check_count("--draws", draws, limits.DRAWS)
    check_seed(seed)
    if out is not None:
        check_output(out)
    readable, problems = read_targets(targets)
    world = load_world(data)
    models = Models(load_config(data), read_judgment_vintages(), allow_hindsight)
    calibration_on = None if raw else history_calibration(world)
    answers = forecast_targets(
        world,
        readable,
        problems,
        draws=draws,
        seed=seed,
        calibration_on=calibration_on,
        data_version=data_version(data),
        models=models,
    )
    shape = {
        "targets": str(targets),
        "draws": draws,
        "seed": seed,
        "calibrated": not raw,
        "hindsight": allow_hindsight,
        "forecasts": [a.to_dict() for a in answers],
    }
    if calibration_on is not None:
        # the maps each cutoff's hazard answers went through (history maps, then the asked map)
        shape["calibration"] = {
            f"{day:%Y-%m-%d}": maps.to_dict() if (maps := calibration_on(day)) else None
            for day in sorted({t.asked_on for t in readable})
        }
    if as_json or out is not None:
        _write(shape, out)
        return
    rows = [
        {
            "id": a.id,
            "quantity": a.quantity,
            "cutoff": a.cutoff,
            "answer": answer_text(a),
            "model": a.model or "",
            "reason": a.reason or "",
        }
        for a in answers
    ]
    render.show(stdout, render.table(pd.DataFrame(rows), title=f"Forecasts for {targets}"))


def answer_text(answer: Forecast) -> str:
    """A forecast in one cell: ``p`` (and the models' own ``p`` when the calibration maps moved
    it), or the median of a numeric answer, or ``-``."""
    if answer.p is not None:
        moved = answer.p_raw is not None and round(answer.p_raw, 3) != round(answer.p, 3)
        return f"p={answer.p:.3f}" + (f" (models {answer.p_raw:.3f})" if moved else "")
    return f"q50={answer.quantiles['q50']:.4g}" if answer.quantiles else "-"


def _day(value: str | None, default: pd.Timestamp, option: str) -> pd.Timestamp:
    from postsoviet.world.world import as_timestamp

    return default if value is None else as_timestamp(value, argument=option)


@user_errors
def backtest(
    targets: Annotated[Path | None, typer.Argument(help="A targets YAML file.")] = None,
    resolutions: Annotated[
        Path | None, typer.Option("--resolutions", help="CSV id,outcome,resolved_on,source.")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Score targets generated from the world's history.")
    ] = False,
    start: Annotated[str | None, typer.Option("--from", help="First history cutoff.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last history cutoff.")] = None,
    family: Annotated[
        list[str] | None,
        typer.Option("--family", help="Score only this family's history targets (repeatable)."),
    ] = None,
    draws: DrawsOption = 1000,
    seed: SeedOption = 0,
    raw: RawOption = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Score forecasts against resolutions and the baselines (flat, persistence, base_rate)."""
    import pandas as pd

    from postsoviet.data.config import load_config
    from postsoviet.data.judgment import read_judgment_vintages
    from postsoviet.data.version import data_version
    from postsoviet.forecasts import read_resolutions, read_targets
    from postsoviet.forecasts.backtest import (
        as_run,
        backtest_history,
        backtest_targets,
        history_calibration,
        timed,
    )
    from postsoviet.forecasts.forecast import Models
    from postsoviet.forecasts.history import FIRST, LAST
    from postsoviet.forecasts.quantities import QUANTITIES
    from postsoviet.runs.store import check_seed, check_store, save_or_keep
    from postsoviet.world import load_world

    limits.check_count("--draws", draws, limits.DRAWS)
    check_seed(seed)
    check_store(store)
    world = load_world(data)
    version = data_version(data)
    if history:
        first, last = _day(start, FIRST, "--from"), _day(end, LAST, "--to")
        families = tuple(family or ())
        known = sorted({quantity.family for quantity in QUANTITIES.values()})
        for name in families:
            if name not in known:
                raise PostsovietError(f"--family {name!r}: expected one of {', '.join(known)}")
        result, seconds = timed(lambda: backtest_history(world, first, last, families=families))
        label = f"history {first:%Y-%m-%d}..{last:%Y-%m-%d}" + "".join(f" {f}" for f in families)
    else:
        if targets is None or resolutions is None:
            raise PostsovietError("backtest: give TARGETS and --resolutions FILE, or --history")
        readable, problems = read_targets(targets)
        table = read_resolutions(resolutions)
        result, seconds = timed(
            lambda: backtest_targets(
                world,
                readable,
                problems,
                table,
                draws=draws,
                seed=seed,
                calibration_on=None if raw else history_calibration(world),
                data_version=version,
                models=Models(load_config(data), read_judgment_vintages()),
            )
        )
        label = str(targets)
    record = as_run(result, label=label, seed=seed, seconds=seconds, data_version=version)
    save_or_keep(record, store)
    result["run_id"] = record.run_id
    if as_json:
        typer.echo(render.dumps(result, indent=2, default=str))
        return
    rows = [{"forecaster": k, **v} for k, v in result["scores"].items()]
    title = f"Backtest {label}: {result['n']} targets, {result['answered']} answered, run {result['run_id']}"
    render.show(stdout, render.table(pd.DataFrame(rows), title=title))
    family_rows = [
        {"family": family, **{k: v["brier"] for k, v in table.items()}}
        for family, table in result["by_family"].items()
    ]
    render.show(stdout, render.table(pd.DataFrame(family_rows), title="Brier score per family"))
