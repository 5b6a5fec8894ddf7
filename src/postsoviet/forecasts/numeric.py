"""Draws of numeric world quantities from the spread of their own history, and quantiles.

A series is taken as a random walk from its last known value: on the log scale for positive
series with a drift (``v_t = v_0 exp(N(mu t, s^2 t))``), on the natural scale without one
otherwise, with ``mu`` and ``s`` the mean and spread of the yearly changes of every subject of the
series over its last :data:`RECENT_YEARS` years (:func:`walk_parameters`), and
:data:`DEFAULT_LOG_SD` when it has fewer than two changes. Where the subjects' drifts differ by
more than their noise (populations), each subject drifts by its own, shrunk toward the pooled one
by empirical Bayes, and spreads about it (:func:`own_drift_prior`). A share (every value in [0, 1]) walks on
the natural scale and stays in [0, 1]. A sparse series asked about on a day may get no new value
before it: with probability ``exp(-m t)`` (``m`` its observed values per year) the value is still
the last one; a year's value is that year's own. A region's controlled share walks
on [0, 1] with the spread of recorded share changes, in the draws where ground changes hands
there (:func:`share_moves`), and stays as it is in the others; a settlement is held whole or not
at all, so its share is 1 with the hazard model's probability that the controller holds it on
the day. An annual rate in percent (GDP growth, inflation) is drawn about its latest published
projection where one is known (:mod:`postsoviet.forecasts.projections`), else by
:func:`rate_draws`; a year whose value is already known is that value.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.forecasts.projections import projection_draws, projection_spread
from postsoviet.models.event_hazard import places
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.control_hazard import share_step_sd
from postsoviet.models.event_hazard.facts import Facts, derived
from postsoviet.models.event_hazard.hazard import years_between
from postsoviet.models.event_hazard.world_models import p_world

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
DEFAULT_LOG_SD = 0.25
MIN_YEARS = 0.1
# A series' drift and spread come from its last this many years, and its drift is shrunk toward
# none by a prior worth this many years of changes: GDP or military spending pooled over thirty
# states has hundreds of years of changes and keeps its drift, one gas price with a decade of
# changes keeps a sixth of it (on 14,096 questions about the annual GDP and military spending of
# 2003-2025, posed yearly from 2002 to 2022, and the generated questions about the world's
# series: docs/forecasting.md, "Series with drift").
RECENT_YEARS = 20
DRIFT_PRIOR_YEARS = 50.0
# Annual rates in percent, which are not walked as levels (:func:`rate_draws`).
RATES = {"gdp_growth_pct": "recurring", "inflation_cpi_pct": "persistent"}
# A series with a legal floor: the least share of GDP a national law sets for a year's defence
# budget (:func:`floor_draws`).
FLOORS = {"milex_share_gdp_pct": "milex_floor_share_gdp_pct"}
# The spread (log scale) of the share a state spent about its floor, used while the vintage holds
# fewer than MIN_FLOOR_YEARS years with both: analyst judgment, SIPRI's measure of a budget
# differing from a national law's by a tenth either way (pensions, the GDP the law refers to).
FLOOR_LOG_SD = 0.1
MIN_FLOOR_YEARS = 3


def quantiles(draws: np.ndarray) -> dict[str, float]:
    """``q05 ... q95`` of the draws."""
    values = np.quantile(draws, QUANTILES)
    return {f"q{round(p * 100):02d}": float(v) for p, v in zip(QUANTILES, values, strict=True)}


def _steps(points: list[tuple[pd.Timestamp, float]], log: bool) -> list[tuple[float, float]]:
    """``(change, years)`` between consecutive values: log ratios for a log series."""
    steps = []
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        if log and (v0 <= 0 or v1 <= 0):
            continue
        steps.append((math.log(v1 / v0) if log else v1 - v0, max(years_between(d0, d1), MIN_YEARS)))
    return steps


def _recent_start(day: pd.Timestamp) -> pd.Timestamp:
    """The first day of the last :data:`RECENT_YEARS` years before ``day``."""
    return day - pd.Timedelta(days=round(RECENT_YEARS * 365.25))


def _subject_steps(
    facts: Facts, name: str, day: pd.Timestamp, log: bool
) -> list[list[tuple[float, float]]]:
    """The steps of each subject of the series ``name`` known on ``day`` (one list a subject),
    over its last :data:`RECENT_YEARS` years."""
    start = _recent_start(day)
    subjects: list[list[tuple[float, float]]] = []
    for (series, _, _), other in facts.series.items():
        if series == name:
            subjects.append(_steps([(d, v) for d, v in other if start <= d <= day], log))
    for (attribute, _), other in facts.attributes.items():
        if attribute == name:
            dated = [(pd.Timestamp(year=y, month=7, day=1), v) for y, v in other]
            subjects.append(_steps([(d, v) for d, v in dated if start <= d <= day], log))
    return subjects


def _pooled_steps(
    facts: Facts, name: str, day: pd.Timestamp, log: bool
) -> list[tuple[float, float]]:
    """The steps of every subject of the series ``name`` known on ``day``, over its last
    :data:`RECENT_YEARS` years."""
    return [step for steps in _subject_steps(facts, name, day, log) for step in steps]


@dataclass(frozen=True)
class OwnDrift:
    """How far a subject's own drift is trusted over the series' pooled one
    (:func:`own_drift_prior`): ``years`` of the pooled drift's weight, and the yearly variance of
    the subjects' changes about their own drifts."""

    years: float
    within: float


