"""A settlement's size: large towns are taken less often than villages in the same position.

Of the generated questions about a settlement's capture asked from March 2022 on, 12% of those
about villages under 10,000 people came true, 6% of towns of 10,000-30,000, 3% of 30,000-100,000
and none of the 760 about cities above 100,000, while the front's pooled hazard gave them all
about 5% (docs/forecasting.md, eighteenth session): a village falls to a push that a city
withstands for months. Size is read as a proportional factor on the gain hazard,

    lambda_i = lambda_k(i) * exp(beta * log(population_i)),

with ``lambda_k`` the rate of the settlement's stratum ``k`` (its band, whether the controller
presses there, whether the other side took it lately: the last level of the gains' pooling) and
``beta`` shared by every stratum and controller. ``beta`` is the maximum of the stratified Poisson
likelihood of the gains and years at risk known at the cutoff (each stratum's rate profiled out:
Breslow 1974, *Biometrics* 30(1); a Cox partial likelihood in the counting form), with a
N(0, :data:`BETA_PRIOR_SD` ^ 2) prior. A settlement's factor is relative to its stratum's mean,
``exp(beta x_i) / E_k[exp(beta x)]`` over the stratum's years at risk, so the pooled rate keeps
its meaning as the stratum's average.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable

import numpy as np

from postsoviet.models.event_hazard.facts import Facts, derived

# N(0, sd^2) prior on beta, the log rate's change per e-fold of population (judgment: a tenfold
# larger town taken from one tenth as often to ten times as often, about two sd either way).
BETA_PRIOR_SD = 0.5
# beta is sought in [-BETA_BOUND, BETA_BOUND]
BETA_BOUND = 3.0


def _strata(facts: Facts, table: dict) -> dict[Hashable, list[tuple[float, float, float]]]:
    """Per stratum of the gains' last pooling level: (log population, gains, years at risk) of
    each settlement-controller pair with a known population."""
    strata: dict[Hashable, list[tuple[float, float, float]]] = defaultdict(list)
    for (place, _), levels in table.items():
        people = facts.settlement_population.get(place)
        if people is None or len(levels) < 4 or not levels[3].get(0):
            continue
        for key, level in levels[3][0].items():
            if level.years > 0 or level.events > 0:
                strata[key].append((math.log(people), level.events, level.years))
    return strata


def fit_beta(strata: dict[Hashable, list[tuple[float, float, float]]]) -> float:
    """The posterior mode of ``beta``: the root of the stratified score
    ``sum_k [sum_i g_i x_i - G_k sum_i y_i x_i e^(beta x_i) / sum_i y_i e^(beta x_i)] - beta / sd^2``
    (decreasing in ``beta``), found by bisection; 0 without a stratum holding a gain."""
    groups = []
    for rows in strata.values():
        x, g, y = (np.array(c, dtype=float) for c in zip(*rows, strict=True))
        if g.sum() > 0 and y.sum() > 0:
            groups.append((x - x.mean(), g, y))
    if not groups:
        return 0.0

    def score(beta: float) -> float:
        total = -beta / BETA_PRIOR_SD**2
        for x, g, y in groups:
            w = y * np.exp(beta * x)
            total += float(g @ x - g.sum() * (w @ x) / w.sum()) if w.sum() > 0 else float(g @ x)
        return total

    low, high = -BETA_BOUND, BETA_BOUND
    if score(low) <= 0:
        return low
    if score(high) >= 0:
        return high
    for _ in range(60):
        mid = 0.5 * (low + high)
        if score(mid) > 0:
            low = mid
        else:
            high = mid
    return 0.5 * (low + high)


def size_factor(facts: Facts, table: dict, settlement: str, stratum: Hashable) -> float:
    """The settlement's gain hazard relative to its stratum's mean (1 without a population or a
    stratum to compare with)."""
    fitted = derived(facts, "size-beta", lambda facts: _fitted(facts, table))
    beta, strata = fitted
    people = facts.settlement_population.get(settlement)
    rows = strata.get(stratum)
    if people is None or not rows or beta == 0.0:
        return 1.0
    x = np.array([r[0] for r in rows])
    y = np.array([r[2] for r in rows])
    if y.sum() <= 0:
        return 1.0
    mean = float(y @ np.exp(beta * (x - x.mean())) / y.sum())
    return math.exp(beta * (math.log(people) - x.mean())) / mean


def _fitted(facts: Facts, table: dict) -> tuple[float, dict]:
    strata = _strata(facts, table)
    return fit_beta(strata), strata
