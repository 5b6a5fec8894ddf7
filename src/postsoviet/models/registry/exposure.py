"""Registry entry of the exposure index: how exposed each state is to Russian pressure or force."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.data.model_weights import ComponentWeight
from postsoviet.models.exposure import (
    COMPONENTS,
    ExposureInputs,
    exposure_inputs,
    score_exposure,
)
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    judgment_weights,
)
from postsoviet.world import World

NAME = "exposure"
WEIGHTS = "exposure"


DATA = "data"


@dataclass(frozen=True)
class PreparedExposure:
    """The raw inputs read once (:func:`~postsoviet.models.exposure.exposure_inputs`); a draw
    reweights them (:func:`~postsoviet.models.exposure.score_exposure`).

    ``world_inputs`` holds every raw input as an uncertain input with its value in the world as
    nominal, ``data.<ISO3>.<component> -> value`` (NaN where missing): a draw may replace any.
    """

    known: ExposureInputs
    weights: tuple[ComponentWeight, ...]
    world_inputs: Mapping[str, float]

    def evaluate(self, inputs: Mapping[str, float], seed: Any) -> ModelResult:
        """The index and rank of every state; the ``data.`` inputs that differ from the world's
        values replace those raw inputs."""
        prefix = f"weight.{WEIGHTS}."
        weights = [
            dataclasses.replace(w, weight=inputs.get(prefix + w.component, w.weight))
            for w in self.weights
        ]
        data = {
            tuple(name.split(".")[1:]): inputs[name]
            for name, nominal in self.world_inputs.items()
            if name in inputs and not _same(inputs[name], nominal)
        }
        result = score_exposure(self.known.with_values(data), weights)
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


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def prepare(world: World, config: Config, on: pd.Timestamp) -> PreparedExposure:
    """Read every state's raw inputs on ``on``."""
    known = exposure_inputs(world, on)
    values = {
        f"{DATA}.{state}.{component}": float(value)
        for state, row in zip(known.states, known.raw, strict=True)
        for component, value in zip(COMPONENTS, row, strict=True)
    }
    return PreparedExposure(known, tuple(config.exposure), values)


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
    inputs_rule=judgment_weights(WEIGHTS),
)
