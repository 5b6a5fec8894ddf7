"""Rates of rare changes, pooled from the specific case up to its whole family (Gamma-Poisson).

A change (a state joining an organisation, a new sanctions package, a leader's succession) is
taken as a Poisson process with rate ``r`` per year. Counts ``k`` over ``T`` years of exposure at
each level of a hierarchy (the family, the kind of change, the organisation, the actor) are pooled
by empirical-Bayes shrinkage: the parent's rate ``r_parent`` acts as ``s`` years of prior exposure,

    r_level = (k_level + s * r_parent) / (T_level + s),

so a case never seen still gets its family's rate rather than zero. The last level's Gamma
posterior ``Gamma(a = k + s r_parent, b = T + s)`` gives the probability of at least one change in
``t`` years, integrated over the rate (a negative-binomial zero count):

    P(N >= 1) = 1 - (b / (b + t)) ** a.

Counts and exposure are weighted by ``exp(-age / tau)`` (``age`` in years before the cutoff), so
recent history counts more than old history. Source: Gelman et al. (2013), *Bayesian Data
Analysis*, 3rd ed., section 2.6 (Poisson model with a Gamma prior) and chapter 5 (hierarchical
pooling).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

YEAR_DAYS = 365.25
DAY_NS = 86_400_000_000_000
# Recency: weight exp(-age / tau) on counts and exposure, tau in years.
RECENCY_YEARS = 6.0
# Prior strength: the parent's rate counts as this many years of exposure at each level.
STRENGTH_YEARS = 3.0
# The family level starts from half an event (Jeffreys) over its exposure, so it is never zero.
FAMILY_PRIOR_EVENTS = 0.5
# Sanctions packages and events come in bursts: their rates follow the last year (judgment,
# checked on the history backtest), memberships, offices and control the last six.
BURST_YEARS = 1.0


def years_between(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Years from ``start`` to ``end`` (negative when ``end`` is earlier), in whole days."""
    return ((end.value - start.value) // DAY_NS) / YEAR_DAYS


def weight(day: pd.Timestamp, cutoff: pd.Timestamp, tau: float = RECENCY_YEARS) -> float:
    """The recency weight of an event on ``day`` seen from ``cutoff``."""
    return float(np.exp(-max(years_between(day, cutoff), 0.0) / tau))


def exposure(
    start: pd.Timestamp, end: pd.Timestamp, cutoff: pd.Timestamp, tau: float = RECENCY_YEARS
) -> float:
    """Recency-weighted years at risk from ``start`` to ``end`` (both clipped to the cutoff)."""
    end = min(end, cutoff)
    if end <= start:
        return 0.0
    a = years_between(start, cutoff)
    b = years_between(end, cutoff)
    return float(tau * (np.exp(-b / tau) - np.exp(-a / tau)))


@dataclass(frozen=True)
class Level:
    """Weighted events and years of exposure at one level of the hierarchy."""

    events: float
    years: float
    # the parent's rate is multiplied by this before it is shrunk toward (a known ratio of this
    # case's rate to its parent's, e.g. :func:`~.sanctions_and_events.activity_ratio`)
    prior_scale: float = 1.0


@dataclass(frozen=True)
class Rate:
    """A Gamma posterior over a yearly rate: shape ``a``, rate ``b`` (years)."""

    a: float
    b: float

    @property
    def mean(self) -> float:
        """The posterior mean rate per year."""
        return self.a / self.b

    def p_any(self, years: float) -> float:
        """P(at least one change within ``years``), integrated over the rate."""
        if years <= 0:
            return 0.0
        return float(1.0 - (self.b / (self.b + years)) ** self.a)


def pooled_rate(levels: Sequence[Level], strength: float = STRENGTH_YEARS) -> Rate:
    """Shrink from the first (widest) level to the last (most specific) one."""
    first = levels[0]
    rate = (first.events + FAMILY_PRIOR_EVENTS) / max(first.years, 1.0)
    a, b = first.events + FAMILY_PRIOR_EVENTS, max(first.years, 1.0)
    for level in levels[1:]:
        a = level.events + strength * rate * level.prior_scale
        b = level.years + strength
        rate = a / b
    return Rate(a, b)


def family_rate(levels: Sequence[Level]) -> Rate:
    """The widest level alone: the base rate of the family's change, without pooling."""
    return pooled_rate(levels[:1])


def rate_of(levels: Sequence[Level], pooled: bool, strength: float = STRENGTH_YEARS) -> Rate:
    """The levels' pooled rate (:func:`pooled_rate`), or with ``pooled`` False the widest level's
    alone (:func:`family_rate`: the family's base rate)."""
    return pooled_rate(levels, strength) if pooled else family_rate(levels)
