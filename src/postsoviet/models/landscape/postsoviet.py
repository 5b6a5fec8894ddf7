"""The post-Soviet landscape: Axelrod & Bennett's model applied to the world data on one day.

Sizes are the actors' capability index (:func:`postsoviet.world.capability.capability_index`, in
percent of the modelled actors' capabilities, as the paper's sizes are percent of world
capabilities); propensities the weighted sum of the components of
:mod:`postsoviet.models.landscape.propensity`. Two coalitions, enumerated exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from postsoviet.errors import LandscapeError
from postsoviet.models.landscape.energy import margins
from postsoviet.models.landscape.enumerate import exact_landscape
from postsoviet.models.landscape.heuristic import heuristic_landscape
from postsoviet.models.landscape.propensity import RUSSIA, combine, propensity_components
from postsoviet.models.landscape.result import Configuration, Landscape
from postsoviet.world import World
from postsoviet.world.capability import capability_index
from postsoviet.world.world import DateLike, as_timestamp

WEST = "USA"
# The 15 former Soviet states and the ten outside states whose choices shape theirs: the great
# powers, the regional powers on the rim (Türkiye, Iran), Russia's NATO/EU neighbours Poland and
# Finland, and Hungary (the EU member closest to Moscow). Norway, Sweden, Romania, Bulgaria and
# Slovakia are left out to keep 2^24 configurations (0.1-0.5 s with basins): each holds under 0.7%
# of the capabilities and sits with the West under every weighting tried (docs/models/landscape.md).
DEFAULT_ACTORS = (
    "RUS", "BLR", "UKR", "MDA", "EST", "LVA", "LTU", "GEO", "ARM", "AZE", "KAZ", "KGZ", "TJK",
    "TKM", "UZB", "USA", "CHN", "DEU", "FRA", "GBR", "TUR", "IRN", "POL", "FIN", "HUN",
)  # fmt: skip
SENSITIVITY_FACTORS = (0.0, 2.0)


@dataclass(frozen=True)
class WorldLandscape:
    """The landscape of the actors on one day, with everything behind it.

    Attributes
    ----------
    date : pandas.Timestamp
        The day the world was read (``world.at(date)``).
    actors : tuple of str
        ISO3 codes, in the order of every array.
    sizes : pandas.Series
        Capability index in percent (``attrs`` as :func:`capability_index`).
    components : pandas.DataFrame
        One row per pair: ``actor_a, actor_b``, each component (NaN where missing) and
        ``propensity`` (the weighted sum, missing counted 0).
    weights : pandas.Series
        The weight of each component.
    propensities : numpy.ndarray
        The symmetric propensity matrix.
    landscape : Landscape
        Every stable configuration with two coalitions and its basin.
    """

    date: pd.Timestamp
    actors: tuple[str, ...]
    sizes: pd.Series
    components: pd.DataFrame
    weights: pd.Series
    propensities: np.ndarray
    landscape: Landscape

    @property
    def prediction(self) -> Configuration:
        """The predicted configuration: the global minimum (largest basin among tied ones)."""
        return max(self.landscape.global_minima, key=lambda c: c.basin or 0)

    def sides(self, config: Configuration | None = None) -> pd.Series:
        """``"Russia"`` or ``"West"`` for each actor: with Russia's coalition or the other one.

        The other coalition is called West since it holds the United States whenever the
        United States is not with Russia; if they are together it is called ``"other"``.
        """
        return pd.Series(self.side_labels(config), index=list(self.actors), name="side")

    def side_labels(self, config: Configuration | None = None) -> np.ndarray:
        """:meth:`sides` as an array in the order of :attr:`actors`."""
        labels = np.array((config or self.prediction).labels)
        where = {a: k for k, a in enumerate(self.actors)}
        russia = labels[where[RUSSIA]]
        other = "West" if WEST in where and labels[where[WEST]] != russia else "other"
        return np.where(labels == russia, "Russia", other)

    def margins(self, config: Configuration | None = None) -> pd.Series:
        """How much each actor's frustration would rise if it changed side (size x propensity).

        The smallest margins are the least stable actors of the configuration.
        """
        m = margins(self.sizes.to_numpy(), self.propensities, (config or self.prediction).labels)
        return pd.Series(m, index=list(self.actors), name="margin")

    def least_stable(self, count: int = 5) -> pd.DataFrame:
        """The ``count`` actors with the smallest margin in the prediction: ``actor, side, margin``."""
        frame = pd.concat([self.sides(), self.margins()], axis=1).sort_values("margin")
        return frame.head(count).rename_axis("actor").reset_index()

    def minima(self) -> pd.DataFrame:
        """Every stable configuration: ``energy, basin_share, global, russia, west``."""
        rows = []
        for config in self.landscape.minima:
            side = self.sides(config)
            rows.append(
                {
                    "energy": config.energy,
                    "basin_share": config.basin_share,
                    "global": config.is_global,
                    "russia": tuple(side.index[side == "Russia"]),
                    "west": tuple(side.index[side != "Russia"]),
                }
            )
        return pd.DataFrame(rows, columns=["energy", "basin_share", "global", "russia", "west"])


def world_landscape(
    world: World,
    date: DateLike,
    weights: Mapping[str, float],
    *,
    actors: Sequence[str] = DEFAULT_ACTORS,
) -> WorldLandscape:
    """The two-coalition landscape of ``actors`` as the world stood on ``date``.

    Parameters
    ----------
    world : World
        The world; it is read as ``world.at(date)`` (no later facts are used).
    date : str, date or Timestamp
        The day.
    weights : mapping of str to float
        One weight per component of :data:`~postsoviet.models.landscape.propensity.COMPONENTS`
        (e.g. ``load_config().weights("landscape")``).
    actors : sequence of str
        ISO3 codes, Russia among them; at most 28 (exact enumeration with basins).

    Raises
    ------
    LandscapeError
        Russia missing from ``actors``, bad weights, or too many actors.
    """
    return solve_landscape(landscape_inputs(world, date, actors=actors), weights)


@dataclass(frozen=True)
class LandscapeInputs:
    """What the landscape reads of the world on one day: sizes and the propensity components."""

    date: pd.Timestamp
    actors: tuple[str, ...]
    sizes: pd.Series
    components: pd.DataFrame


def landscape_inputs(
    world: World, date: DateLike, *, actors: Sequence[str] = DEFAULT_ACTORS
) -> LandscapeInputs:
    """The sizes (capability index, percent) and propensity components of ``actors`` on ``date``."""
    day = as_timestamp(date)
    codes = tuple(actors)
    if RUSSIA not in codes:
        raise LandscapeError(f"actors: expected {RUSSIA} among them, got {list(codes)}")
    dated = world.at(day)
    sizes = 100.0 * capability_index(dated, day.year, actors=codes)
    return LandscapeInputs(day, codes, sizes.rename("size"), propensity_components(dated, codes))


def solve_landscape(
    inputs: LandscapeInputs,
    weights: Mapping[str, float],
    *,
    restarts: int | None = None,
    seed: int | np.random.Generator = 0,
) -> WorldLandscape:
    """The landscape of ``inputs`` under ``weights``: propensities p_ij = sum_c w_c x_ijc, then the
    stable configurations and their basins.

    ``restarts`` ``None`` enumerates every configuration (exact); a number samples the basins by
    that many seeded steepest descents (:func:`~postsoviet.models.landscape.heuristic.heuristic_landscape`),
    whose shares estimate the exact basin shares.
    """
    codes = inputs.actors
    components = inputs.components.copy()
    matrix = combine(components, weights, codes)
    i, j = np.triu_indices(len(codes), k=1)
    components["propensity"] = matrix[i, j]
    sizes = inputs.sizes.to_numpy()
    if restarts is None:
        landscape = exact_landscape(sizes, matrix)
    else:
        landscape = heuristic_landscape(sizes, matrix, restarts=restarts, seed=seed)
    return WorldLandscape(
        date=inputs.date,
        actors=codes,
        sizes=inputs.sizes,
        components=components,
        weights=pd.Series(dict(weights), name="weight", dtype="float64"),
        propensities=matrix,
        landscape=landscape,
    )


def reweighted(base: WorldLandscape, component: str, factor: float) -> WorldLandscape:
    """``base`` with one component's weight multiplied by ``factor`` (sizes and data unchanged)."""
    if component not in base.weights.index:
        raise LandscapeError(
            f"component: expected one of {list(base.weights.index)}, got {component!r}"
        )
    weights = base.weights.copy()
    weights[component] *= factor
    table = base.components.drop(columns="propensity")
    matrix = combine(table, weights.to_dict(), base.actors)
    i, j = np.triu_indices(len(base.actors), k=1)
    table["propensity"] = matrix[i, j]
    return WorldLandscape(
        date=base.date,
        actors=base.actors,
        sizes=base.sizes,
        components=table,
        weights=weights,
        propensities=matrix,
        landscape=exact_landscape(base.sizes.to_numpy(), matrix),
    )