# Fewer subjects with two changes each than this: no subject's own drift is used.
MIN_SUBJECTS = 3


def own_drift_prior(subjects: list[list[tuple[float, float]]], mu: float) -> OwnDrift | None:
    """Empirical-Bayes weight of the pooled drift ``mu`` against each subject's own (None: the
    subjects' drifts differ by no more than their noise, or too few subjects).

    Subject ``i`` with changes ``c_ij`` over ``dt_ij`` years (``T_i`` in all) has its own drift
    ``m_i = sum_j c_ij / T_i``. The changes scatter about it with the yearly variance
    ``w = sum_ij (c_ij - m_i dt_ij)^2 / dt_ij / sum_i (n_i - 1)``, so ``m_i`` carries the noise
    ``w / T_i``; the drifts themselves spread about ``mu`` with
    ``tau^2 = mean_i (m_i - mu)^2 - mean_i w / T_i``. The posterior drift of a subject is then
    ``(T_i m_i + K mu) / (T_i + K)`` with ``K = w / tau^2`` years (the normal-normal model;
    Efron & Morris 1975, "Data analysis using Stein's estimator and its generalizations",
    *JASA* 70(350)). Populations (steady, different trends: Uzbekistan grows, Latvia shrinks)
    get ``K`` under a year; GDP and military spending, whose yearly noise drowns the states'
    differences, get hundreds of years or none.
    """
    usable = [steps for steps in subjects if len(steps) >= 2]
    if len(usable) < MIN_SUBJECTS:
        return None
    drifts, scatter, freedom = [], 0.0, 0
    for steps in usable:
        years = sum(dt for _, dt in steps)
        own = sum(c for c, _ in steps) / years
        drifts.append((own, years))
        scatter += sum((c - own * dt) ** 2 / dt for c, dt in steps)
        freedom += len(steps) - 1
    within = scatter / freedom
    spread = sum((own - mu) ** 2 for own, _ in drifts) / len(drifts)
    tau2 = spread - sum(within / years for _, years in drifts) / len(drifts)
    return OwnDrift(within / tau2, within) if tau2 > 0 else None


# 1 / Phi^-1(3/4): the median absolute deviation of a normal sample over its sd
MAD_TO_SD = 1.4826


def robust_spread(steps: list[tuple[float, float]]) -> float:
    """The yearly spread of a driftless walk from its steps ``(change, years)``, robust to a rare
    jump: ``1.4826 * median(|z - median(z)|)`` of the changes per square-root year
    ``z = c / sqrt(dt)`` (the median absolute deviation, Hampel 1974, *JASA* 69(346)); the root
    mean square where that is zero or there are fewer than three steps. The first week of the
    invasion (7% -> 25% of Ukraine) would otherwise set the spread of every later month."""
    z = np.array([c / math.sqrt(dt) for c, dt in steps])
    if len(z) < 3:
        return walk_parameters(steps, log=False)[1]
    mad = float(np.median(np.abs(z - np.median(z))))
    return MAD_TO_SD * mad if mad > 0 else walk_parameters(steps, log=False)[1]


