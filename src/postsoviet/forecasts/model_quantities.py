"""Adapters from the registered models to target quantities: the one place models are called.

Each adapter runs a model of the registry (:mod:`postsoviet.models.registry`) on the vintage
(``World.known_on(asked_on)``) with the configuration read once at the door, and returns a
:class:`ModelAnswer`: a probability, draws (from the model's own uncertainty), or a point (a
deterministic model).

A model whose judgment values were set after the cutoff would answer with hindsight
(:mod:`postsoviet.data.judgment`): :func:`hindsight_files` names them, and the forecast refuses the
target unless hindsight is allowed, and says so when it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.errors import PostsovietError
from postsoviet.forecasts.numeric import series_draws
from postsoviet.models import frontier as frontier_model
from postsoviet.models import registry
from postsoviet.models.event_hazard import membership_chain
from postsoviet.models.event_hazard.facts import facts_of
from postsoviet.models.event_hazard.hazard import years_between
from postsoviet.models.exposure import exposure_inputs, score_exposure, unweighted_weights
from postsoviet.models.landscape.propensity import paper_weights
from postsoviet.models.next_direction import UNWEIGHTED_SOURCE, unweighted_direction_weights
from postsoviet.world import World

TERRITORY = "territory_held_share"
# The attrition band is its 5%-95% range: a normal's half-width there is 1.645 sd.
BAND_Z = 1.645
ATTRITION_DRAWS = 200
# How a landscape answered without the judgment weights names its weights.
PAPER_RULE = "the paper's factors, unweighted (Axelrod & Bennett 1993, p. 222)"

# The configuration files of judgment values each model reads (judgment_vintages.csv's names).
JUDGMENT_FILES: dict[str, tuple[str, ...]] = {
    "ladder": (
        "data/models/integration_ladder_weights.csv",
        "data/models/integration_ladder_stages.csv",
    ),
    "attrition": ("data/models/attrition_weights.csv",),
    "landscape": ("data/models/landscape_weights.csv",),
    "exposure": ("data/models/exposure_weights.csv",),
    "directions": (
        "data/models/next_direction_weights.csv",
        "data/models/next_direction_directions.csv",
    ),
    "bargaining": (),
    "frontier": (),
}


@dataclass(frozen=True)
class ModelAnswer:
    """A model's answer: exactly one of ``p``, ``draws`` and ``point``.

    ``now``: the quantity's value on the cutoff, given by a model whose draws are hazards of
    change from it (the frontier's membership hazards): a question about it is then an asked
    change or state question like the hazards' own (:func:`forecast.question_type`).
    """

    model: str
    p: float | None = None
    draws: np.ndarray | None = None
    point: float | None = None
    now: float | None = None


def hindsight_files(judgment: pd.DataFrame, model: str, cutoff: pd.Timestamp) -> list[str]:
    """The judgment files (and components) of ``model`` set after ``cutoff``.

    ``judgment`` is :func:`postsoviet.data.judgment.read_judgment_vintages`' table; a ``fitted``
    value is refitted on the vintage by its model and never counts.
    """
    files = JUDGMENT_FILES.get(model, ())
    late = judgment[
        judgment["file"].isin(files)
        & (judgment["kind"] == "judgment")
        & (judgment["set_on"] > cutoff)
    ]
    return sorted({str(f) for f in late["file"]})


def _value(model: str, world: World, config: Config, on: pd.Timestamp, quantity: str, **keys):
    result = registry.get(model).run(world, config, on=on)
    try:
        return result.value(quantity, on=on, **keys)
    except PostsovietError as error:
        raise ValueError(str(error)) from None


# Everyday names of the ladder's rungs (data/models/integration_ladder_stages.csv), as people
# write them; British and American spellings of defence both read.
RUNG_ALIASES = {
    "single_currency": "common_currency",
    "currency_union": "common_currency",
    "monetary_union": "common_currency",
    "common_energy_market": "single_energy_market",
    "energy_market": "single_energy_market",
    "common_defense_command": "common_defence_command",
    "joint_command": "common_defence_command",
    "joint_army": "common_defence_command",
    "common_army": "common_defence_command",
    "single_state": "one_state",
    "merger": "one_state",
    "unification": "one_state",
}


def _rung(config: Config, rung: Any) -> int:
    """A rung's index from its index or its name (in any case, words joined by spaces, ``-`` or
    ``_``, or an everyday name of :data:`RUNG_ALIASES`)."""
    if isinstance(rung, str):
        names = {s.name: s.index for s in config.stages}
        written = rung.strip().lower().replace(" ", "_").replace("-", "_")
        rung = RUNG_ALIASES.get(written, written)
        if rung not in names:
            raise ValueError(f"args.rung: unknown rung {rung!r}, expected one of {sorted(names)}")
        return names[rung]
    return int(rung)


def ladder_rung(world: World, config: Config, a: Mapping[str, Any], n: int, rng) -> ModelAnswer:
    """P(Belarus's ladder on the rung or higher on ``on``), the intercept refitted on the vintage."""
    rung = _rung(config, a["rung"])
    p = _value("ladder", world, config, a["on"], "ladder.rung_at_least", rung=rung)
    return ModelAnswer("ladder", p=float(p))


def ladder_record(world: World, config: Config, a: Mapping[str, Any], n: int, rng) -> ModelAnswer:
    """P(the ladder on the rung or higher on ``on``) from the record of rungs reached by the cutoff
    alone: none of the model's weights or drivers. The rungs' definitions are the question's own
    words; of their dates, only those reached by the cutoff are read.

    Climbs follow a Poisson process whose yearly rate has the Gamma posterior of the ``k`` rungs
    climbed in the ``T`` years since the first rung (Jeffreys' half event added): ``Gamma(k + 1/2,
    T)``. The number of climbs in ``t`` years is then negative binomial, and the rung is reached
    when the climbs cover the rungs still missing: ``P = P(N >= r - now)``, 1 when already there
    (the ladder does not go down). Source: Gelman et al. (2013), *Bayesian Data Analysis*, 3rd ed.,
    section 2.6.
    """
    from scipy.stats import nbinom

    rung = _rung(config, a["rung"])
    cutoff = world.cutoff or a["on"]
    reached = sorted(
        s.reached for s in config.stages if s.reached is not None and s.reached <= cutoff
    )
    if not reached:
        raise ValueError("no rung of the ladder was reached by the cutoff")
    now = len(reached) - 1
    if now >= rung:
        return ModelAnswer("ladder_record", p=1.0)
    shape = now + 0.5
    years = max(years_between(reached[0], cutoff), 1.0)
    horizon = years_between(cutoff, a["on"])
    if horizon <= 0:
        return ModelAnswer("ladder_record", p=0.0)
    p = float(nbinom.sf(rung - now - 1, shape, years / (years + horizon)))
    return ModelAnswer("ladder_record", p=p)


def territory_spread(
    world: World, a: Mapping[str, Any], n: int, rng: np.random.Generator, why: str
) -> ModelAnswer:
    """Draws of the share of Ukraine held by Russia on ``on`` from the territory series' own
    spread (:func:`~postsoviet.forecasts.numeric.series_draws`): no model, no judgment value."""
    facts = facts_of(world)
    args = {"series": TERRITORY, "subject": "UKR", "counterpart": "RUS", "period": a["on"]}
    # the share held on the day, not the last value recorded by then; spread robust to the
    # invasion's first week
    draws = series_draws(facts, args, world.cutoff or a["on"], n, rng, recorded=False, robust=True)
    if draws is None:
        raise ValueError(f"no value of {TERRITORY} known on the cutoff")
    return ModelAnswer(f"history_spread ({why})", draws=np.clip(draws, 0.0, 1.0))


def attrition_share(
    world: World, config: Config, a: Mapping[str, Any], n: int, rng: np.random.Generator
) -> ModelAnswer:
    """Draws of the share of Ukraine held by Russia on ``on``, from the attrition model's band."""
    spec = registry.get("attrition")
    try:
        result = spec.run(world, config, on=a["on"], seed=rng, draws=min(n, ATTRITION_DRAWS))
    except PostsovietError as error:
        # Without enough observations known on the cutoff: the territory series' own spread.
        return territory_spread(world, a, n, rng, str(error))
    on = a["on"]
    centre = float(result.value("attrition.share_held", on=on))
    low = float(result.value("attrition.share_low", on=on))
    high = float(result.value("attrition.share_high", on=on))
    z = rng.standard_normal(n)
    draws = centre + np.where(z < 0, (centre - low), (high - centre)) / BAND_Z * z
    return ModelAnswer("attrition", draws=np.clip(draws, 0.0, 1.0))


def landscape_side(world: World, config: Config, a: Mapping[str, Any], n: int, rng):
    """The landscape's predicted side of the actor (a point: 1 on the side, 0 otherwise)."""
    side = _value("landscape", world, config, a["on"], "landscape.side", actor=a["actor"])
    return ModelAnswer("landscape", point=float(side == a["side"]))


def landscape_paper_side(world: World, config: Config, a: Mapping[str, Any], n: int, rng):
    """The landscape's predicted side of the actor under the paper's own rule: its factors that
    the components stand for, summed unweighted (:func:`~postsoviet.models.landscape.propensity.
    paper_weights`; Axelrod & Bennett 1993, p. 222), no judgment weight read."""
    paper = config.with_weights("landscape", paper_weights(), PAPER_RULE)
    return replace(landscape_side(world, paper, a, n, rng), model="landscape_paper_rule")


def bargaining_position(world: World, config: Config, a: Mapping[str, Any], n: int, rng):
    """A bargaining model's forecast position on the issue (snapshots known on the cutoff)."""
    result = registry.get("bargaining").run(world, config, on=a["on"], issues=[a["issue"]])
    try:
        value = result.value("bargaining.position", issue=a["issue"], model=a["model"], on=a["on"])
    except PostsovietError as error:
        raise ValueError(f"args.model: {error}") from None
    return ModelAnswer(f"bargaining.{a['model']}", point=float(value))


def exposure_rank(world: World, config: Config, a: Mapping[str, Any], n: int, rng):
    """The actor's rank by exposure (1 = most exposed)."""
    rank = _value("exposure", world, config, a["on"], "exposure.rank", actor=a["actor"])
    return ModelAnswer("exposure", point=float(rank))


def directions_rank(world: World, config: Config, a: Mapping[str, Any], n: int, rng):
    """The direction's rank among Russia's next directions (1 = first)."""
    rank = _value("directions", world, config, a["on"], "directions.rank", direction=a["direction"])
    return ModelAnswer("directions", point=float(rank))


def exposure_unweighted_rank(world: World, config: Config, a: Mapping[str, Any], n: int, rng):
    """The actor's rank by the exposure index without the judgment weights and scales: equal
    weights, each input over its largest value among the states on the day
    (:func:`~postsoviet.models.exposure.unweighted_weights`)."""
    known = exposure_inputs(world, a["on"])
    ranking = score_exposure(known, unweighted_weights(known)).ranking.set_index("iso3")
    if a["actor"] not in ranking.index:
        raise ValueError(
            f"args.actor: {a['actor']!r} is not ranked, expected one of {sorted(ranking.index)}"
        )
    return ModelAnswer("exposure_unweighted", point=float(ranking.at[a["actor"], "rank"]))


def directions_unweighted_rank(world: World, config: Config, a: Mapping[str, Any], n: int, rng):
    """The direction's rank with the essay's criteria unweighted
    (:func:`~postsoviet.models.next_direction.unweighted_direction_weights`). The directions
    themselves (their targets and regions) are the question's own words, as a ladder's rungs are."""
    unweighted = config.with_weights(
        "next_direction", unweighted_direction_weights(), UNWEIGHTED_SOURCE
    )
    return replace(directions_rank(world, unweighted, a, n, rng), model="directions_unweighted")


def frontier_length(
    world: World, config: Config, a: Mapping[str, Any], n: int, rng: np.random.Generator
) -> ModelAnswer:
    """Draws of Russia's land border with NATO members on ``on`` (km).

    The frontier model gives the border on the cutoff; in each draw every land neighbour outside
    NATO then joins by ``on`` with its membership hazard (:func:`membership_chain.p_reach`, through
    the statuses between), independently, and adds its border with Russia:
    ``L = L_cutoff + sum_n km_n 1[n joins]``.
    """
    on = a["on"]
    now = world.cutoff if world.cutoff is not None else on
    length = float(_value("frontier", world, config, on, "frontier.length"))
    if on <= now:
        return ModelAnswer("frontier", point=length)
    borders = world.borders
    nato = frontier_model.nato_members(world, now) | {frontier_model.BLOC}
    outside = (
        borders[(borders["a_state"] == frontier_model.BLOC) & ~borders["b_state"].isin(nato)]
        .groupby("b_state")["km"]
        .sum()
    )
    facts = facts_of(world)
    years = (on - now).days / 365.25
    p = np.array(
        [membership_chain.p_reach(facts, state, "NATO", "member", years) for state in outside.index]
    )
    joins = rng.random((n, len(p))) < p
    draws = length + joins @ outside.to_numpy(dtype="float64")
    return ModelAnswer("frontier + membership hazards", draws=draws, now=length)


# Quantities that, refused a model for hindsight, can still be answered without judgment values.
WITHOUT_JUDGMENT: dict[str, Callable[..., ModelAnswer]] = {
    "ladder.rung_at_least": ladder_record,
    "landscape.side": landscape_paper_side,
    "exposure.rank": exposure_unweighted_rank,
    "directions.rank": directions_unweighted_rank,
    "attrition.share_held": lambda world, config, a, n, rng: territory_spread(
        world, a, n, rng, "the attrition model's judgment values were set after the cutoff"
    ),
}

MODEL_QUANTITIES: dict[str, Callable[..., ModelAnswer]] = {
    "ladder.rung_at_least": ladder_rung,
    "attrition.share_held": attrition_share,
    "landscape.side": landscape_side,
    "bargaining.position": bargaining_position,
    "exposure.rank": exposure_rank,
    "directions.rank": directions_rank,
    "frontier.length": frontier_length,
}
