"""``postsoviet scenario list|show|run|validate``: the essay's what-ifs against the baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from postsoviet.cli import render, runs
from postsoviet.cli.common import DataOption, JsonOption, stdout, user_errors
from postsoviet.errors import DataError, InputFileError
from postsoviet.scenarios import flat

scenario_app = typer.Typer(help="Declarative what-if scenarios.", no_args_is_help=True)
NameArgument = Annotated[str, typer.Argument(help="A built-in scenario name or a YAML file.")]


def flatten(prefix: str, value: Any) -> dict[str, str]:
    """Nested results as ``{"model.key": text}`` rows for a table (:func:`scenarios.flat.flatten`,
    numbers shown with three decimals at most)."""
    return {key: _text(leaf) for key, leaf in flat.flatten(value, prefix).items()}


def _text(leaf: Any) -> str:
    if isinstance(leaf, float):
        return f"{leaf:,.3f}".rstrip("0").rstrip(".")
    return str(leaf)


@scenario_app.command("list")
@user_errors
def scenario_list(data: DataOption = None, as_json: JsonOption = False) -> None:
    """The built-in scenarios."""
    import pandas as pd

    from postsoviet.scenarios.files import builtin_names, load_scenario
    from postsoviet.world import load_world

    world = load_world(data)
    scenarios = [load_scenario(name, world) for name in builtin_names()]
    rows = pd.DataFrame(
        {
            "name": [s.name for s in scenarios],
            "shocks": [len(s.shocks) for s in scenarios],
            "horizon": [f"{s.horizon:%Y-%m-%d}" for s in scenarios],
            "description": [s.description.strip() for s in scenarios],
        }
    )
    if as_json:
        typer.echo(render.to_json(rows))
        return
    render.show(stdout, render.table(rows, title="Built-in scenarios"))


@scenario_app.command("show")
@user_errors
def scenario_show(name: NameArgument, data: DataOption = None, as_json: JsonOption = False) -> None:
    """A scenario's description, window, shocks and parameters."""
    from postsoviet.scenarios.files import load_scenario
    from postsoviet.world import load_world

    scenario = load_scenario(name, load_world(data))
    shape = {
        "name": scenario.name,
        "description": scenario.description.strip(),
        "start": f"{scenario.start:%Y-%m-%d}",
        "horizon": f"{scenario.horizon:%Y-%m-%d}",
        "shocks": [
            {"kind": s.kind, "date": f"{s.date:%Y-%m-%d}", **s.fields} for s in scenario.shocks
        ],
        "parameters": dict(scenario.parameters),
    }
    if as_json:
        typer.echo(render.dumps(shape, indent=2))
        return
    stdout.print(f"{scenario.name}: {shape['description']}", markup=False, highlight=False)
    stdout.print(f"from {shape['start']} to {shape['horizon']}", markup=False, highlight=False)
    for shock in scenario.shocks:
        stdout.print(f"  {shock.describe()}", markup=False, highlight=False)
    for key, value in scenario.parameters.items():
        stdout.print(f"  parameter {key} = {value:g}", markup=False, highlight=False)


@scenario_app.command("run")
@user_errors
def scenario_run(
    name: NameArgument,
    data: DataOption = None,
    as_json: JsonOption = False,
    samples: runs.SamplesOption = None,
    method: runs.MethodOption = "mc",
    executor: runs.ExecutorOption = "seq",
    workers: runs.WorkersOption = None,
    scheduler: runs.SchedulerOption = None,
    seed: runs.SeedOption = 0,
    store: runs.StoreOption = None,
    inputs: runs.InputsOption = None,
    models: runs.ModelsOption = None,
) -> None:
    """Run every model under the scenario and the baseline; print both side by side.

    With --samples N: sample the uncertain inputs (docs/runs.md), store the run, print quantiles.
    """
    import pandas as pd

    from postsoviet.data.config import load_config
    from postsoviet.scenarios.files import load_scenario
    from postsoviet.scenarios.run import run_scenario
    from postsoviet.world import load_world

    if samples is not None:
        runs.check_run_options(seed=seed, samples=samples, store=store, inputs=inputs)
    world = load_world(data)
    if samples is not None:
        record = runs.sample_and_store(
            [name],
            world=world,
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
        runs.show_record(record, as_json=as_json)
        return
    result = run_scenario(world, load_scenario(name, world), config=load_config(data)).to_dict()
    if as_json:
        typer.echo(render.dumps(result, indent=2))
        return
    after = flatten("", result["results"])
    before = flatten("", result["baseline"])
    rows = pd.DataFrame(
        {
            "output": list(after),
            "scenario": list(after.values()),
            "baseline": [before.get(key, "") for key in after],
            "changed": ["yes" if after[k] != before.get(k) else "" for k in after],
        }
    )
    title = f"Scenario {result['scenario']} against the baseline at {result['horizon']}"
    render.show(stdout, render.table(rows, title=title))


@scenario_app.command("validate")
@user_errors
def scenario_validate(
    file: Annotated[Path, typer.Argument(help="A scenario YAML file.")], data: DataOption = None
) -> None:
    """Check a scenario file; report every problem, exit 1 if any."""
    from postsoviet.data.config import load_config
    from postsoviet.data.untrusted import read_yaml
    from postsoviet.scenarios.files import load_scenario
    from postsoviet.scenarios.run import scenario_problems
    from postsoviet.world import load_world

    try:
        read_yaml(file)  # a file that cannot be read fails before the world is loaded
    except InputFileError as error:
        raise DataError([error.problem]) from None
    world = load_world(data)
    scenario = load_scenario(file, world)
    problems = scenario_problems(world, scenario, label=str(file), config=load_config(data))
    if problems:
        raise DataError(problems)
    stdout.print(
        f"{file}: scenario '{scenario.name}' is valid ({len(scenario.shocks)} shocks)",
        markup=False,
        highlight=False,
    )
