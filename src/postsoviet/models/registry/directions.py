"""Registry entry of the next direction: where Russia pushes next, gain net of holdings minus cost."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.models.next_direction import (
    ALIGNED,
    check_direction_weights,
    direction_inputs,
    russian_bloc_members,
    score_directions,
)
from postsoviet.models.registry.result import ModelResult, records
from postsoviet.models.registry.spec import (
    ModelSpec,
    Quantity,
    judgment_weights,
    weights_from,
)
from postsoviet.world import World

NAME = "directions"
WEIGHTS = "next_direction"


@dataclass(frozen=True)
class PreparedDirections:
    """Each direction's raw inputs read once (:func:`~postsoviet.models.next_direction.direction_inputs`);
    a draw reweights them (:func:`~postsoviet.models.next_direction.score_directions`)."""

    day: pd.Timestamp
    inputs: pd.DataFrame
    targets: Mapping[str, tuple[str, ...]]
    blocs: frozenset[str]
    cost_factors: Mapping[str, float]

    def evaluate(
        self,
        inputs: Mapping[str, float],
        seed: Any,
        *,
        cost_factors: Mapping[str, float] | None = None,
        sides: Mapping[str, str] | None = None,
    ) -> ModelResult:
        """The net value and rank of each direction.

        ``cost_factors`` replace the prepared ones; ``russian_side`` (a landscape draw's actors on
        ``sides`` (a landscape draw's side of each actor: ``Russia``, ``West`` or ``other``)
        replaces membership of Russia's blocs as what the alignment discount counts, for the targets
        it names: a target is aligned when it is on Russia's side.
        """
        weights = weights_from(inputs, WEIGHTS)
        table = self.inputs
        if sides is not None:
            table = table.assign(in_russian_blocs=self._aligned(sides))
        factors = self.cost_factors if cost_factors is None else cost_factors
        ranking = score_directions(table, weights, on=self.day, cost_factors=factors)
        return ModelResult(NAME, tuple(_records(ranking.table, self.day)), detail=ranking)

    def _aligned(self, sides: Mapping[str, str]) -> list[float]:
        shares = []
        for direction in self.inputs.index:
            targets = self.targets[direction]
            aligned = [sides[t] == "Russia" if t in sides else t in self.blocs for t in targets]
            shares.append(sum(aligned) / len(targets))
        return shares


def _records(table: pd.DataFrame, on: pd.Timestamp) -> list:
    return [
        *records(
            f"{NAME}.net",
            ("direction", "on"),
            "score",
            [({"direction": d, "on": on}, table.at[d, "net"]) for d in table.index],
        ),
        *records(
            f"{NAME}.rank",
            ("direction", "on"),
            "rank",
            [({"direction": d, "on": on}, table.at[d, "rank"]) for d in table.index],
        ),
    ]


def prepare(
    world: World,
    config: Config,
    on: pd.Timestamp,
    *,
    cost_factors: Mapping[str, float] | None = None,
) -> PreparedDirections:
    """Read each direction's raw inputs on ``on``.

    ``cost_factors`` maps a direction to its cost multiplier (a scenario's stalled direction).
    """
    directions = config.directions
    check_direction_weights(config.weights(WEIGHTS))
    return PreparedDirections(
        day=on,
        inputs=direction_inputs(world, directions, on),
        targets={d.name: tuple(d.targets) for d in directions},
        blocs=frozenset(russian_bloc_members(world, on)),
        cost_factors=dict(cost_factors or {}),
    )


SPEC = ModelSpec(
    name=NAME,
    summary="Where Russia pushes next: each direction's gain, net of what it holds, minus its cost.",
    citations=(
        "The essay's criteria; weights by judgment (next_direction_weights.csv)",
        "US EIA, 'Barrel of oil equivalent', Glossary (gas conversion)",
    ),
    reads=(
        "actors",
        "attributes",
        "borders",
        "memberships",
        "organizations",
        "region_attributes",
        "region_control",
        "region_members",
        "regions",
        "resolutions",
        "votes",
    ),
    config=("weights.next_direction", "directions"),
    quantities=(
        Quantity(
            f"{NAME}.net",
            "score",
            "numeric",
            ("direction", "on"),
            "Gain after the alignment discount minus cost times the cost factor.",
        ),
        Quantity(
            f"{NAME}.rank",
            "rank",
            "ranking",
            ("direction", "on"),
            "1 for the direction of highest net value.",
        ),
    ),
    stochastic=False,
    preparer=prepare,
    inputs_rule=judgment_weights(WEIGHTS, bounds={ALIGNED: (0.0, 1.0)}),
    options=("cost_factors",),
    feeds=("cost_factors", "sides"),
)
