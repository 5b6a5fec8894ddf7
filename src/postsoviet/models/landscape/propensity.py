"""Propensities of the post-Soviet landscape, built from documented components of the world data.

Each component is a pure function of a (dated) :class:`~postsoviet.world.World` and a list of
actors, returning a symmetric actors x actors DataFrame with values in [-1, 1] (positive is
affinity) and **NaN where the data needed is missing**. The propensity is the weighted sum

.. math:: p_{ij} = \\sum_k w_k \\, c^k_{ij}, \\qquad c^k_{ij} = 0 \\text{ where missing},

in the spirit of Axelrod & Bennett's 1936 propensities, an unweighted sum of five +-1 factors
(religion, border disputes, ethnic conflict, government type, recent wars; BJPS 23, 1993, p. 222).
The weights ``w_k`` come from ``src/postsoviet/data/models/landscape_weights.csv``. A missing value
contributes nothing (the pair is neither pushed together nor apart by that component) and stays
visible as NaN in :func:`propensity_components`.

Every component reads the world as of its date (``world.at(date)``); an undated world is read as of
today.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from postsoviet.errors import LandscapeError
from postsoviet.world import World

RUSSIA = "RUS"
RUSSIAN_BLOC = ("CSTO", "EAEU")
WESTERN_BLOC = ("NATO", "EU")
VOTE_SCORE = {"yes": 1.0, "abstain": 0.0, "no": -1.0}
RELIGION_FAMILY = {
    "Orthodox Christianity": "Christianity",
    "Armenian Apostolic Christianity": "Christianity",
    "Catholicism": "Christianity",
    "Lutheranism": "Christianity",
    "Protestantism": "Christianity",
    "Christianity": "Christianity",
    "Christianity (Catholic and Protestant)": "Christianity",
    "Islam": "Islam",
    "Sunni Islam": "Islam",
    "Shia Islam": "Islam",
}
GENERIC_RELIGIONS = frozenset({"Christianity", "Christianity (Catholic and Protestant)", "Islam"})

Component = Callable[[World, Sequence[str]], pd.DataFrame]


def _day(world: World) -> pd.Timestamp:
    return world.date if world.date is not None else pd.Timestamp.today().normalize()


def _square(actors: Sequence[str], fill: float = 0.0) -> pd.DataFrame:
    return pd.DataFrame(fill, index=pd.Index(actors), columns=pd.Index(actors), dtype="float64")


def _with_russia(actors: Sequence[str], values: pd.Series) -> pd.DataFrame:
    """A matrix that is ``values[j]`` for the pair (RUS, j), 0 for pairs without Russia."""
    out = _square(actors)
    if RUSSIA in actors:
        others = [a for a in actors if a != RUSSIA]
        column = values.reindex(others)
        out.loc[others, RUSSIA] = column
        out.loc[RUSSIA, others] = column
    return out


def _zero_diagonal(frame: pd.DataFrame) -> pd.DataFrame:
    values = frame.to_numpy(copy=True)
    np.fill_diagonal(values, 0.0)
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def memberships(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Shared membership of CSTO, EAEU, NATO and the EU; members of hostile blocs are opposed.

    .. math:: c_{ij} = \\tfrac12 \\, |\\{o : i, j \\in o\\}| - [i \\in R, j \\in W \\text{ or } i \\in W, j \\in R]

    clipped to [-1, 1], where the organisations ``o`` are CSTO, EAEU, NATO, EU (full members on the
    world's date, :meth:`World.members`), ``R`` the members of CSTO or EAEU and ``W`` of NATO or the
    EU. Two shared organisations give +1 (NATO and EU, or CSTO and EAEU), one gives +0.5, a member of
    the Russian-led bloc facing a member of the Western one -1. Never missing.
    """
    day = _day(world)
    groups = {org: world.members(org, day) for org in (*RUSSIAN_BLOC, *WESTERN_BLOC)}
    russian = set().union(*(groups[o] for o in RUSSIAN_BLOC))
    western = set().union(*(groups[o] for o in WESTERN_BLOC))

    def pair(a: str, b: str) -> float:
        shared = sum(a in members and b in members for members in groups.values())
        hostile = (a in russian and b in western) or (a in western and b in russian)
        return min(max(0.5 * shared - float(hostile), -1.0), 1.0)

    return _zero_diagonal(_filled(actors, [[pair(a, b) for b in actors] for a in actors]))


def _filled(actors: Sequence[str], values: list[list[float]]) -> pd.DataFrame:
    """:func:`_square` with a value per pair (rows then columns in the order of ``actors``)."""
    index = pd.Index(actors)
    return pd.DataFrame(np.array(values, dtype="float64"), index=index, columns=index.copy())


