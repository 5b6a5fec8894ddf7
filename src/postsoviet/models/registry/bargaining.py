"""Registry entry of bargaining: each issue's outcome by expected utility (BDM), mean and median."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.errors import ModelInputError
from postsoviet.models.bargaining.issues import MODELS, forecast_issue
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import ModelSpec, Quantity, rerun
from postsoviet.world import World

NAME = "bargaining"


def run(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    seed: Any,
    inputs: dict[str, float],
    issues: Sequence[str] | None = None,
    rounds: int = 8,
    q: float = 1.0,
) -> ModelResult:
    """Each issue's forecast by each model, from the latest snapshot of positions on or before ``on``
    (on a data vintage: on or before its cutoff, never a later one).

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
    rows = []
    detail = {}
    for issue_id in chosen:
        issue = known[issue_id]
        # On a data vintage only the snapshots known on its cutoff may be read.
        latest = on if world.cutoff is None else min(on, world.cutoff)
        if latest.date() < issue.snapshots[0]:
            raise ModelInputError(
                f"argument 'on': issue '{issue_id}' has no positions on or before "
                f"{latest:%Y-%m-%d}; its first snapshot is {issue.snapshots[0]}"
            )
        results, _ = forecast_issue(issue, world, as_of=latest.date(), rounds=rounds, q=q)
        detail[issue_id] = results
        rows += [
            ({"issue": issue_id, "model": model, "on": on}, results[model].forecast)
            for model in MODELS
        ]
    found = records(f"{NAME}.position", ("issue", "model", "on"), "scale point (0-100)", rows)
    return ModelResult(NAME, tuple(found), detail=detail)


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
    stochastic=False,
    preparer=rerun(run),
    options=("issues", "rounds", "q"),
)
