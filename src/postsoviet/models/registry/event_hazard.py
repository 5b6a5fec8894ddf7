"""Registry entry of the event-hazard model: how likely an event of each kind is within a horizon.

The model (:mod:`postsoviet.models.event_hazard`) reads the vintage ``World.known_on(on)``:
nothing known after the day it answers for. Its result holds, for every kind of the event
vocabulary and each of the essay's actors (and ``any`` actor), the probability of at least one
event of that kind involving that actor within ``years`` after ``on`` (``docs/models/event_hazard.md``).
The same model answers the membership, leader, sanctions and control questions of ``forecast``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.data.schema import EVENT_KINDS
from postsoviet.models.event_hazard.facts import facts_of
from postsoviet.models.event_hazard.world_models import p_world
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import ModelSpec, Quantity
from postsoviet.world import World

NAME = "event_hazard"
# The essay's actors: Russia, its nucleus partner and the three directions' states.
ACTORS = ("any", "RUS", "BLR", "UKR", "KAZ", "POL", "LTU")
YEARS = 1.0


@dataclass(frozen=True)
class PreparedHazard:
    """Every kind's probability for every listed actor, computed once (the model has no inputs)."""

    result: ModelResult

    def evaluate(self, inputs: Mapping[str, float], seed: Any) -> ModelResult:
        """The prepared result (deterministic, no uncertain inputs)."""
        return self.result


def kinds_of(world: World) -> tuple[str, ...]:
    """The documented vocabulary and every other kind the world's events use, sorted."""
    events = world.events
    found = set(events["kind"]) if len(events) else set()
    return tuple(sorted(set(EVENT_KINDS) | found))


def prepare(world: World, config: Config, on: pd.Timestamp, years: float = YEARS) -> PreparedHazard:
    """P(at least one event of kind K involving actor A in ``(on, on + years]``), from the history
    known on ``on``: :func:`~postsoviet.models.event_hazard.world_models.p_world`."""
    facts = facts_of(world.known_on(on))
    present = set(world.actors["iso3"])
    actors = [a for a in ACTORS if a == "any" or a in present]
    found = [
        (
            {"kind": kind, "actor": actor, "on": on},
            p_world(
                facts,
                "event.occurs",
                {"kind": kind, "actors": [] if actor == "any" else [actor], "tags": []},
                years,
            ),
        )
        for kind in kinds_of(world)
        for actor in actors
    ]
    rows = records(f"{NAME}.occurs", ("kind", "actor", "on"), "probability", found)
    return PreparedHazard(ModelResult(NAME, tuple(rows)))


SPEC = ModelSpec(
    name=NAME,
    summary="How likely an event of each kind is within a year, from the history known on the day.",
    citations=(
        "Discrete-time hazard with Gamma-Poisson shrinkage: Gelman et al. (2013), Bayesian Data "
        "Analysis, 3rd ed., section 2.6 and chapter 5",
        "Event history: UCDP/PRIO, Correlates of War MID, Archigos, hand-sourced rows "
        "(docs/events.md)",
    ),
    # facts_of indexes every dated table the forecasts' questions can ask about
    reads=(
        "actors",
        "attributes",
        "borders",
        "events",
        "leaders",
        "memberships",
        "organizations",
        "outside_memberships",
        "projections",
        "region_control",
        "regions",
        "sanctions",
        "series",
        "settlement_control",
        "settlements",
    ),
    config=(),
    quantities=(
        Quantity(
            f"{NAME}.occurs",
            "probability",
            "probability",
            ("kind", "actor", "on"),
            "P(at least one event of the kind involving the actor within `years` after `on`): "
            "1 - (b / (b + t)) ** a with the shrunk Gamma posterior of the rate.",
        ),
    ),
    stochastic=False,
    preparer=prepare,
    options=("years",),
)
