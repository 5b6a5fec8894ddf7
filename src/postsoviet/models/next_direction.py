"""Where Russia pushes next: each direction's expected gain, net of what it already holds, minus its cost.

The essay ends: "If one direction fails to meet expectations, it is bound to continue in another
direction." This model makes that claim checkable. For each direction ``d`` (a set of target states,
:mod:`postsoviet.data.directions`) on a given date:

.. math::

    \\text{net}_d = \\sum_{g} w_g \\, \\hat{G}_{g,d}
                  - m_d \\sum_{c} w_c \\, \\hat{C}_{c,d}
                  + w_L \\, L_d

- gains ``G``: ethnic Russians in the targets (census share times population) who do not already
  live in territory Russia or a force it backs controls (``region_control``; a region's population
  times its Russian share times the share of its area held); the targets' proven
  oil and gas reserves in barrels of oil equivalent, doubled for a target inside a resource belt
  (the essay's Black Sea coast and Caspian energy belt); the land border a non-NATO target shares with
  NATO members (taking it brings Russia to NATO's border, the essay's eastern-flank logic);
- costs ``C``: the targets' military expenditure over Russia's; 1 if a target is a NATO member
  (collective defence); for targets outside NATO, the share of their recorded votes on the UN
  General Assembly's Ukraine resolutions that sided with Ukraine (a proxy for the Western aid they
  could draw on);
- alignment ``A``: the share of targets already in the CSTO, the EAEU or the Union State with Russia;
  Russia's energy, credit and security instruments already secure part of such a prize, so a push
  there adds only the fraction ``1 - w_A A`` of its gain (the marginal gain);
- ``m_d``: the direction's cost multiplier, 1 by default; a stalled direction (the essay's "fails
  to meet expectations") is expressed as ``m_d > 1``.

Each gain and the military cost are scaled by their largest value over the directions (hats), so
every term lies in [0, 1] before weighting. Weights are data (``next_direction_weights.csv``), each
with its reasoning. Gas is converted at 1 barrel of oil equivalent = 5,800 cubic feet = 164.2 m3
(US EIA, "Barrel of oil equivalent", Glossary). A missing input counts as 0 and is listed in the
``missing`` column, never silently.

This is a stylised ranking of incentives, not a forecast of decisions; it cannot see intentions,
domestic politics or timing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from postsoviet.data.directions import Direction
from postsoviet.errors import ModelInputError
from postsoviet.world import World

M3_PER_BOE = 164.2
UKRAINE_RESOLUTIONS = ("68/262", "ES-11/1", "ES-11/3", "ES-11/4", "ES-11/6")
GAINS = ("gain_russians", "gain_resources", "gain_buffer")
COSTS = ("cost_military", "cost_alliance", "cost_western_aid")
ALIGNED = "aligned_discount"
COMPONENTS = (*GAINS, *COSTS, ALIGNED)
# The input each weighted term reads, and the terms scaled by their largest value over directions.
RAW_INPUTS = {
    "gain_russians": "russians",
    "gain_resources": "reserves_boe",
    "gain_buffer": "buffer_km",
    "cost_military": "milex_ratio",
    "cost_alliance": "in_nato",
    "cost_western_aid": "western_votes",
}
SCALED = ("gain_russians", "gain_resources", "gain_buffer", "cost_military")
RUSSIAN_BLOCS = ("CSTO", "EAEU", "UNION_STATE")
UNWEIGHTED_SOURCE = (
    "the essay's criteria unweighted: each gain and cost at 1, the alignment discount at 1/2, the "
    "mean of its range (OECD & JRC 2008, Handbook on Constructing Composite Indicators, 6.1)"
)
# A fraction in [0, 1] with nothing to ground it takes the mean of a uniform prior on its range.
UNINFORMED_FRACTION = 0.5


@dataclass(frozen=True)
class DirectionRanking:
    """The ranked directions on ``date``.

    ``table`` is indexed by direction, best first, with the raw inputs (``russians`` persons,
    ``reserves_boe``, ``buffer_km``, ``milex_ratio`` ...), each weighted component's contribution,
    ``gain`` (after the alignment discount), ``cost``, ``net``, ``margin`` (for the first: its lead over the second; for
    the others: how far behind the first they are, negative) and ``missing``.
    """

    date: pd.Timestamp
    table: pd.DataFrame

    @property
    def top(self) -> str:
        """The direction with the highest net value."""
        return str(self.table.index[0])


def _latest(world: World, variable: str, year: int) -> pd.Series:
    return world.attribute(variable, year=year)


def held_russians(world: World, on: pd.Timestamp) -> pd.Series:
    """Ethnic Russians living in regions Russia (or a force it backs) controls on ``on``, by state.

    Per region: latest population times latest ethnic-Russian share (values of ``on``'s year or
    earlier) times the share of its area held (1 when not recorded). Indexed by the de jure state.
    A region's latest period of the day holds its share: an earlier one still running (the Luhansk
    republic's third of 2014 under the 99% of July 2022) is not added to it.
    """
    control = world.holding("region_control", on)
    control = control[(control["controller"] == "RUS") | (control["backer"] == "RUS")]
    control = control.sort_values("since", kind="stable").drop_duplicates("region", keep="last")
    attributes = world.region_attributes
    attributes = attributes[attributes["year"] <= on.year].sort_values("year")
    latest = attributes.groupby(["region", "variable"])["value"].last()
    de_jure = world.regions.set_index("id")["de_jure"]
    held: dict[str, float] = {}
    for region, share in control[["region", "area_share"]].itertuples(index=False):
        population = latest.get((region, "population"))
        russians = latest.get((region, "ethnic_russian_share"))
        if population is None or russians is None or not isinstance(de_jure.get(region), str):
            continue
        area = 1.0 if pd.isna(share) else float(share)
        state = de_jure[region]
        held[state] = held.get(state, 0.0) + area * float(population) * float(russians)
    return pd.Series(held, dtype="float64")


def russian_bloc_members(world: World, on: pd.Timestamp) -> set[str]:
    """The members of Russia's blocs (:data:`RUSSIAN_BLOCS`) on ``on``."""
    return set().union(*(world.members(org, on=on, founded_only=True) for org in RUSSIAN_BLOCS))