def sensitivity(
    base: WorldLandscape, factors: Sequence[float] = SENSITIVITY_FACTORS
) -> pd.DataFrame:
    """How the landscape changes when each component's weight is multiplied by each factor.

    Returns
    -------
    pandas.DataFrame
        One row per component and factor: ``component, factor, weight`` (the new weight),
        ``minima`` (stable configurations), ``global_energy``, ``prediction_basin`` (basin share of
        the new prediction), ``base_stable`` (whether the base prediction is still stable),
        ``switched`` (actors whose side relative to Russia differs from the base prediction) and
        ``russia`` (Russia's side in the new prediction).
    """
    before = base.sides()
    rows = []
    for component in base.weights.index:
        for factor in factors:
            after = reweighted(base, component, factor)
            sides = after.sides()
            still = base.prediction.labels in {c.labels for c in after.landscape.minima}
            rows.append(
                {
                    "component": component,
                    "factor": float(factor),
                    "weight": float(after.weights[component]),
                    "minima": len(after.landscape.minima),
                    "global_energy": after.prediction.energy,
                    "prediction_basin": after.prediction.basin_share,
                    "base_stable": still,
                    "switched": tuple(
                        a for a in base.actors if (sides[a] == "Russia") != (before[a] == "Russia")
                    ),
                    "russia": tuple(sides.index[sides == "Russia"]),
                }
            )
    return pd.DataFrame(rows)


