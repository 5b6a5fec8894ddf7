"""``postsoviet claims [--json]``: the essay's claims as checkable model outputs."""

from __future__ import annotations

import typer

from postsoviet.cli import render
from postsoviet.cli.common import DataOption, JsonOption, stdout, user_errors
from postsoviet.cli.scenario import flatten
from postsoviet.scenarios.claims import evaluate_claims
from postsoviet.world import load_world


@user_errors
def claims(data: DataOption = None, as_json: JsonOption = False) -> None:
    """Each claim of the essay, the output that checks it, and what the models give."""
    table = evaluate_claims(load_world(data))
    if as_json:
        typer.echo(render.dumps(table.to_dict(orient="records"), indent=2, default=str))
        return
    shown = table.assign(
        scenario_value=[flatten("", v)[""] for v in table["scenario_value"]],
        baseline_value=[flatten("", v)[""] for v in table["baseline_value"]],
        borne_out=["yes" if b else "no" for b in table["borne_out"]],
    )
    columns = ["impact", "claim", "scenario", "output", "scenario_value", "baseline_value"]
    render.show(
        stdout,
        render.table(
            shown[[*columns, "borne_out"]],
            title="The essay's claims against the models (scenario vs baseline at the horizon)",
        ),
    )
