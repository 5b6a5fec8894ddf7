"""Registry entry of the exposure index: how exposed each state is to Russian pressure or force."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.models.exposure import exposure
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import ModelSpec, Quantity, judgment_weights, weights_with
from postsoviet.world import World

NAME = "exposure"
WEIGHTS = "exposure"


def run(
    world: World, config: Config, on: pd.Timestamp, *, seed: Any, inputs: dict[str, float]
) -> ModelResult:
    """The index and rank of every state :func:`~postsoviet.models.exposure.exposure` ranks."""
    values = weights_with(config, WEIGHTS, inputs)
    weights = [dataclasses.replace(w, weight=values[w.component]) for w in config.exposure]
    result = exposure(world, on, weights=weights)
    rows = list(result.ranking[["iso3", "index", "rank"]].itertuples(index=False))
    found = [
        *records(
            f"{NAME}.index",
            ("actor", "on"),
            "index points",
            [({"actor": r.iso3, "on": on}, r.index) for r in rows],
        ),
        *records(
            f"{NAME}.rank",
            ("actor", "on"),
            "rank",
            [({"actor": r.iso3, "on": on}, r.rank) for r in rows],
        ),
    ]
    return ModelResult(NAME, tuple(found), detail=result)


SPEC = ModelSpec(
    name=NAME,
    summary="How exposed each state is to Russian pressure or force: a weighted sum of scores.",
    citations=("Analyst's index, weights by judgment (exposure_weights.csv)",),
    reads=(
        "actors",
        "attributes",
        "borders",
        "memberships",
        "leaders",
        "region_attributes",
        "region_control",
        "region_members",
        "regions",
    ),
    config=("weights.exposure", "exposure"),
    quantities=(
        Quantity(
            f"{NAME}.index",
            "index points",
            "numeric",
            ("actor", "on"),
            "The exposure index: sum of w_c * min(max(x_c / k_c, 0), 1).",
        ),
        Quantity(
            f"{NAME}.rank",
            "rank",
            "ranking",
            ("actor", "on"),
            "1 for the most exposed state; ties share the lower rank.",
        ),
    ),
    stochastic=False,
    runner=run,
    inputs_rule=judgment_weights(WEIGHTS),
)
