"""``postsoviet runs list|show|compare|export|rerun`` and ``postsoviet sensitivity``; the sampling
options of ``postsoviet scenario run`` live here too."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from postsoviet.cli import limits, render
from postsoviet.cli.common import DataOption, JsonOption, atomic_files, stderr, stdout, user_errors
from postsoviet.cli.progress import progress
from postsoviet.errors import PostsovietError

if TYPE_CHECKING:
    from postsoviet.runs.run import RunRecord
    from postsoviet.world import World

runs_app = typer.Typer(
    help="Stored uncertainty runs: list, show, compare, export, rerun.", no_args_is_help=True
)

SamplesOption = Annotated[
    int | None,
    typer.Option("--samples", help="Sample the uncertain inputs: base size N of the design."),
]
MethodOption = Annotated[
    str, typer.Option("--method", help="Design: mc, lhs, sobol, morris (or fast).")
]
ExecutorOption = Annotated[str, typer.Option("--executor", help="seq, process or dask.")]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", help="Worker processes (process, dask).")
]
SchedulerOption = Annotated[
    str | None, typer.Option("--scheduler", help="A Dask scheduler address (tcp://host:8786).")
]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the design (an integer >= 0).")]
StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="The DuckDB run store (default: the user's data directory)."),
]
InputsOption = Annotated[
    Path | None,
    typer.Option("--inputs", help="A YAML file of uncertain inputs (adds, replaces or fixes)."),
]
ModelsOption = Annotated[
    str | None,
    typer.Option(
        "--models",
        help="Registered models to sample, comma-separated (default: all; see 'postsoviet models').",
    ),
]
RunArgument = Annotated[str, typer.Argument(help="A run id (see 'postsoviet runs list').")]
_RUN_ID = re.compile(r"^[0-9a-f]{12}$")


def check_run_options(
    *, seed: int, samples: int, store: Path | None, inputs: Path | None = None
) -> None:
    """Check what a sampled run needs before any work: seed, size, inputs file and store."""
    from postsoviet.data.untrusted import read_yaml
    from postsoviet.runs.store import check_seed, check_store

    check_seed(seed)
    limits.check_count("--samples", samples, limits.SAMPLES)
    if inputs is not None:
        read_yaml(inputs)  # bounded and checked before runs.problem parses it
    check_store(store)


def sample_and_store(
    sources: list[str],
    *,
    world: World,
    data: Path | None,
    samples: int,
    method: str,
    executor: str,
    workers: int | None,
    scheduler: str | None,
    seed: int,
    store: Path | None,
    inputs: Path | None,
    models: str | None = None,
    quiet: bool = False,
) -> RunRecord:
    """Sample a problem over ``sources`` (scenario names or files), run it and store the run.

    The seed and the store are checked before any work, so a run is never computed for nothing.
    The draws show as progress on a terminal, unless ``quiet`` (``--json``).
    """
    from postsoviet.data.config import load_config
    from postsoviet.runs.problem import default_problem, problem_with, read_inputs_file
    from postsoviet.runs.run import run_uncertainty
    from postsoviet.scenarios.files import load_scenario

    check_run_options(seed=seed, samples=samples, store=store, inputs=inputs)
    chosen = model_names(models)
    scenarios = [load_scenario(source, world) for source in sources]
    config = load_config(data)
    problem = default_problem(scenarios[0], config, models=chosen)
    if inputs is not None:
        problem = problem_with(
            problem,
            read_inputs_file(inputs),
            scenario=scenarios[0],
            actors=world.actors["iso3"],
            label=str(inputs),
            config=config,
        )
    with progress("draws", quiet=quiet) as draws:
        record = run_uncertainty(
            world,
            scenarios,
            problem,
            samples=samples,
            method=method,
            seed=seed,
            executor=executor,
            workers=workers,
            scheduler=scheduler,
            progress=draws.advance,
            data_dir=data,
            sources=sources,
            on_design=draws.set_total,
            config=config,
            models=chosen,
        )
    _save(record, store)
    return record


def models_of(labels: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The registered models whose outputs a run holds (each output starts with its model's name)."""
    from postsoviet.models import registry

    found = {output.split(".", 1)[0] for _, output in labels}
    return tuple(name for name in registry.names() if name in found)


