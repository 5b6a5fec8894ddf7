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

    ``g^-1(g(x) + N(0, (s_b k_i)^2))``,

``s_b`` the root mean square error of the group ``b`` and ``k_i`` state ``i``'s own scale: the root
mean square of its errors each over its group's ``s``, shrunk toward 1 by a prior worth
:data:`SCALE_PRIOR` errors, ``k_i^2 = (sum_j (e_ij / s_b(j))^2 + K) / (n_i + K)`` (Russia's and
Ukraine's projections miss by more than Germany's). The group's spread is the classic measure of
a forecaster's record (the root mean squared error by horizon, e.g. Timmermann 2007, "An
evaluation of the World Economic Outlook forecasts", *IMF Staff Papers* 54(1)); the state's scale
is a normal-normal shrinkage of its variance ratio. Measured on the questions of
``scripts/score_rates.py``: docs/forecasting.md, "Projections".
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class ErrorRecord:
    """The spread of a publisher's errors per group ``(season, years ahead)`` and each state's
    own scale (:func:`error_record`)."""

    spread: dict[tuple[str, int], float]
    scale: dict[str, float]
    errors: dict[tuple[str, int], int]


def _to_scale(name: str, value: float) -> float:
    return math.log1p(value / 100.0) if name in LOG_SCALED else value


def _from_scale(name: str, values: np.ndarray) -> np.ndarray:
    return np.expm1(values) * 100.0 if name in LOG_SCALED else values


def group_of(published: pd.Timestamp, period: int) -> tuple[str, int]:
    """A projection's group: the release's season and the years from its year to ``period``."""
    return ("spring" if published.month <= 6 else "autumn", period - published.year)


def projections_of(facts: Facts) -> dict[tuple[str, str], list[tuple[pd.Timestamp, int, float]]]:
    """The vintage's projections per (variable, state): ``(release day, year, value)``, oldest
    release first (indexed once per vintage, on the first rate question)."""

    def build(facts: Facts) -> dict[tuple[str, str], list[tuple[pd.Timestamp, int, float]]]:
        index: dict[tuple[str, str], list[tuple[pd.Timestamp, int, float]]] = defaultdict(list)
        table = facts.projection_rows
        if table is not None:
            columns = [
                table[c].tolist() for c in ("series", "subject", "published", "period", "value")
            ]
            for variable, iso3, day, period, value in zip(*columns, strict=True):
                index[(variable, iso3)].append((pd.Timestamp(day), int(period), float(value)))
        return {key: sorted(made) for key, made in index.items()}

    return derived(facts, "projections", build)


def error_record(facts: Facts, name: str) -> ErrorRecord:
    """The errors of every projection of ``name`` in ``facts`` whose year's value is known there
    (both as known at the vintage's cutoff), by group and state (once per vintage)."""

    def build(facts: Facts) -> ErrorRecord:
        errors: dict[tuple[str, int], list[tuple[str, float]]] = defaultdict(list)
        for (variable, subject), rows in projections_of(facts).items():
            if variable != name:
                continue
            actual = dict(facts.attributes.get((name, subject), []))
            for published, period, value in rows:
                if period in actual:
                    error = _to_scale(name, actual[period]) - _to_scale(name, value)
                    errors[group_of(published, period)].append((subject, error))
        spread = {
            group: math.sqrt(sum(e * e for _, e in pairs) / len(pairs))
            for group, pairs in errors.items()
            if len(pairs) >= MIN_ERRORS
        }
        squares: dict[str, list[float]] = defaultdict(list)
        for group, pairs in errors.items():
            if spread.get(group):
                for subject, error in pairs:
                    squares[subject].append((error / spread[group]) ** 2)
        scale = {
            subject: math.sqrt((sum(values) + SCALE_PRIOR) / (len(values) + SCALE_PRIOR))
            for subject, values in squares.items()
        }
        counts = {group: len(pairs) for group, pairs in errors.items()}
        return ErrorRecord(spread, scale, counts)

    return derived(facts, ("projection-errors", name), build)


def latest_projection(
    facts: Facts, a: Mapping[str, Any], day: pd.Timestamp
) -> tuple[pd.Timestamp, float] | None:
    """The latest release on or before ``day`` projecting ``a``'s year: ``(release day, value)``
    (None: the period is not a year, or no release known on ``day`` projects it)."""
    period = a.get("period")
    if isinstance(period, pd.Timestamp) or a.get("counterpart") or period is None:
        return None
    rows = projections_of(facts).get((a["series"], a["subject"]), [])
    made = [
        (published, value) for published, year, value in rows if year == period and published <= day
    ]
    return max(made) if made else None


def _spread(facts: Facts, a: Mapping[str, Any], published: pd.Timestamp) -> float | None:
    """``s_b k_i`` for ``a`` projected in the release of ``published`` (None: too few errors of
    its group known)."""
    record = error_record(facts, a["series"])
    spread = record.spread.get(group_of(published, int(a["period"])))
    return None if spread is None else spread * record.scale.get(a["subject"], 1.0)


def projection_spread(facts: Facts, a: Mapping[str, Any], day: pd.Timestamp) -> float | None:
    """The spread ``s_b k_i`` of ``a``'s draws about its latest projection known on ``day`` (None:
    no projection, or too few errors of its group known to spread it)."""
    latest = latest_projection(facts, a, day)
    return None if latest is None else _spread(facts, a, latest[0])


def projection_draws(
    facts: Facts, a: Mapping[str, Any], day: pd.Timestamp, n: int, rng: np.random.Generator
) -> np.ndarray | None:
    """``n`` draws of ``a``'s rate about its latest projection known on ``day`` (None: no
    projection, or too few errors of its group known to spread it)."""
    latest = latest_projection(facts, a, day)
    sd = None if latest is None else _spread(facts, a, latest[0])
    if sd is None:
        return None
    value = latest[1]
    name = a["series"]
    return _from_scale(name, _to_scale(name, value) + rng.normal(0.0, sd, size=n))
