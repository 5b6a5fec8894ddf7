"""The essay's issues as bargaining problems: each actor's position and salience from the issue's
data, its capability from the world (:func:`postsoviet.world.capability.capability_index`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from postsoviet.data.issues import Issue
from postsoviet.errors import PostsovietError
from postsoviet.models.bargaining.actors import Actors
from postsoviet.models.bargaining.baselines import mean_model, median_model
from postsoviet.models.bargaining.bdm import BdmOptions, bdm_model
from postsoviet.models.bargaining.results import BargainingResult
from postsoviet.world import World
from postsoviet.world.capability import CAPABILITY_VARIABLES, capability_index

MODELS = ("bdm", "mean", "median")


def run_model(actors: Actors, model: str, *, rounds: int = 8, q: float = 1.0) -> BargainingResult:
    """Run one of :data:`MODELS` on ``actors`` (``rounds`` and ``q`` apply to BDM only)."""
    if model == "mean":
        return mean_model(actors)
    if model == "median":
        return median_model(actors)
    if model == "bdm":
        return bdm_model(actors, rounds=rounds, options=BdmOptions(q=q))
    raise PostsovietError(f"unknown bargaining model '{model}': expected one of {list(MODELS)}")


def issue_actors(issue: Issue, world: World, as_of: dt.date | None) -> tuple[Actors, pd.DataFrame]:
    """The actors of an issue's snapshot at ``as_of`` (default: the latest), capability from ``world``.

    Returns the actors (salience divided by 100) and a table ``actor, capability, salience,
    position`` whose ``attrs`` carry the snapshot date and the years of the world data used. When
    the world data start after the snapshot (2021 vs a 2020 snapshot), the first year in which every
    actor has every capability component is used, and ``attrs["years"]`` says so.
    """
    snapshot = issue.snapshot(as_of)
    snapshot_day = snapshot.attrs["as_of"]
    rows = world.attributes
    rows = rows[rows["variable"].isin(CAPABILITY_VARIABLES) & rows["iso3"].isin(snapshot["actor"])]
    complete = int(rows.groupby(["iso3", "variable"])["year"].min().max())
    year = max(snapshot_day.year, complete)
    capability = capability_index(world, year, actors=list(snapshot["actor"]))
    if capability.attrs["missing"]:
        gaps = "; ".join(f"{a}: {', '.join(v)}" for a, v in capability.attrs["missing"].items())
        raise PostsovietError(f"issue '{issue.id}': capability components missing ({gaps})")
    actors = Actors.from_arrays(
        snapshot["position"],
        capability.to_numpy(),
        snapshot["salience"] / 100.0,
        names=list(snapshot["actor"]),
    )
    inputs = pd.DataFrame(
        {
            "actor": snapshot["actor"],
            "capability": capability.to_numpy(),
            "salience": snapshot["salience"],
            "position": snapshot["position"],
        }
    )
    data_years = sorted({y for v in capability.attrs["years"].values() for y in v.values()})
    inputs.attrs = {"as_of": snapshot_day, "years": data_years}
    return actors, inputs


def forecast_issue(
    issue: Issue, world: World, *, as_of: dt.date | None = None, rounds: int = 8, q: float = 1.0
) -> tuple[dict[str, BargainingResult], pd.DataFrame]:
    """Every model of :data:`MODELS` on one issue: ``({model: result}, inputs table)``."""
    actors, inputs = issue_actors(issue, world, as_of)
    return {m: run_model(actors, m, rounds=rounds, q=q) for m in MODELS}, inputs
