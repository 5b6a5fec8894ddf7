"""The top-level list of commands, light enough to answer ``postsoviet --help`` at once.

The full application imports the models (scipy, numba, plotly) to build every command's options; the
top-level help needs only names and one-line summaries. This catalogue holds those, in the order the
full application lists them; a test checks it against the full application so the two never drift.
"""

from __future__ import annotations

import typer

HELP = "postsoviet: the post-Soviet space as a computable, sourced model."

COMMANDS: tuple[tuple[str, str], ...] = (
    ("bargain", "Forecast one issue: positions, weighted median and mean after each round."),
    (
        "align",
        "Stable alignments (Axelrod & Bennett's landscape theory): every local minimum and its "
        "basin.",
    ),
    (
        "frontier",
        "The land border between Russia (with merged states) and NATO: segments, buffers, Suwalki.",
    ),
    ("exposure", "Rank states by exposure to Russia; each column is a component's contribution."),
    ("directions", "Rank the essay's directions by gain (net of what Russia holds) minus cost."),
    ("attrition", "Share of Ukraine held by Russia each year to the horizon, with a 5-95% band."),
    ("claims", "Each claim of the essay, the output that checks it, and what the models give."),
    (
        "sensitivity",
        "Which uncertain inputs drive a scenario's outputs: Sobol, Morris or FAST indices.",
    ),
    ("ladder", "Probability of each rung of Belarus's integration with Russia, year by year."),
    (
        "models",
        "The registered models: summary, citations, quantities, uncertain inputs, stochastic.",
    ),
    (
        "report",
        "Write the report: maps and charts of every model, scenarios against the baseline, "
        "sources.",
    ),
    (
        "forecast",
        "Answer each target as of its own asked_on: a probability or quantiles, or why not.",
    ),
    (
        "backtest",
        "Score forecasts against resolutions and the baselines (flat, persistence, base_rate).",
    ),
    (
        "serve",
        "Serve the dashboard at http://HOST:PORT/ and the API at /api/v1 (schema: "
        "/api/v1/openapi.json).",
    ),
    ("world", "The actors and their sourced facts."),
    ("data", "Check world data files."),
    ("scenario", "Declarative what-if scenarios."),
    ("runs", "Stored uncertainty runs: list, show, compare, export, rerun."),
    ("targets", "Dated questions (targets) the forecasts answer."),
)


def version() -> str:
    """The installed package's version (without importing the package's models)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("postsoviet")
    except PackageNotFoundError:
        from postsoviet import __version__

        return __version__


def catalogue() -> typer.Typer:
    """A Typer application with every top-level command's name and summary, and nothing behind."""
    app = typer.Typer(
        help=HELP, no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False
    )
    for name, summary in COMMANDS:
        app.command(name, help=summary)(_nothing)
    return app


def _nothing() -> None:
    """Never run: the full application handles every command."""
