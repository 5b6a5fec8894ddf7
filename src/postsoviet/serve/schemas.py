"""The request bodies of the HTTP API, validated by pydantic at the door.

A body that does not fit gets a 422 whose ``detail`` names the field (``loc``). Scenario and targets
documents are posted as JSON objects and parsed from the body; nothing in a request is ever opened
as a path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

LeverValue = float | str
Seed = Field(0, ge=0, le=2**32 - 1, description="Seed of the stochastic models or the design.")


class Strict(BaseModel):
    """A body that refuses unknown fields (a misspelt one is named, not ignored)."""

    model_config = ConfigDict(extra="forbid")


class ViewRequest(Strict):
    """A dashboard view: a built-in scenario, lever settings, assumptions, a day and a seed."""

    scenario: str = Field("baseline", max_length=64, description="A built-in scenario name.")
    date: dt.date = Field(dt.date(2030, 12, 31), description="The day the models answer for.")
    seed: int = Seed
    levers: dict[str, LeverValue] = Field(
        default_factory=dict, max_length=64, description="Lever name to value (GET /levers)."
    )
    assumptions: dict[str, float] = Field(
        default_factory=dict,
        max_length=128,
        description="Uncertain input name to value (GET /assumptions).",
    )


class ScenarioDocument(Strict):
    """A scenario as a JSON object, with the fields of a scenario file (docs/runs.md)."""

    scenario: dict[str, Any] = Field(description="name, description, start, horizon, shocks, ...")


class JobRequest(ViewRequest):
    """A sampled run of a view's scenario: the design's method and base size."""

    samples: int = Field(16, ge=1, le=4096, description="Base size N of the design.")
    method: Literal["mc", "lhs", "sobol", "morris", "fast"] = "mc"


class TargetsDocument(Strict):
    """A targets file as a JSON object (``{"targets": [...]}``) and the forecast's options."""

    targets: list[dict[str, Any]] = Field(
        max_length=500, description="The targets (docs/forecasting.md)."
    )
    draws: int = Field(1000, ge=10, le=20000)
    seed: int = Seed
    allow_hindsight: bool = False