def model_names(option: str | None) -> tuple[str, ...] | None:
    """The ``--models`` option as registry names (``None``: every model)."""
    from postsoviet.models import registry

    if option is None:
        return None
    names = tuple(n.strip() for n in option.split(",") if n.strip())
    unknown = [n for n in names if n not in registry.names()]
    if unknown or not names:
        raise PostsovietError(
            f"option '--models': unknown model {unknown[0] if unknown else option!r}: expected "
            f"names from {list(registry.names())}, comma-separated"
        )
    return names


def _save(record: RunRecord, store: Path | None) -> None:
    from postsoviet.runs.store import save_or_keep

    if record.status != "complete":
        stderr.print(
            f"interrupted: kept {int(record.done.sum())} of {len(record.done)} draws "
            f"as run {record.run_id}",
            markup=False,
            highlight=False,
        )
    save_or_keep(record, store)


def show_record(record: RunRecord, *, as_json: bool) -> None:
    """Print a run's quantiles (or its JSON)."""
    if as_json:
        typer.echo(render.dumps(record.to_dict(), indent=2))
        return
    title = (
        f"Run {record.run_id}: {', '.join(record.scenarios)}, {record.method}, "
        f"{int(record.done.sum())} draws, seed {record.seed} ({record.executor}, "
        f"{record.seconds:.1f} s)"
    )
    render.show(stdout, render.table(record.summary, title=title))


@user_errors
def sensitivity(
    name: Annotated[str, typer.Argument(help="A built-in scenario name or a YAML file.")],
    samples: Annotated[int, typer.Option("--samples", help="Base size N of the design.")] = 256,
    method: Annotated[str, typer.Option("--method", help="sobol, morris or fast.")] = "sobol",
    output: Annotated[
        str, typer.Option("--output", help="Show outputs starting with this text.")
    ] = "directions.net",
    executor: ExecutorOption = "seq",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    seed: SeedOption = 0,
    store: StoreOption = None,
    inputs: InputsOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
    models: ModelsOption = None,
) -> None:
    """Which uncertain inputs drive a scenario's outputs: Sobol, Morris or FAST indices."""
    if method not in ("sobol", "morris", "fast"):
        raise PostsovietError(f"option '--method': expected sobol, morris or fast, got {method!r}")
    from postsoviet.world import load_world

    check_run_options(seed=seed, samples=samples, store=store, inputs=inputs)
    record = sample_and_store(
        [name],
        world=load_world(data),
        data=data,
        samples=samples,
        method=method,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        seed=seed,
        store=store,
        inputs=inputs,
        models=models,
        quiet=as_json,
    )
    if as_json:
        typer.echo(render.dumps(record.to_dict(), indent=2))
        return
    if record.indices is None:
        return
    table = record.indices[record.indices["output"].str.startswith(output)]
    wide = table.pivot_table(
        index=["output", "input"], columns="index", values="value", sort=False
    ).reset_index()
    main = "ST" if "ST" in wide else "mu_star"
    wide = wide.sort_values(["output", main], ascending=[True, False]).groupby("output").head(5)
    title = f"Run {record.run_id}: the five inputs that most drive each output ({method})"
    render.show(stdout, render.table(wide, title=title))


