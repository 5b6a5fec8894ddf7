"""``postsoviet models [--json]``: the registry of models, what each exposes and what is uncertain."""

from __future__ import annotations

import typer

from postsoviet.cli import render
from postsoviet.cli.common import DataOption, JsonOption, stdout, user_errors


@user_errors
def models(data: DataOption = None, as_json: JsonOption = False) -> None:
    """The registered models: summary, citations, quantities, uncertain inputs, stochastic."""
    import pandas as pd

    from postsoviet.data.config import load_config
    from postsoviet.models import registry

    config = load_config(data)
    entries = [spec.to_dict(config) for spec in registry.specs()]
    if as_json:
        typer.echo(render.dumps({"models": entries}, indent=2))
        return
    rows = pd.DataFrame(
        {
            "name": [e["name"] for e in entries],
            "summary": [e["summary"] for e in entries],
            "quantities": [
                ", ".join(f"{q['name']} ({q['kind']}, {q['unit']})" for q in e["quantities"])
                for e in entries
            ],
            "uncertain inputs": [len(e["uncertain_inputs"]) for e in entries],
            "stochastic": ["yes" if e["stochastic"] else "" for e in entries],
        }
    )
    render.show(stdout, render.table(rows, title=f"Registered models ({len(entries)})"))