def walk_parameters(steps: list[tuple[float, float]], log: bool) -> tuple[float, float]:
    """``(mu, s)``: the drift per year and the yearly spread of a random walk, from its steps
    ``(change, years)``.

    On the log scale the walk drifts by the mean change per year shrunk toward none,
    ``mu = sum(c) / (sum(dt) + k)`` with ``k`` = :data:`DRIFT_PRIOR_YEARS` (nominal GDP and
    military spending grow, and a walk without drift put every rise at even odds; a price's few
    years of falls are no trend); on the natural scale (a share, a balance) it does not drift.
    ``s`` is the root mean square of the steps' deviations from the drift per square-root year,
    ``sqrt(mean((c - mu dt)^2 / dt))`` (NaN below two steps). Source: the random walk with drift, e.g. Hyndman & Athanasopoulos,
    *Forecasting: Principles and Practice* (3rd ed., 2021), section 5.2.
    """
    if len(steps) < 2:
        return 0.0, math.nan
    years = sum(dt for _, dt in steps)
    mu = sum(c for c, _ in steps) / (years + DRIFT_PRIOR_YEARS) if log else 0.0
    sd = math.sqrt(sum((c - mu * dt) ** 2 / dt for c, dt in steps) / len(steps))
    return mu, sd


def series_draws(
    facts: Facts,
    a: Mapping[str, Any],
    day: pd.Timestamp,
    n: int,
    rng: np.random.Generator,
    *,
    recorded: bool = True,
    robust: bool = False,
) -> np.ndarray | None:
    """Draws of ``series.value`` for its period, from what the vintage holds (None: no history).

    ``recorded``: the question is about the series' record (the value recorded on or before the
    day, which a sparse series may not have updated); False for the quantity itself on the day
    (the share of Ukraine held on a day is whatever it is, recorded or not). ``robust``: a
    natural-scale walk spreads by :func:`robust_spread` of its steps, not their root mean square.

    The drift and spread are pooled over every subject of the series in its last
    :data:`RECENT_YEARS` years (:func:`walk_parameters`): one state's decade of steady growth
    made its walk sure of more, and the next crash came anyway.
    """
    points = [(d, v) for d, v in q.series_points(facts, a) if d <= day]
    if a["series"] in RATES:
        out = _year_out(points, a)
        if out is not None:  # the year's value is out: nothing left to draw
            return np.full(n, out)
        projected = projection_draws(facts, a, day, n, rng)
        if projected is not None:
            return projected
        return rate_draws(points, a, day, n, rng) if points else None
    if not points:
        return None
    last_day, last = points[-1]
    share = all(0 <= v <= 1 for _, v in points)
    log = all(v > 0 for _, v in points) and not share
    name = a["series"]
    mu, sd = derived(  # the same for every subject of the series asked on that day
        facts,
        ("series-walk", name, day, log),
        lambda f: walk_parameters(_pooled_steps(f, name, day, log), log),
    )
    if robust and not log:
        sd = derived(
            facts,
            ("series-robust-spread", name, day),
            lambda f: robust_spread(_pooled_steps(f, name, day, False)),
        )
    if math.isnan(sd):
        sd = DEFAULT_LOG_SD * (1.0 if log else abs(last))
    years = max(years_between(last_day, q.period_day(a["period"])), 0.0)
    prior = (
        derived(
            facts,
            ("series-own-drift", name, day),
            lambda f: own_drift_prior(_subject_steps(f, name, day, True), mu),
        )
        if log
        else None
    )
    recent = _recent_start(day)
    own = _steps([(d, v) for d, v in points if recent <= d], log) if prior else []
    if prior and own:
        # the subject's own drift, shrunk toward the pooled one; the spread about it, with the
        # drift's own uncertainty over the horizon
        known = sum(dt for _, dt in own)
        mu = (sum(c for c, _ in own) + prior.years * mu) / (known + prior.years)
        sd = math.sqrt(prior.within * (1 + years / (known + prior.years)))
    noise = rng.normal(mu * years, sd * math.sqrt(years), size=n)
    walk = last * np.exp(noise) if log else last + noise
    if share:
        walk = np.clip(walk, 0.0, 1.0)
    floor = floor_draws(facts, a, n, rng)
    if floor is not None:
        walk = np.maximum(walk, floor)
    if not isinstance(a["period"], pd.Timestamp) or not recorded:
        return walk  # a year's value is that year's own, never an older one carried on
    span = max(years_between(points[0][0], day), MIN_YEARS)
    per_year = max(len(points) - 1, 0.5) / span
    stale = rng.uniform(size=n) < math.exp(-per_year * years)
    return np.where(stale, last, walk)