@runs_app.command("list")
@user_errors
def runs_list(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Every stored run, newest first."""
    from postsoviet.runs.store import Store

    with Store(store) as opened:
        table = opened.list()
    table["created_at"] = table["created_at"].astype(str)
    if as_json:
        typer.echo(render.to_json(table))
        return
    render.show(stdout, render.table(table, title=f"Runs in {opened.path}"))


def _load(store: Path | None, run_id: str) -> Any:
    from postsoviet.runs.store import Store

    if not _RUN_ID.match(run_id):
        raise PostsovietError(f"argument 'ID': expected a 12-character run id, got {run_id!r}")
    with Store(store) as opened:
        return opened.load(run_id)


@runs_app.command("show")
@user_errors
def runs_show(run_id: RunArgument, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """A run's provenance, inputs and per-output quantiles."""
    from postsoviet.runs.views import run_info

    run = _load(store, run_id)
    info = run_info(run.info)
    if as_json:
        shape = {
            **info,
            "inputs": run.problem.to_json(),
            "summaries": json.loads(run.summary.to_json(orient="records")),
        }
        typer.echo(render.dumps(shape, indent=2))
        return
    for key, value in info.items():
        stdout.print(f"{key}: {value}", markup=False, highlight=False)
    render.show(stdout, render.table(run.problem.to_df().drop(columns="hash"), title="Inputs"))
    render.show(stdout, render.table(run.summary, title="Outputs"))


@runs_app.command("compare")
@user_errors
def runs_compare(
    first: RunArgument,
    second: RunArgument,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Two runs side by side: provenance that differs, and each output's median and 90 % band."""
    from postsoviet.runs.views import compare_runs

    differs, table = compare_runs(_load(store, first), _load(store, second))
    if as_json:
        shape = {"differs": differs, "outputs": json.loads(table.to_json(orient="records"))}
        typer.echo(render.dumps(shape, indent=2, default=str))
        return
    for key, (left, right) in differs.items():
        stdout.print(f"{key}: {left} | {right}", markup=False, highlight=False)
    render.show(stdout, render.table(table, title=f"Run {first} (a) against {second} (b)"))


@runs_app.command("export")
@user_errors
def runs_export(
    run_id: RunArgument,
    file_format: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="The folder to write the files into (created if missing; default: here).",
        ),
    ] = Path("."),
    store: StoreOption = None,
) -> None:
    """Write each of a run's tables to a file OUT/<id>_<table>.parquet (or .csv).

    All the files appear together when every table is written: an interrupted export leaves none.
    """
    import duckdb

    if file_format not in ("parquet", "csv"):
        raise PostsovietError(f"option '--format': expected parquet or csv, got {file_format!r}")
    run = _load(store, run_id)
    tables = {f"{run_id}_{table}.{file_format}": frame for table, frame in run.tables().items()}
    with atomic_files(out, list(tables), option="--out") as parts:
        for name, frame in tables.items():
            if file_format == "csv":
                frame.to_csv(parts[name], index=False)
            else:
                duckdb.from_df(frame).write_parquet(str(parts[name]))
    for name in tables:
        stdout.print(str(out / name), markup=False, highlight=False)


@runs_app.command("rerun")
@user_errors
def runs_rerun(
    run_id: RunArgument,
    executor: ExecutorOption = "seq",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run a stored run again (same scenarios, inputs, design and seed); check the outputs match."""
    import numpy as np

    from postsoviet.data.config import load_config
    from postsoviet.data.version import data_version
    from postsoviet.runs.run import run_uncertainty
    from postsoviet.runs.store import check_store
    from postsoviet.runs.views import run_info
    from postsoviet.scenarios.files import load_scenario
    from postsoviet.world import load_world

    run = _load(store, run_id)
    info = run_info(run.info)
    if info["method"] == "backtest":
        raise PostsovietError(
            f"run '{run_id}' is a backtest ({info['sources'][0]}): run 'postsoviet backtest' again"
        )
    data = Path(info["data_dir"]) if info["data_dir"] else None
    check_store(store)
    if data_version(data) != info["data_version"]:
        stderr.print(
            "warning: the data files changed since this run; outputs may differ",
            markup=False,
            highlight=False,
        )
    world = load_world(data)
    scenarios = [load_scenario(source, world) for source in info["sources"]]
    with progress("draws", quiet=as_json) as draws:
        record = run_uncertainty(
            world,
            scenarios,
            run.problem,
            samples=int(info["samples"]),
            method=str(info["method"]),
            seed=int(info["seed"]),
            executor=executor,
            workers=workers,
            scheduler=scheduler,
            progress=draws.advance,
            data_dir=data,
            sources=info["sources"],
            on_design=draws.set_total,
            config=load_config(data),
            models=models_of(run.labels),
        )
    record = dataclasses.replace(record, rerun_of=run_id)
    _save(record, store)
    finished = ~np.isnan(run.outputs).any(axis=1)
    identical = bool(np.array_equal(record.outputs[finished], run.outputs[finished]))
    if as_json:
        typer.echo(
            render.dumps({**record.to_dict(), "rerun_of": run_id, "identical": identical}, indent=2)
        )
    else:
        verdict = "identical outputs" if identical else "DIFFERENT outputs"
        stdout.print(
            f"run {record.run_id} reruns {run_id}: {verdict}", markup=False, highlight=False
        )
    if not identical:
        raise typer.Exit(1)
