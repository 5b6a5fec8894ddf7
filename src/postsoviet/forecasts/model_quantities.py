"""Adapters from the project's models to target quantities: the one place models are called.

Each adapter takes the vintage (``World.known_on(asked_on)``), the target's arguments, a number of
draws and a generator, and returns a :class:`ModelAnswer`: a probability, draws (from the model's
own uncertainty), or a point (a deterministic model). When the model registry lands, only this
module changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from postsoviet.data.directions import read_directions
from postsoviet.data.integration_ladder import read_ladder_stages
from postsoviet.data.issues import load_issue
from postsoviet.data.model_weights import exposure_weights, read_model_weights
from postsoviet.errors import PostsovietError
from postsoviet.forecasts.facts import facts_of
from postsoviet.forecasts.numeric import series_draws
from postsoviet.world import World

TERRITORY = "territory_held_share"

# The attrition band is its 5%-95% range: a normal's half-width there is 1.645 sd.
BAND_Z = 1.645


@dataclass(frozen=True)
class ModelAnswer:
    """A model's answer: exactly one of ``p``, ``draws`` and ``point``."""

    model: str
    p: float | None = None
    draws: np.ndarray | None = None
    point: float | None = None


def _weights(model: str) -> dict[str, float]:
    return read_model_weights(model).set_index("component")["weight"].to_dict()


def ladder_rung(
    world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator
) -> ModelAnswer:
    """P(Belarus's ladder on the rung or higher on 31 December of ``on``'s year)."""
    from postsoviet.models.integration_ladder import ladder_forecast

    stages = read_ladder_stages()
    rung = a["rung"]
    if isinstance(rung, str):
        names = {s.name: s.index for s in stages}
        if rung not in names:
            raise ValueError(f"args.rung: unknown rung {rung!r}, expected one of {sorted(names)}")
        rung = names[rung]
    start = int(world.cutoff.year) if world.cutoff is not None else a["on"].year
    result = ladder_forecast(
        world, stages, _weights("integration_ladder"), start=start, horizon=a["on"].year
    )
    return ModelAnswer("integration_ladder", p=float(result.at_least(rung)[a["on"].year]))


def attrition_share(
    world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator
) -> ModelAnswer:
    """Draws of the share of Ukraine held by Russia on ``on``, from the attrition model's band."""
    from postsoviet.models.attrition import parameters_from, project_attrition

    try:
        result = project_attrition(
            world,
            parameters_from(_weights("attrition")),
            horizon=a["on"].year,
            seed=rng,
            draws=min(n, 200),
        )
    except PostsovietError as error:
        # The model refuses some cutoffs: fall back on the spread of the territory series itself.
        facts = facts_of(world)
        args = {"series": TERRITORY, "subject": "UKR", "counterpart": "RUS", "period": a["on"]}
        draws = series_draws(facts, args, world.cutoff or a["on"], n, rng)
        if draws is None:
            raise
        return ModelAnswer(f"history_spread ({error})", draws=np.clip(draws, 0.0, 1.0))
    path = result.path.set_index("date")
    row = path[path.index <= a["on"]].iloc[-1] if (path.index <= a["on"]).any() else path.iloc[0]
    centre, low, high = float(row["share_held"]), float(row["share_low"]), float(row["share_high"])
    z = rng.standard_normal(n)
    draws = centre + np.where(z < 0, (centre - low), (high - centre)) / BAND_Z * z
    return ModelAnswer("attrition", draws=np.clip(draws, 0.0, 1.0))


def landscape_side(
    world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator
) -> ModelAnswer:
    """The landscape's predicted side of the actor (a point: 1 on the side, 0 otherwise)."""
    from postsoviet.models.landscape.postsoviet import world_landscape

    sides = world_landscape(world, a["on"], _weights("landscape")).sides()
    if a["actor"] not in sides.index:
        raise ValueError(f"args.actor: {a['actor']} is not in the landscape")
    return ModelAnswer("landscape", point=float(sides[a["actor"]] == a["side"]))


def bargaining_position(
    world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator
) -> ModelAnswer:
    """A bargaining model's forecast position on the issue."""
    from postsoviet.models.bargaining.issues import forecast_issue

    results, _ = forecast_issue(load_issue(a["issue"]), world)
    if a["model"] not in results:
        raise ValueError(f"args.model: expected one of {sorted(results)}")
    return ModelAnswer(f"bargaining.{a['model']}", point=float(results[a["model"]].forecast))


def exposure_rank(world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator):
    """The actor's rank by exposure (1 = most exposed)."""
    from postsoviet.models.exposure import exposure

    ranking = exposure(world, a["on"], weights=exposure_weights()).ranking.set_index("iso3")
    if a["actor"] not in ranking.index:
        raise ValueError(f"args.actor: {a['actor']} is not ranked")
    return ModelAnswer("exposure", point=float(ranking.loc[a["actor"], "rank"]))


def directions_rank(world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator):
    """The direction's rank among Russia's next directions (1 = first)."""
    from postsoviet.models.next_direction import rank_directions

    table = rank_directions(world, read_directions(), _weights("next_direction"), on=a["on"]).table
    order = list(table.index)
    if a["direction"] not in order:
        raise ValueError(f"args.direction: expected one of {order}")
    return ModelAnswer("next_direction", point=float(order.index(a["direction"]) + 1))


def frontier_length(world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator):
    """Russia's land border with NATO members on the day (km)."""
    from postsoviet.models.frontier import frontier

    return ModelAnswer("frontier", point=float(frontier(world, a["on"]).nato_land_border_km))


MODEL_QUANTITIES: dict[str, Callable[..., ModelAnswer]] = {
    "ladder.rung_at_least": ladder_rung,
    "attrition.share_held": attrition_share,
    "landscape.side": landscape_side,
    "bargaining.position": bargaining_position,
    "exposure.rank": exposure_rank,
    "directions.rank": directions_rank,
    "frontier.length": frontier_length,
}
