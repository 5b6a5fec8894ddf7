"""Registry entry of bargaining: each issue's outcome by expected utility (BDM), mean and median."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.errors import ModelInputError
from postsoviet.models.bargaining.actors import Actors
from postsoviet.models.bargaining.issues import MODELS, issue_actors, run_model
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import ModelSpec, Quantity, UncertainInput
from postsoviet.world import World

NAME = "bargaining"


# How far a draw may move the analysts' numbers (analyst judgment, docs/models/bargaining.md): a
# position by a normal error of up to 10 points of the 0-100 scale, a salience or a capability by a
# log-normal factor of up to 25 % (sd of the logarithm). Nominal 0: a single run uses the data as
# given; a sampled run draws the error sizes, and each draw's seed draws the errors themselves.
NOISE = {"position": 10.0, "salience": 0.25, "capability": 0.25}


@dataclass(frozen=True)
class PreparedBargaining:
    """Each issue's actors read once (:func:`issue_actors`); a draw perturbs their positions,
    saliences and capabilities by the draw's error sizes and reruns the three models."""

    on: pd.Timestamp
    actors: Mapping[str, Actors]
    rounds: int
    q: float

    def evaluate(self, inputs: Mapping[str, float], seed: Any) -> ModelResult:
        """The forecast outcome of each issue by each model."""
        sizes = {k: float(inputs.get(f"noise.{NAME}.{k}", 0.0)) for k in NOISE}
        rng = np.random.default_rng(seed)
        rows = []
        detail = {}
        for issue_id, actors in self.actors.items():
            drawn = _perturbed(actors, sizes, rng)
            results = {m: run_model(drawn, m, rounds=self.rounds, q=self.q) for m in MODELS}
            detail[issue_id] = results
            rows += [
                ({"issue": issue_id, "model": model, "on": self.on}, results[model].forecast)
                for model in MODELS
            ]
        found = records(f"{NAME}.position", ("issue", "model", "on"), "scale point (0-100)", rows)
        return ModelResult(NAME, tuple(found), detail=detail)


def _perturbed(actors: Actors, sizes: Mapping[str, float], rng: np.random.Generator) -> Actors:
    """``actors`` with errors of the given sizes (none drawn when every size is 0)."""
    if not any(sizes.values()):
        return actors
    n = len(actors.position)
    position = np.clip(actors.position + rng.normal(0.0, sizes["position"], n), 0.0, 100.0)
    salience = np.clip(actors.salience * np.exp(rng.normal(0.0, sizes["salience"], n)), 0.0, 1.0)
    capability = actors.capability * np.exp(rng.normal(0.0, sizes["capability"], n))
    return Actors.from_arrays(position, capability, salience, names=actors.names)


def prepare(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    issues: Sequence[str] | None = None,
    rounds: int = 8,
    q: float = 1.0,
) -> PreparedBargaining:
    """Each issue's actors from the latest snapshot of positions on or before ``on`` (on a data
    vintage: on or before its cutoff, never a later one).

    ``issues`` restricts the run to those ids (default: every issue of the configuration);
    ``rounds`` and ``q`` are BDM's.
    """
    known = {i.id: i for i in config.issues}
    chosen = list(known) if issues is None else list(issues)
    unknown = [i for i in chosen if i not in known]
    if unknown:
        raise ModelInputError(
            f"argument 'issues': unknown issue '{unknown[0]}': expected one of {sorted(known)}"
        )
    found = {}
    # On a data vintage only the snapshots known on its cutoff may be read.
    latest = on if world.cutoff is None else min(on, world.cutoff)
    for issue_id in chosen:
        issue = known[issue_id]
        if latest.date() < issue.snapshots[0]:
            raise ModelInputError(
                f"argument 'on': issue '{issue_id}' has no positions on or before "
                f"{latest:%Y-%m-%d}; its first snapshot is {issue.snapshots[0]}"
            )
        found[issue_id], _ = issue_actors(issue, world, latest.date())
    return PreparedBargaining(on, found, rounds, q)


def uncertain_inputs(config: Config) -> tuple[UncertainInput, ...]:
    """The sizes of the errors on the analysts' numbers, each uniform from 0 to its :data:`NOISE`."""
    return tuple(
        UncertainInput(f"noise.{NAME}.{k}", 0.0, {"kind": "uniform", "params": [0.0, top]})
        for k, top in NOISE.items()
    )


SPEC = ModelSpec(
    name=NAME,
    summary="Each contested issue's outcome: expected-utility bargaining (BDM), weighted mean, median.",
    citations=(
        "Bueno de Mesquita 1994, 'Political forecasting: an expected utility method'",
        "Black 1948, 'On the rationale of group decision-making' (median voter)",
        "Singer, Bremer and Stuckey 1972 (capabilities)",
    ),
    reads=("actors", "attributes"),
    config=("issues",),
    quantities=(
        Quantity(
            f"{NAME}.position",
            "scale point (0-100)",
            "numeric",
            ("issue", "model", "on"),
            "The forecast outcome on the issue's 0-100 scale (model: bdm, mean or median).",
        ),
    ),
    stochastic=True,
    preparer=prepare,
    inputs_rule=uncertain_inputs,
    options=("issues", "rounds", "q"),
)