def un_votes(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Agreement in the UN General Assembly votes on Ukraine held by the world's date.

    .. math:: c_{ij} = \\frac{1}{|V_{ij}|} \\sum_{v \\in V_{ij}} \\left(1 - |x_{iv} - x_{jv}|\\right)

    with ``x = +1`` for yes, 0 for abstain, -1 for no (so yes-yes +1, yes-abstain 0, yes-no -1): the
    S score of Signorino & Ritter (International Studies Quarterly 43, 1999) on a three-point scale.
    ``V_ij`` are the resolutions in ``world.votes`` (68/262 of 2014, ES-11/1, /3, /4, /6) on which
    *both* cast a vote. An ``absent`` vote is not a position and a vote the dataset does not hold is
    unknown: both leave that resolution out for the pair. NaN when no resolution remains (e.g. a
    pair with no recorded common vote).
    """
    day = _day(world)
    votes = world.votes
    votes = votes[(votes["date"] <= day) & votes["vote"].isin(list(VOTE_SCORE))]
    scores = (
        votes.assign(score=votes["vote"].map(VOTE_SCORE))
        .pivot_table(index="iso3", columns="resolution", values="score", aggfunc="first")
        .reindex(list(actors))
    )
    x = scores.to_numpy(dtype=float)
    both = ~np.isnan(x)[:, None, :] & ~np.isnan(x)[None, :, :]
    agreement = np.where(both, 1.0 - np.abs(x[:, None, :] - x[None, :, :]), 0.0).sum(axis=2)
    count = both.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(count > 0, agreement / np.maximum(count, 1), np.nan)
    return _zero_diagonal(pd.DataFrame(values, index=list(actors), columns=list(actors)))


def religion(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Match of majority religions: +1 the same tradition, +0.5 the same family, else 0.

    Traditions are the labels of ``majority_religion`` (Orthodox Christianity, Catholicism,
    Lutheranism, Sunni Islam, Shia Islam, ...); families are Christianity and Islam. A generic label
    ("Islam", "Christianity") matches its family only. A state with no majority religion
    ("none/irreligious") matches nobody: shared irreligion is not taken as an affinity. Different
    religions give 0, not antagonism (unlike the 1936 rule's -1), since no pair in this region is
    opposed over religion as such. NaN where a state has no value.
    """
    values = world.attribute("majority_religion").reindex(list(actors)).tolist()
    return _zero_diagonal(
        _filled(actors, [[_religion_match(a, b) for b in values] for a in values])
    )


def _religion_match(ra: object, rb: object) -> float:
    """The match of two majority religions (:func:`religion`); NaN when one is missing."""
    if not isinstance(ra, str) or not isinstance(rb, str):
        return np.nan
    if ra == rb and ra not in GENERIC_RELIGIONS and ra in RELIGION_FAMILY:
        return 1.0
    if RELIGION_FAMILY.get(ra, ra) == RELIGION_FAMILY.get(rb, rb) and ra in RELIGION_FAMILY:
        return 0.5
    return 0.0


def ethnic_russian(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Affinity with Russia from the ethnic-Russian share of each state's population.

    ``c_{RUS,j}`` = the share of ethnic Russians in ``j`` (latest census at or before the world's
    year, a fraction); 0 for pairs without Russia. NaN where the dataset holds no share: the states
    outside the former Soviet Union, whose censuses do not count Russians separately.
    """
    return _with_russia(actors, world.attribute("ethnic_russian_share"))


def conflict(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """-1 between a state and the state that holds or backs the control of part of its territory.

    For every period of de facto control holding on the world's date (``region_control``), the
    controller and the backer, where they are actors other than the region's de jure state, are
    opposed to that state: Russia to Ukraine (Crimea, Sevastopol, Donbas, and from 2022 Zaporizhzhia
    and Kherson), to Georgia (Abkhazia, South Ossetia) and to Moldova (Transnistria); Armenia to
    Azerbaijan (Nagorno-Karabakh, until September 2023). Occupation stands for active conflict: the
    dataset holds no separate war table. Never missing (0 where no such control holds).
    """
    day = _day(world)
    de_jure = world.territory_states()
    out = _square(actors)
    for row in world.holding("region_control", day).itertuples(index=False):
        state = de_jure.get(row.region)
        for party in (row.controller, row.backer):
            if state in out.index and party in out.index and party != state:
                out.loc[state, party] = out.loc[party, state] = -1.0
    return out


def gas_dependence(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Affinity with Russia from the share of a state's gas imports that come from Russia.

    ``c_{RUS,j}`` = ``gas_import_share_russia`` of ``j`` (latest at or before the world's year);
    0 for pairs without Russia; NaN where the dataset holds no share (most of them: see Known gaps in
    docs/data.md), which then contributes nothing.
    """
    return _with_russia(actors, world.attribute("gas_import_share_russia"))


def trade_dependence(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Affinity with Russia from Russia's share of a state's goods trade (exports + imports).

    ``c_{RUS,j}`` = ``trade_share_russia`` of ``j`` (latest at or before the world's year); 0 for
    pairs without Russia; NaN where the dataset holds no share.
    """
    return _with_russia(actors, world.attribute("trade_share_russia"))


def regime(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Similarity of political regimes from the Freedom House total score (0-100).

    .. math:: c_{ij} = 1 - 2 \\, |FH_i - FH_j| / 100

    +1 for equal scores, 0 for a gap of 50 points, -1 for the full gap (100 vs 0): like regimes
    attract and unlike repel, as the 1936 rule's government-type factor (p. 222). NaN where a score
    is missing.
    """
    score = world.attribute("freedom_house_total").reindex(list(actors)).to_numpy(dtype=float)
    values = 1.0 - 2.0 * np.abs(score[:, None] - score[None, :]) / 100.0
    return _zero_diagonal(pd.DataFrame(values, index=list(actors), columns=list(actors)))


COMPONENTS: Mapping[str, Component] = {
    "memberships": memberships,
    "un_votes": un_votes,
    "religion": religion,
    "ethnic_russian": ethnic_russian,
    "conflict": conflict,
    "gas_dependence": gas_dependence,
    "trade_dependence": trade_dependence,
    "regime": regime,
}


# The components that stand for the factors of the paper's 1936 rule (Axelrod & Bennett 1993,
# p. 222): religion, recent wars and border disputes (``conflict``), and type of government
# (``regime``); the paper has no Russian minorities, memberships, votes or dependence, which are this
# project's own judgment (landscape_weights.csv).
PAPER_COMPONENTS = ("religion", "conflict", "regime")


def paper_weights() -> dict[str, float]:
    """The paper's own weights: 1 for each of :data:`PAPER_COMPONENTS` (its factors are summed
    unweighted, p. 222), 0 for every other component. No analyst's value: a forecast as of a day
    before the judgment weights were set uses these (:mod:`postsoviet.data.judgment`)."""
    return {name: float(name in PAPER_COMPONENTS) for name in COMPONENTS}


def propensity_components(world: World, actors: Sequence[str]) -> pd.DataFrame:
    """Every component for every pair: the table behind the propensities.

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair ``actor_a, actor_b`` (``actor_a`` first in ``actors``), one
        column per component of :data:`COMPONENTS` (in [-1, 1], NaN where the data is missing).
    """
    codes = [world.check_actor(a) for a in actors]
    if len(set(codes)) != len(codes) or len(codes) < 2:
        raise LandscapeError(f"actors: expected at least 2 distinct ISO3 codes, got {codes}")
    i, j = np.triu_indices(len(codes), k=1)
    table = pd.DataFrame({"actor_a": np.array(codes)[i], "actor_b": np.array(codes)[j]})
    for name, component in COMPONENTS.items():
        table[name] = component(world, codes).to_numpy()[i, j]
    return table


def combine(
    components: pd.DataFrame, weights: Mapping[str, float], actors: Sequence[str]
) -> np.ndarray:
    """The symmetric propensity matrix ``p_ij = sum_k w_k c^k_ij`` (missing components count 0).

    ``weights`` must give a finite weight for every component column of ``components``.
    """
    names = [c for c in components.columns if c not in ("actor_a", "actor_b")]
    unknown = sorted(set(weights) - set(names))
    lacking = [c for c in names if c not in weights]
    if unknown or lacking:
        raise LandscapeError(
            f"weights: expected one weight per component {names}; "
            f"missing {lacking}, unknown {unknown}"
        )
    w = np.array([float(weights[c]) for c in names])
    if not np.isfinite(w).all():
        raise LandscapeError(f"weights: expected finite numbers, got {dict(weights)}")
    pair = components[names].fillna(0.0).to_numpy() @ w
    index = {a: k for k, a in enumerate(actors)}
    a = components["actor_a"].map(index).to_numpy()
    b = components["actor_b"].map(index).to_numpy()
    matrix = np.zeros((len(actors), len(actors)))
    matrix[a, b] = matrix[b, a] = pair
    return matrix