def observed_sides(world: World, resolution: str, actors: Sequence[str]) -> pd.Series:
    """The side each actor took in a UN General Assembly vote: yes West, no Russia.

    ``"West"`` for a yes vote, ``"Russia"`` for a no, ``"abstain"``, ``"absent"``, or ``"unknown"``
    where the dataset holds no vote.
    """
    votes = world.votes
    cast = votes[votes["resolution"] == resolution].set_index("iso3")["vote"]
    if cast.empty:
        raise LandscapeError(f"resolution: no votes recorded for {resolution!r}")
    label = {"yes": "West", "no": "Russia", "abstain": "abstain", "absent": "absent"}
    return pd.Series(
        [label[cast[a]] if a in cast.index else "unknown" for a in actors],
        index=list(actors),
        name=resolution,
    )


def sanction_senders(world: World, start: DateLike, end: DateLike) -> frozenset[str]:
    """Actors that sanctioned Russia between ``start`` and ``end`` (inclusive).

    An organisation sender (the EU) stands for its full members on the package's date.
    """
    first, last = as_timestamp(start, argument="start"), as_timestamp(end, argument="end")
    table = world.sanctions
    rows = table[(table["target"] == RUSSIA) & (table["date"] >= first) & (table["date"] <= last)]
    organisations = set(world.organizations["code"])
    senders: set[str] = set()
    for sender, day in rows[["sender", "date"]].itertuples(index=False):
        senders |= set(world.members(sender, day)) if sender in organisations else {sender}
    return frozenset(senders)


def compare_with_observed(
    predicted: WorldLandscape,
    world: World,
    resolutions: Sequence[str],
    *,
    sanctions_between: tuple[DateLike, DateLike] | None = None,
) -> pd.DataFrame:
    """The predicted side of each actor next to the sides it took in ``resolutions``.

    With ``sanctions_between=(start, end)`` a ``sanctions`` column adds ``"West"`` for each actor
    that sanctioned Russia in that period (:func:`sanction_senders`) and ``"none"`` for the others:
    not sanctioning is not taking Russia's side, so only senders are compared.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor: ``predicted`` and one column per resolution (see :func:`observed_sides`).
        ``attrs["agreement"]`` maps each resolution to ``(matches, decided)``: among actors that
        voted yes or no, how many the prediction puts on the same side; and ``"sanctions"`` to
        ``(senders predicted West, senders)``.
    """
    table = predicted.sides().rename("predicted").to_frame()
    agreement = {}
    for resolution in resolutions:
        observed = observed_sides(world, resolution, predicted.actors)
        table[resolution] = observed
        decided = observed.isin(["West", "Russia"])
        agreement[resolution] = (
            int((observed[decided] == table["predicted"][decided]).sum()),
            int(decided.sum()),
        )
    if sanctions_between is not None:
        senders = sanction_senders(world, *sanctions_between)
        table["sanctions"] = ["West" if a in senders else "none" for a in predicted.actors]
        sent = table["sanctions"] == "West"
        agreement["sanctions"] = (
            int((table["predicted"][sent] == "West").sum()),
            int(sent.sum()),
        )
    table.attrs["agreement"] = agreement
    return table
