"""Openings: how a controller takes a settlement far beyond any it holds.

A front advances from the ground it holds. A settlement more than :data:`REACH_KM` from every
settlement a controller holds is taken, if ever, in an **opening**: the first days of a new war or
a new front, when many far settlements fall at once (the invasion of February 2022 took dozens of
the gazetteer's towns in its first month, and none of the towns more than 60 km from the front
fell in the three years after July 2022). Counted town by town, one opening reads as a high rate
of capture everywhere for a year after it; counted as what it is, one event that took a share of
the far settlements, it is as rare as openings are.

So a far settlement's gain is a thinned Poisson process: openings by the controller come at a
yearly rate ``rho``, each takes a far settlement with probability ``f``, and

    P(gain within t) = 1 - (T / (T + f t)) ** (k + 1/2)

which is ``1 - exp(-rho f t)`` integrated over the Gamma(k + 1/2, T) posterior of ``rho`` (Jeffreys'
half event added; Gelman et al. 2013, *Bayesian Data Analysis*, 3rd ed., section 2.6), with ``k``
the controller's openings in the ``T`` years observed before the cutoff. ``f`` is pooled over every
controller's openings: the far settlements each took in its first :data:`OPENING_DAYS` days, over
the far settlements it could have taken, ``(taken + 1/2) / (at risk + 1)``.

An opening starts on a day the controller gains a settlement that was beyond its reach the day
before, and lasts :data:`OPENING_DAYS`; a far gain after that starts another.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from postsoviet.models.event_hazard import front, places
from postsoviet.models.event_hazard.facts import OBSERVED_FROM, Facts
from postsoviet.models.event_hazard.hazard import years_between
from postsoviet.models.event_hazard.questions import known_until

# A settlement this far from every settlement a controller holds is beyond its reach (chosen among
# 60, 80 and 100 km on the generated history and the examples: 60 scored best on the history but
# put Kherson, 60.5 km from the nearest listed town Ukraine held in July 2022, beyond its reach;
# docs/forecasting.md, seventeenth session).
REACH_KM = 80.0
# An opening's far captures are those of its first month (judgment: the invasion's far captures
# of 2022 came within four weeks of 24 February).
OPENING_DAYS = 30
DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class Opening:
    """One opening: its first day, the far settlements it could have taken, and those it took."""

    controller: str
    start: pd.Timestamp
    at_risk: int
    taken: int


def _within(facts: Facts) -> dict[str, tuple[str, ...]]:
    """Each settlement's neighbours within :data:`REACH_KM` (itself included)."""
    name = "reach-neighbours"
    if name not in facts.derived:
        ids = sorted(s for s in facts.settlements if s in facts.settlement_xy)
        table: dict[str, tuple[str, ...]] = {}
        if ids:
            close = front.distances_km(np.array([facts.settlement_xy[s] for s in ids])) <= REACH_KM
            for i, s in enumerate(ids):
                table[s] = tuple(ids[j] for j in np.flatnonzero(close[i]))
        facts.derived[name] = table
    return facts.derived[name]  # type: ignore[return-value]


def within_reach(facts: Facts, settlement: str, controller: str, day: pd.Timestamp) -> bool:
    """Whether ``controller`` holds, on ``day``, ``settlement`` or a settlement within
    :data:`REACH_KM` of it. A settlement without coordinates is taken as within reach (its
    question keeps the front's hazard)."""
    near = _within(facts).get(settlement)
    if near is None:
        return True
    return any(controller in front.holders(facts, n, day) for n in near)


def _far_from(facts: Facts, controller: str, day: pd.Timestamp) -> list[str]:
    """The settlements ``controller`` does not hold on ``day`` and cannot reach."""
    return [s for s in _within(facts) if not within_reach(facts, s, controller, day)]


def openings(facts: Facts) -> tuple[Opening, ...]:
    """Every controller's openings before the vintage's cutoff (module docstring)."""
    name = "openings"
    if name in facts.derived:
        return facts.derived[name]  # type: ignore[return-value]
    cutoff = known_until(facts)
    gains: dict[str, list[tuple[pd.Timestamp, str]]] = {}
    for settlement in _within(facts):
        for controller in places.controllers_of(facts, settlement):
            for day in places.gain_days(facts, settlement, controller):
                if OBSERVED_FROM < day <= cutoff:
                    gains.setdefault(controller, []).append((day, settlement))
    found = []
    for controller, dated in sorted(gains.items()):
        end = None
        for day, settlement in sorted(dated):
            if end is not None and day < end:
                continue
            if within_reach(facts, settlement, controller, day - DAY):
                continue
            end = min(day + pd.Timedelta(days=OPENING_DAYS), cutoff + DAY)
            far = set(_far_from(facts, controller, day - DAY))
            taken = {s for d, s in dated if day <= d < end and s in far}
            found.append(Opening(controller, day, len(far), len(taken)))
    facts.derived[name] = tuple(found)
    return facts.derived[name]  # type: ignore[return-value]


def p_gain_far(facts: Facts, controller: str, years: float, count: int = 1) -> float:
    """P(``controller`` takes a given far settlement, or any of ``count`` far settlements, within
    ``years``) (module docstring): an opening takes each with probability ``f``, so any of them
    with ``1 - (1 - f) ** count``."""
    if years <= 0:
        return 0.0
    found = openings(facts)
    each = (sum(o.taken for o in found) + 0.5) / (sum(o.at_risk for o in found) + 1.0)
    share = 1.0 - (1.0 - each) ** count
    mine = sum(o.controller == controller for o in found)
    observed = max(years_between(OBSERVED_FROM, known_until(facts)), 1.0)
    return float(1.0 - (observed / (observed + share * years)) ** (mine + 0.5))
