"""Draws of an annual rate about its latest published projection, spread by the record of the
publisher's own errors.

The IMF's World Economic Outlook projects each state's real GDP growth and consumer price
inflation twice a year (``projections.csv``): for the year of the release and the next, with an
estimate of the year before. Asked on day ``D`` about year ``Y``, the latest release known on ``D``
with a value for ``Y`` gives the centre ``x`` (:func:`latest_projection`). Its uncertainty is
measured on every projection known on ``D`` whose year's outcome is known on ``D`` too (the World
Bank's value in the attributes): the error ``e = g(actual) - g(projected)``, on the rate's scale
``g`` (growth in points; inflation on ``log(1 + x / 100)``, as :func:`numeric.rate_draws` walks it),
grouped by the release's season (spring: January to June; autumn) and how many years after the
release's own the year is (-1, 0 or 1). The draws are

    ``g^-1(g(x) + s_b k_i m_c z)``,   ``z`` resampled from the record's errors ``e / (s_b k_i m_c)``,

the empirical limits of Williams & Goodman (1971, "A simple method for the construction of empirical
confidence limits for economic forecasts", *JASA* 66(336)): the errors have fatter tails than a
normal's (on 2022-07-01, 1.1% of the growth errors and 1.3% of the inflation errors lie beyond three
spreads, where a normal puts 0.27%) and lean a little above the projection (growth: a median of 0.11
spreads), and the draws keep both. ``s_b`` is the root mean square error of the group ``b`` and
``k_i`` state ``i``'s own scale: the root mean square of its errors each over its group's ``s``,
shrunk toward 1 by a prior worth :data:`SCALE_PRIOR` errors,
``k_i^2 = (sum_j (e_ij / s_b(j))^2 + K) / (n_i + K)`` (Russia's and Ukraine's projections miss by more
than Germany's). A projection far from the same release's value
for the year before misses by more: for :data:`SHIFT_GROUPS`, the draws' spread is also multiplied by
``m_c``, the root mean square of ``e / (s_b k_i)`` over the group's errors of the same shift class
``c`` (``|g(x) - g(x_prev)| / s_b`` cut at :data:`SHIFT_EDGES`), shrunk toward 1 by a prior worth
:data:`MIN_ERRORS` errors. On every error the world held in 2026, the spring's own-year growth errors
were 0.71 of the group's where the release projected next to no change, 1.48 where it projected a
change of over three spreads (Russia's -8.5% for 2022 after 4.7% in 2021). The group's spread is the
classic measure of a forecaster's record (the root mean squared error by horizon, e.g. Timmermann 2007, "An
evaluation of the World Economic Outlook forecasts", *IMF Staff Papers* 54(1)); the state's scale
is a normal-normal shrinkage of its variance ratio. Measured on the questions of
``scripts/score_rates.py``: docs/forecasting.md, "Projections".
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from postsoviet.models.event_hazard.facts import Facts, derived

# A group of errors (season, years ahead) with fewer errors known than this is not used: the rate
# is drawn from its own history instead (:func:`numeric.rate_draws`). Judgment: a root mean square
# from thirty errors is within about an eighth of the true one.
MIN_ERRORS = 30
# A state's own error scale is shrunk toward 1 by a prior worth this many errors (judgment: a
# state's five or six years of releases count for about half).
SCALE_PRIOR = 10.0
# The scale on which each projected rate's errors are measured and drawn.
LOG_SCALED = frozenset({"inflation_cpi_pct"})
# The groups whose spread follows the projection's shift from the year before, and the edges of the
# shift's classes in the group's spreads (judgment, from the errors' record: the next year's
# errors do not grow with the shift, the release's own year's do; docs/forecasting.md).
SHIFT_GROUPS = frozenset({("spring", 0), ("autumn", 0)})
SHIFT_EDGES = (1.0, 3.0)
# How long before an interim update the full release it follows came out (October before
# January, April before July).
UPDATE_LAG = pd.DateOffset(months=3)


@dataclass(frozen=True)
class ErrorRecord:
    """The spread of a publisher's errors per group ``(season, years ahead)`` and each state's
    own scale (:func:`error_record`)."""

    spread: dict[tuple[str, int], float]
    scale: dict[str, float]
    errors: dict[tuple[str, int], int]
    shift: dict[tuple[tuple[str, int], int], float]
    # every error of a spread group over its own spread ``e / (s_b k_i m_c)``, sorted
    standardized: np.ndarray


def _to_scale(name: str, value: float) -> float:
    return math.log1p(value / 100.0) if name in LOG_SCALED else value


def _from_scale(name: str, values: np.ndarray) -> np.ndarray:
    return np.expm1(values) * 100.0 if name in LOG_SCALED else values


def group_of(published: pd.Timestamp, period: int, update: bool = False) -> tuple[str, int]:
    """A projection's group: the release's season and the years from its year to ``period``.

    An interim update (January, July) is given the group of the full release it follows, three
    months before it (October of the year before, April): it moves the centre, and its spread is
    taken as that release's, which knew less (judgment; the record holds too few updates to
    measure their own errors)."""
    if update:
        published = published - UPDATE_LAG
    return ("spring" if published.month <= 6 else "autumn", period - published.year)


class _Error(NamedTuple):
    """One projection's error on the rate's scale, its projected value and the same release's value
    for the year before (None: it gives none)."""

    subject: str
    error: float
    projected: float
    before: float | None


def shift_class(spread: float, value: float, previous: float | None) -> int:
    """The class of a projection's shift ``|value - previous| / spread`` (on the rate's scale)
    among :data:`SHIFT_EDGES` (0 when the release gives no value for the year before)."""
    if previous is None:
        return 0
    return int(np.searchsorted(SHIFT_EDGES, abs(value - previous) / spread, side="right"))


class Made(NamedTuple):
    """One release's value for one year: the release day, the year, the value, and whether the
    release is an interim update (``projections.csv``'s ``release``)."""

    published: pd.Timestamp
    period: int
    value: float
    update: bool


def projections_of(facts: Facts) -> dict[tuple[str, str], list[Made]]:
    """The vintage's projections per (variable, state), oldest release first (indexed once per
    vintage, on the first rate question)."""

    def build(facts: Facts) -> dict[tuple[str, str], list[Made]]:
        index: dict[tuple[str, str], list[Made]] = defaultdict(list)
        table = facts.projection_rows
        if table is not None:
            columns = [
                table[c].tolist() for c in ("series", "subject", "published", "period", "value")
            ]
            releases = table["release"].tolist()
            for variable, iso3, day, period, value, release in zip(*columns, releases, strict=True):
                index[(variable, iso3)].append(
                    Made(pd.Timestamp(day), int(period), float(value), release == "update")
                )
        return {key: sorted(made) for key, made in index.items()}

    return derived(facts, "projections", build)


def error_record(facts: Facts, name: str) -> ErrorRecord:
    """The errors of every projection of ``name`` in ``facts`` whose year's value is known there
    (both as known at the vintage's cutoff), by group and state (once per vintage). Only the full
    releases make the record: an interim update borrows its group's spread (:func:`group_of`)."""

    def build(facts: Facts) -> ErrorRecord:
        errors: dict[tuple[str, int], list[_Error]] = defaultdict(list)
        for (variable, subject), rows in projections_of(facts).items():
            if variable != name:
                continue
            actual = dict(facts.attributes.get((name, subject), []))
            full = [row for row in rows if not row.update]
            made = {(published, period): value for published, period, value, _ in full}
            for published, period, value, _ in full:
                if period in actual:
                    projected = _to_scale(name, value)
                    error = _to_scale(name, actual[period]) - projected
                    previous = made.get((published, period - 1))
                    before = None if previous is None else _to_scale(name, previous)
                    errors[group_of(published, period)].append(
                        _Error(subject, error, projected, before)
                    )
        spread = {
            group: math.sqrt(sum(e.error**2 for e in pairs) / len(pairs))
            for group, pairs in errors.items()
            if len(pairs) >= MIN_ERRORS
        }
        squares: dict[str, list[float]] = defaultdict(list)
        for group, pairs in errors.items():
            if spread.get(group):
                for subject, error, _, _ in pairs:
                    squares[subject].append((error / spread[group]) ** 2)
        scale = {subject: _shrunk(values, SCALE_PRIOR) for subject, values in squares.items()}
        by_shift: dict[tuple[tuple[str, int], int], list[float]] = defaultdict(list)
        for group, pairs in errors.items():
            if spread.get(group) and group in SHIFT_GROUPS:
                for subject, error, projected, before in pairs:
                    key = (group, shift_class(spread[group], projected, before))
                    by_shift[key].append((error / (spread[group] * scale[subject])) ** 2)
        shift = {key: _shrunk(values, MIN_ERRORS) for key, values in by_shift.items()}
        standardized = [
            error / _group_spread(spread[group], scale[subject], shift, group, projected, before)
            for group, pairs in errors.items()
            if spread.get(group)
            for subject, error, projected, before in pairs
        ]
        counts = {group: len(pairs) for group, pairs in errors.items()}
        return ErrorRecord(spread, scale, counts, shift, np.sort(np.array(standardized)))

    return derived(facts, ("projection-errors", name), build)


def _group_spread(
    spread: float,
    scale: float,
    shift: Mapping[tuple[tuple[str, int], int], float],
    group: tuple[str, int],
    projected: float,
    before: float | None,
) -> float:
    """``s_b k_i m_c``: the group's spread times the state's scale and, for :data:`SHIFT_GROUPS`,
    the multiplier of the projection's shift class (1 elsewhere)."""
    return spread * scale * shift.get((group, shift_class(spread, projected, before)), 1.0)


def _shrunk(squares: list[float], prior: float) -> float:
    """The root mean square of ``squares``' roots, shrunk toward 1 by ``prior`` values of 1."""
    return math.sqrt((sum(squares) + prior) / (len(squares) + prior))


class Projection(NamedTuple):
    """The latest release projecting a year: its day, its value, its value for the year before
    (None: it gives none) and whether it is an interim update."""

    published: pd.Timestamp
    value: float
    previous: float | None
    update: bool = False


def latest_projection(facts: Facts, a: Mapping[str, Any], day: pd.Timestamp) -> Projection | None:
    """The latest release on or before ``day`` projecting ``a``'s year (None: the period is not a
    year, or no release known on ``day`` projects it)."""
    period = a.get("period")
    if isinstance(period, pd.Timestamp) or a.get("counterpart") or period is None:
        return None
    rows = projections_of(facts).get((a["series"], a["subject"]), [])
    made = [row for row in rows if row.period == period and row.published <= day]
    if not made:
        return None
    latest = max(made)
    before = [
        row.value for row in rows if row.published == latest.published and row.period == period - 1
    ]
    if not before and latest.update:
        # An update that restates no figure for the year before shifts from the latest one known.
        before = [
            row.value
            for row in rows
            if row.period == period - 1 and row.published <= latest.published
        ][-1:]
    return Projection(latest.published, latest.value, before[0] if before else None, latest.update)


def _spread(facts: Facts, a: Mapping[str, Any], latest: Projection) -> float | None:
    """``s_b k_i m_c`` for ``a`` projected in the release ``latest`` (None: too few errors of
    its group known)."""
    name = a["series"]
    record = error_record(facts, name)
    group = group_of(latest.published, int(a["period"]), latest.update)
    spread = record.spread.get(group)
    if spread is None:
        return None
    previous = None if latest.previous is None else _to_scale(name, latest.previous)
    scale = record.scale.get(a["subject"], 1.0)
    return _group_spread(
        spread, scale, record.shift, group, _to_scale(name, latest.value), previous
    )


def projection_spread(facts: Facts, a: Mapping[str, Any], day: pd.Timestamp) -> float | None:
    """The spread ``s_b k_i`` of ``a``'s draws about its latest projection known on ``day`` (None:
    no projection, or too few errors of its group known to spread it)."""
    latest = latest_projection(facts, a, day)
    return None if latest is None else _spread(facts, a, latest)


def projection_draws(
    facts: Facts, a: Mapping[str, Any], day: pd.Timestamp, n: int, rng: np.random.Generator
) -> np.ndarray | None:
    """``n`` draws of ``a``'s rate about its latest projection known on ``day``: the projection
    plus its spread times errors resampled from the record (:class:`ErrorRecord`'s
    ``standardized``). None: no projection, or too few errors of its group known to spread it."""
    latest = latest_projection(facts, a, day)
    sd = None if latest is None else _spread(facts, a, latest)
    if sd is None:
        return None
    name = a["series"]
    standardized = error_record(facts, name).standardized
    return _from_scale(name, _to_scale(name, latest.value) + sd * rng.choice(standardized, size=n))