def _year_out(points: list[tuple[pd.Timestamp, float]], a: Mapping[str, Any]) -> float | None:
    """The value of ``a``'s year among a rate's known ``points`` (None: not out yet)."""
    known = [v for d, v in points if d.year == a["period"]]
    return known[-1] if known else None


def series_model(facts: Facts, a: Mapping[str, Any], day: pd.Timestamp) -> str:
    """What :func:`series_draws` answers ``a`` from on ``day``: ``known_on_cutoff`` (a rate's
    year already out), ``weo_projection`` (a rate about its latest projection) or
    ``history_spread`` (the series' own history)."""
    if a["series"] in RATES:
        if _year_out([(d, v) for d, v in q.series_points(facts, a) if d <= day], a) is not None:
            return "known_on_cutoff"
        if projection_spread(facts, a, day) is not None:
            return "weo_projection"
    return "history_spread"


def floor_record(facts: Facts, name: str) -> tuple[float, float, int]:
    """How the states met their legal floors of ``name``: the mean and spread of
    ``ln(share spent / floor)`` over every state and year the vintage holds both, and how many."""

    def build(facts: Facts) -> tuple[float, float, int]:
        floor_name = FLOORS[name]
        ratios = []
        for (variable, subject), floors in facts.attributes.items():
            if variable != floor_name:
                continue
            spent = dict(facts.attributes.get((name, subject), []))
            ratios += [math.log(spent[y] / f) for y, f in floors if y in spent and f > 0]
        if len(ratios) < MIN_FLOOR_YEARS:
            return 0.0, FLOOR_LOG_SD, len(ratios)
        return float(np.mean(ratios)), float(np.std(ratios, ddof=1)), len(ratios)

    return derived(facts, ("floor-record", name), build)


def floor_draws(
    facts: Facts, a: Mapping[str, Any], n: int, rng: np.random.Generator
) -> np.ndarray | None:
    """Draws of the least a state spends in a year with a legal floor known at the cutoff
    (:data:`FLOORS`): ``floor * exp(N(m, s^2))``, ``m`` and ``s`` the mean and spread of
    ``ln(spent / floor)`` in the states' record of floors (:func:`floor_record`). The walk is held
    at or above it (``max``): Poland's law of March 2022 set at least 3% of GDP from 2023, where
    its share had walked near 2.2% for years. None without a floor for the year."""
    floor_name = FLOORS.get(a["series"])
    period = a.get("period")
    if floor_name is None or isinstance(period, pd.Timestamp) or a.get("counterpart"):
        return None
    floors = dict(facts.attributes.get((floor_name, a["subject"]), []))
    if period not in floors:
        return None
    mean, spread, _ = floor_record(facts, a["series"])
    return floors[period] * np.exp(rng.normal(mean, spread, size=n))


def rate_draws(
    points: list[tuple[pd.Timestamp, float]],
    a: Mapping[str, Any],
    day: pd.Timestamp,
    n: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Draws of an annual rate in percent (:data:`RATES`) for its period, from the subject's own
    values of its last :data:`RECENT_YEARS` years known on ``day`` (``points``).

    A rate is not a level, and the two the world holds behave differently (measured on 14,664
    questions about 2002-2024, docs/forecasting.md, "Rates"):

    - ``recurring`` (GDP growth): a year's growth owes little to the last one's; the draws are the
      subject's own recent values, resampled (its empirical distribution, the "climatology");
    - ``persistent`` (inflation): it walks from its last value without drift on the scale
      ``log(1 + x / 100)``, with the spread of the subject's own yearly steps,
      ``x = 100 (exp(log(1 + x_0 / 100) + N(0, s^2 t)) - 1)`` (a random walk, Hyndman &
      Athanasopoulos 2021, section 5.2).
    """
    recent = [v for d, v in points if d >= _recent_start(day)] or [points[-1][1]]
    if RATES[a["series"]] == "recurring":
        return rng.choice(np.asarray(recent, dtype=float), size=n)
    scaled = np.log1p(np.asarray(recent, dtype=float) / 100.0)
    steps = np.diff(scaled)
    spread = math.sqrt(float(np.mean(steps**2))) if len(steps) >= 2 else DEFAULT_LOG_SD
    last_day, _ = points[-1]
    years = max(years_between(last_day, q.period_day(a["period"])), MIN_YEARS)
    return np.expm1(scaled[-1] + rng.normal(0.0, spread * math.sqrt(years), size=n)) * 100.0


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
