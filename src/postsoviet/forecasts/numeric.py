"""Draws of numeric world quantities from the spread of their own history, and quantiles.

A series is taken as a random walk from its last known value: on the log scale for positive
series (``v_t = v_0 exp(N(0, s^2 t))``), on the natural scale otherwise, with ``s`` the root
mean square yearly change of the same series (subject and counterpart), pooled over every subject
of the series when it has fewer than three values, and :data:`DEFAULT_LOG_SD` when even that is
missing. A share (every value in [0, 1]) walks on the natural scale and stays in [0, 1].
A sparse series may get no new value before the period: with probability ``exp(-m t)`` (``m``
its observed values per year) the value is still the last one. A region's controlled share walks
on [0, 1] with the spread of recorded share changes, in the draws where ground changes hands
there (:func:`share_moves`), and stays as it is in the others; a settlement is held whole or not
at all, so its share is 1 with the hazard model's probability that the controller holds it on
the day.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.models.event_hazard import places
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import Facts
from postsoviet.models.event_hazard.hazard import years_between
from postsoviet.models.event_hazard.world_models import p_world, share_step_sd

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
DEFAULT_LOG_SD = 0.25
MIN_YEARS = 0.1


def quantiles(draws: np.ndarray) -> dict[str, float]:
    """``q05 ... q95`` of the draws."""
    values = np.quantile(draws, QUANTILES)
    return {f"q{round(p * 100):02d}": float(v) for p, v in zip(QUANTILES, values, strict=True)}


def _yearly_sd(points: list[tuple[pd.Timestamp, float]], log: bool) -> list[float]:
    steps = []
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        dt = max(years_between(d0, d1), MIN_YEARS)
        if log and (v0 <= 0 or v1 <= 0):
            continue
        change = math.log(v1 / v0) if log else v1 - v0
        steps.append(change / math.sqrt(dt))
    return steps


def series_draws(
    facts: Facts, a: Mapping[str, Any], day: pd.Timestamp, n: int, rng: np.random.Generator
) -> np.ndarray | None:
    """Draws of ``series.value`` for its period, from what the vintage holds (None: no history)."""
    points = [(d, v) for d, v in q.series_points(facts, a) if d <= day]
    if not points:
        return None
    last_day, last = points[-1]
    share = all(0 <= v <= 1 for _, v in points)
    log = all(v > 0 for _, v in points) and not share
    steps = _yearly_sd(points, log)
    if len(steps) < 2:
        for (name, _, _), other in facts.series.items():
            if name == a["series"]:
                steps += _yearly_sd([(d, v) for d, v in other if d <= day], log)
        for (name, _), other in facts.attributes.items():
            if name == a["series"]:
                dated = [(pd.Timestamp(year=y, month=7, day=1), v) for y, v in other]
                steps += _yearly_sd([(d, v) for d, v in dated if d <= day], log)
    scale = abs(last) if not log else 1.0
    sd = float(np.sqrt(np.mean(np.square(steps)))) if len(steps) >= 2 else DEFAULT_LOG_SD * scale
    years = max(years_between(last_day, q.period_day(a["period"])), 0.0)
    noise = rng.normal(0.0, sd * math.sqrt(years), size=n)
    walk = last * np.exp(noise) if log else last + noise
    if share:
        walk = np.clip(walk, 0.0, 1.0)
    span = max(years_between(points[0][0], day), MIN_YEARS)
    per_year = max(len(points) - 1, 0.5) / span
    stale = rng.uniform(size=n) < math.exp(-per_year * years)
    return np.where(stale, last, walk)


def share_draws(
    facts: Facts, a: Mapping[str, Any], day: pd.Timestamp, n: int, rng: np.random.Generator
) -> np.ndarray | None:
    """Draws of ``control.share`` on its day (None: the share on ``day`` is not recorded)."""
    now = q.state_control_share(facts, a, day)
    if now is None:
        return None
    years = max(years_between(day, a["on"]), 0.0)
    if places.is_settlement(a["place"]):
        p = p_world(facts, "control.holds", a, years) if years > 0 else now
        return (rng.uniform(size=n) < p).astype(float)
    walk = np.clip(now + rng.normal(0.0, share_step_sd(facts) * math.sqrt(years), size=n), 0, 1)
    moves = share_moves(facts, a, now, years)
    return np.where(rng.uniform(size=n) < moves, walk, now)


def share_moves(facts: Facts, a: Mapping[str, Any], now: float, years: float) -> float:
    """P(a region's share held by the controller changes within ``years``): a share moves only
    when ground changes hands, so ``1 - prod_c (1 - P(c gains ground there))`` over the controller
    (unless it already holds the whole) and every other side the region has known (unless the
    controller holds none of it): its recorded controllers, their backers, its settlements'
    controllers and its state de jure. A quiet region (Kazakhstan's North Kazakhstan, Russia's
    Crimea after 2014) keeps its share; Donetsk oblast in 2022 walks.
    """
    if years <= 0:
        return 0.0
    place, controller = a["place"], a["controller"]
    spells = facts.control.get(place, [])
    others = {s.label for s in spells} | {s.backer for s in spells if s.backer}
    others |= places.controllers_of(facts, place) | places.states_of(facts, place)
    movers = [controller] if now < 1.0 else []
    if now > 0.0:
        movers += sorted(others - {controller})
    stays = 1.0
    for side in movers:
        stays *= 1.0 - p_world(facts, "control.gains", {**a, "controller": side}, years)
    return 1.0 - stays
