"""Registry entry of the exposure index: how exposed each state is to Russian pressure or force."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.data.model_weights import ComponentWeight
from postsoviet.models.exposure import ExposureInputs, exposure_inputs, score_exposure
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    judgment_weights,
)
from postsoviet.world import World

NAME = "exposure"
WEIGHTS = "exposure"


@dataclass(frozen=True)
class PreparedExposure:
    """The raw inputs read once (:func:`~postsoviet.models.exposure.exposure_inputs`); a draw
    reweights them (:func:`~postsoviet.models.exposure.score_exposure`)."""

    known: ExposureInputs
    weights: tuple[ComponentWeight, ...]

    def evaluate(
        self,
        inputs: Mapping[str, float],
        seed: Any,
        *,
        data: Mapping[tuple[str, str], float] | None = None,
    ) -> ModelResult:
        """The index and rank of every state; ``data`` replaces raw inputs ``(state, component)``."""
        prefix = f"weight.{WEIGHTS}."
        weights = [
            dataclasses.replace(w, weight=inputs.get(prefix + w.component, w.weight))
            for w in self.weights
        ]
        result = score_exposure(self.known.with_values(data or {}), weights)
        on = self.known.date
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


def prepare(world: World, config: Config, on: pd.Timestamp) -> PreparedExposure:
    """Read every state's raw inputs on ``on``."""
    return PreparedExposure(exposure_inputs(world, on), tuple(config.exposure))


SPEC = ModelSpec(
    name=NAME,
    summary="How exposed each state is to Russian pressure or force: a weighted sum of scores.",
    citations=("Analyst's index, weights by judgment (exposure_weights.csv)",),
    reads=(
        "actors",
        "attributes",
        "borders",
        "events",
        "memberships",
        "organizations",
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
    preparer=prepare,
    feeds=("data",),
    inputs_rule=judgment_weights(WEIGHTS),
)