def direction_inputs(
    world: World, directions: Sequence[Direction], on: pd.Timestamp
) -> pd.DataFrame:
    """The raw, unscaled inputs of each direction on day ``on`` (see the module docstring).

    ``russians`` counts only ethnic Russians outside territory Russia already holds
    (:func:`held_russians`).
    """
    year = on.year
    population = _latest(world, "population", year)
    russian_share = _latest(world, "ethnic_russian_share", year)
    oil = _latest(world, "oil_reserves_bbl", year)
    gas = _latest(world, "gas_reserves_m3", year)
    milex = _latest(world, "milex_usd", year)
    nato = world.members("NATO", on=on)
    blocs = russian_bloc_members(world, on)
    members = world.region_members
    belts = set(world.regions.query("kind == 'resource_belt'")["id"])
    in_belt = set(members[members["region"].isin(belts)]["member"])
    borders = world.borders
    votes = world.votes
    votes = votes[votes["resolution"].isin(UKRAINE_RESOLUTIONS) & (votes["date"] <= on)]
    cast = votes[votes["vote"].isin(["yes", "no", "abstain"])]
    held = held_russians(world, on)
    if "RUS" not in milex.index:
        raise ModelInputError("next direction: Russia's military expenditure is missing")
    rows = []
    for direction in directions:
        missing = []
        for target in direction.targets:
            world.check_actor(target)
        russians = 0.0
        reserves = 0.0
        buffer_km = 0.0
        milex_sum = 0.0
        for target in direction.targets:
            if target in russian_share.index and target in population.index:
                free = russian_share[target] * population[target] - held.get(target, 0.0)
                russians += max(free, 0.0)
            else:
                missing.append(f"{target}.ethnic_russian_share")
            boe = oil.get(target, 0.0) + gas.get(target, 0.0) / M3_PER_BOE
            reserves += boe * (2.0 if target in in_belt else 1.0)
            if target not in nato:
                edges = borders[(borders["a_state"] == target) & borders["b_state"].isin(nato)]
                buffer_km += float(edges["km"].sum())
            if target in milex.index:
                milex_sum += milex[target]
            else:
                missing.append(f"{target}.milex_usd")
        outside = [t for t in direction.targets if t not in nato]
        target_votes = cast[cast["iso3"].isin(outside)]
        western = float((target_votes["vote"] == "yes").mean()) if len(target_votes) else 0.0
        if outside and not len(target_votes):
            missing.append("votes")
        rows.append(
            {
                "direction": direction.name,
                "russians": russians,
                "reserves_boe": reserves,
                "buffer_km": buffer_km,
                "milex_ratio": milex_sum / milex["RUS"],
                "in_nato": float(any(t in nato for t in direction.targets)),
                "western_votes": western * (len(outside) / len(direction.targets)),
                "in_russian_blocs": sum(t in blocs for t in direction.targets)
                / len(direction.targets),
                "missing": ", ".join(missing),
            }
        )
    return pd.DataFrame(rows).set_index("direction")


