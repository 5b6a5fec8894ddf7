"""``postsoviet claims [--json]``: the essay's claims as checkable model outputs."""

from __future__ import annotations

import typer

from postsoviet.cli import render
from postsoviet.cli.common import DataOption, JsonOption, stdout, user_errors
from postsoviet.cli.progress import progress
from postsoviet.cli.scenario import flatten


@user_errors
def claims(data: DataOption = None, as_json: JsonOption = False) -> None:
    """Each claim of the essay, the output that checks it, and what the models give.

    ``kind`` says whether the check can fail (``test``) or holds by the scenario's premise or by
    construction; only tests are ``borne out`` or not ("-" for the others).
    """
    import pandas as pd

    from postsoviet.scenarios.claims import evaluate_claims
    from postsoviet.world import load_world

    with progress("claims", total=2, quiet=as_json) as steps:
        steps.step("claims: reading the world")
        world = load_world(data)
        steps.step("claims: running the scenarios and checking each claim")
        table = evaluate_claims(world)
    if as_json:
        typer.echo(render.dumps(table.to_dict(orient="records"), indent=2, default=str))
        return
    shown = table.assign(
        scenario_value=[flatten("", v)[""] for v in table["scenario_value"]],
        baseline_value=[flatten("", v)[""] for v in table["baseline_value"]],
        holds=["yes" if h else "no" for h in table["holds"]],
        borne_out=["-" if pd.isna(b) else "yes" if b else "no" for b in table["borne_out"]],
    )
    columns = ["impact", "claim", "kind", "scenario", "output", "scenario_value", "baseline_value"]
    render.show(
        stdout,
        render.table(
            shown[[*columns, "holds", "borne_out"]],
            title="The essay's claims against the models (scenario vs baseline at the horizon)",
        ),
    )