def unweighted_direction_weights() -> dict[str, float]:
    """The ranking without an analyst's values: every gain and cost of :data:`GAINS` and
    :data:`COSTS` at weight 1 (each already scaled to [0, 1]), and the alignment discount, a
    fraction in [0, 1], at the mean of a uniform prior on that range, 1/2.

    Equal weights are a composite indicator's default where nothing grounds others (OECD & JRC
    2008, *Handbook on Constructing Composite Indicators*, section 6.1). A forecast before the
    judgment weights were set uses these (:mod:`postsoviet.data.judgment`).
    """
    return {**dict.fromkeys((*GAINS, *COSTS), 1.0), ALIGNED: UNINFORMED_FRACTION}


def check_direction_weights(weights: Mapping[str, float]) -> None:
    """Raise :class:`ModelInputError` unless ``weights`` cover exactly :data:`COMPONENTS`, with
    ``aligned_discount`` in [0, 1]."""
    unknown = set(weights) - set(COMPONENTS)
    if unknown or set(COMPONENTS) - set(weights):
        raise ModelInputError(
            f"next direction weights: expected exactly {list(COMPONENTS)}, got {sorted(weights)}"
        )
    if not 0 <= weights[ALIGNED] <= 1:
        raise ModelInputError(
            f"next direction weight '{ALIGNED}': expected [0, 1], got {weights[ALIGNED]}"
        )


def rank_directions(
    world: World,
    directions: Sequence[Direction],
    weights: Mapping[str, float],
    *,
    on: str | pd.Timestamp,
    cost_factors: Mapping[str, float] | None = None,
) -> DirectionRanking:
    """Rank the directions by net value on day ``on`` (equation in the module docstring).

    ``weights`` maps each name in :data:`COMPONENTS` to its weight (``aligned_discount`` in [0, 1]);
    ``cost_factors`` maps a direction to its cost multiplier ``m_d`` (default 1; must be > 0).
    """
    day = pd.Timestamp(on)
    check_direction_weights(weights)
    inputs = direction_inputs(world, directions, day)
    return score_directions(inputs, weights, on=day, cost_factors=cost_factors)


def score_directions(
    inputs: pd.DataFrame,
    weights: Mapping[str, float],
    *,
    on: pd.Timestamp,
    cost_factors: Mapping[str, float] | None = None,
) -> DirectionRanking:
    """The ranking from the raw inputs of :func:`direction_inputs` (the module docstring's equation).

    ``inputs`` is indexed by direction; ``weights`` and ``cost_factors`` as :func:`rank_directions`.
    """
    check_direction_weights(weights)
    factors = dict(cost_factors or {})
    names = set(inputs.index)
    for name, factor in factors.items():
        if name not in names:
            raise ModelInputError(
                f"cost factor for unknown direction '{name}': expected one of {sorted(names)}"
            )
        if not factor > 0:
            raise ModelInputError(f"cost factor for '{name}' must be > 0, got {factor}")
    parts = {}
    for name, column in RAW_INPUTS.items():
        x = inputs[column].to_numpy(dtype=float)
        if name in SCALED:
            top = inputs[column].max()
            x = x / top if top > 0 else x * 0.0
        parts[name] = weights[name] * x
    multiplier = np.array([factors.get(d, 1.0) for d in inputs.index])
    held = weights[ALIGNED] * inputs["in_russian_blocs"].to_numpy(dtype=float)
    gain = (1.0 - held) * np.nansum(np.column_stack([parts[g] for g in GAINS]), axis=1)
    cost = multiplier * np.nansum(np.column_stack([parts[c] for c in COSTS]), axis=1)
    net = gain - cost
    # Descending, ties in input order (a stable sort of -net); NaN last.
    order = np.argsort(-net, kind="stable")
    best = net[order[0]]
    second = net[order[1]] if len(order) > 1 else best
    margin = net[order] - best
    margin[0] = best - second
    scores = pd.DataFrame(
        {
            **{name: parts[name][order] for name in (*GAINS, *COSTS)},
            "cost_factor": multiplier[order],
            "held": held[order],
            "gain": gain[order],
            "cost": cost[order],
            "net": net[order],
            "margin": margin,
            "rank": np.arange(1, len(order) + 1),
        },
        index=inputs.index[order],
    )
    table = pd.concat([inputs.iloc[order], scores], axis=1)
    return DirectionRanking(date=on, table=table)
