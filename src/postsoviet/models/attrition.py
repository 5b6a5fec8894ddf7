"""War of attrition in Ukraine: the share of Ukraine's territory Russia holds, year by year.

The essay's first impact: a long tug of war over the east and the southern coast, fed by Western
aid that grows the longer Ukraine fights. The model is a resource-ratio (Lanchester-type) drift:

.. math::

    \\frac{dS}{dt} = \\kappa \\, (\\rho(t) - \\rho^*), \\qquad
    \\rho(t) = \\sum_k w_k \\frac{X^{RUS}_{k}(t)}{X^{RUS}_{k}(t) + X^{UKR}_{k}(t)}

- ``S``: share of Ukraine's internationally recognised territory held by Russia (``series``
  ``territory_held_share``, and ``territory_held_km2`` divided by Ukraine's area);
- ``rho``: Russia's share of the two sides' resources, a weighted mean of its shares of military
  expenditure (``k = milex``, with Ukraine's increased by ``eta`` times the military aid it
  receives), GDP and population, the dyadic form of the Composite Index of National Capability
  (Singer, Bremer and Stuckey 1972, "Capability distribution, uncertainty, and major power war");
  inputs are linearly interpolated between the years recorded and held flat after the last;
- ``rho*``: the balance point at which the front stands still; ``kappa``: how fast the front moves
  per unit of resource-share advantage (share of Ukraine per year).
- aid responds to the war's duration, the essay's "the longer it fights, the more assistance it can
  ask for": ``aid(y) = a0 + a1 (y - 2022)`` (US$ per year, floored at 0), fitted by least squares to
  the recorded yearly totals (Kiel Ukraine Support Tracker); the sign of ``a1`` tests the claim.

Window (a rule, so the model answers as of any cutoff from the invasion on): the fit uses the
territory observations the world holds, dated after the last *retreat* recorded on or before the last
observation (``as_of``), or after the invasion (:data:`WAR_START`) when none is recorded. A retreat is
the end of a period in which Russia held a Ukrainian region (``region_control``), followed by a row
for that region with a smaller stated area share or another controller: the invasion's first weeks
and the 2022 counteroffensives are manoeuvre, which this model is not. On the embedded data the
last retreat is Kherson's right bank (until 2022-11-11), so the window opens on 2022-11-12. With fewer
than :data:`MIN_POINTS` observations in the window (cutoffs before about February 2023) the model does
not fit: :func:`project_attrition` falls back to persistence, the last observed share carried forward
with a wide band (:func:`persistence_path`).

Calibration (closed-form least squares, numpy only): with ``kappa`` given, the observations in the
window up to the last one (``as_of``) satisfy
``S(t) - kappa * int rho = S0 - kappa rho* (t - t0)``, linear in ``S0`` and ``kappa rho*``. The data
cannot identify ``kappa`` jointly with ``rho*`` (Russia's resource share moved by under 0.02 over the
fit window), so ``kappa`` comes from the weights file and its range drives the uncertainty band; the
unconstrained three-parameter estimate is reported as ``free_sensitivity`` for transparency.

Projection: from the last observed share, year by year to the horizon. The yearly change in km2 is
allocated to the Ukrainian regions Russia holds part of, in proportion to the area it does not yet
hold there (then to the rest of Ukraine, ``elsewhere``), and losses in proportion to the area held;
this is bookkeeping, not a prediction of where the front moves. A region-control row dated after
``as_of`` (a scenario's control shock) overrides that region's share from its date. Aid rows dated
after the last recorded aid year are added to the trend (a scenario's extra aid).

The band comes from ``draws`` draws: ``kappa`` uniform in its range, ``S0, rho*`` refitted to a
residual bootstrap of the territory fit, and the aid trend refitted to a residual bootstrap of the
yearly aid totals. It is parameter uncertainty only. The model cannot foresee breakthroughs or
collapses, negotiations or ceasefires, mobilisation, or any change in how resources turn into
territory (docs/models/attrition.md).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.errors import ModelInputError
from postsoviet.world import World
from postsoviet.world.world import holds_on

WAR_START_YEAR = 2022
# The full-scale invasion: territory observations before it describe another war.
WAR_START = pd.Timestamp("2022-02-24")
# Fewest observations in the window for a fit of S0 and rho* (two parameters and one residual).
MIN_POINTS = 3
SUBJECT, COUNTERPART = "UKR", "RUS"
AID_SERIES = {"military_aid_usd": False, "military_aid_eur": True}
RESOURCES = {
    "milex_usd": "weight_milex",
    "gdp_usd": "weight_gdp",
    "population": "weight_population",
}
PARAMETERS = (
    *RESOURCES.values(),
    "aid_effectiveness",
    "sensitivity",
    "sensitivity_low",
    "sensitivity_high",
    "usd_per_eur",
    "ukraine_area_km2",
)
ELSEWHERE = "elsewhere"
BAND = (0.05, 0.95)


@dataclass(frozen=True)
class AttritionParameters:
    """The model's parameters (``attrition_weights.csv``); see :func:`parameters_from`."""

    weights: Mapping[str, float]
    aid_effectiveness: float
    sensitivity: float
    sensitivity_low: float
    sensitivity_high: float
    usd_per_eur: float
    ukraine_area_km2: float


def parameters_from(values: Mapping[str, float]) -> AttritionParameters:
    """Check ``{component: weight}`` from the weights file and return the parameters.

    Raises :class:`ModelInputError` naming the component at fault.
    """
    if set(values) != set(PARAMETERS):
        raise ModelInputError(
            f"attrition weights: expected exactly {list(PARAMETERS)}, got {sorted(values)}"
        )
    for name in PARAMETERS:
        if not values[name] >= 0:
            raise ModelInputError(f"attrition weight '{name}': expected >= 0, got {values[name]}")
    for name in ("usd_per_eur", "ukraine_area_km2"):
        if not values[name] > 0:
            raise ModelInputError(f"attrition weight '{name}': expected > 0, got {values[name]}")
    total = sum(values[w] for w in RESOURCES.values())
    if not np.isclose(total, 1.0):
        raise ModelInputError(
            f"attrition weights {list(RESOURCES.values())}: expected a sum of 1, got {total:g}"
        )
    if not values["sensitivity_low"] <= values["sensitivity"] <= values["sensitivity_high"]:
        raise ModelInputError(
            "attrition weight 'sensitivity': expected sensitivity_low <= sensitivity <= "
            f"sensitivity_high, got {values['sensitivity_low']}, {values['sensitivity']}, "
            f"{values['sensitivity_high']}"
        )
    return AttritionParameters(
        weights={k: float(values[w]) for k, w in RESOURCES.items()},
        aid_effectiveness=float(values["aid_effectiveness"]),
        sensitivity=float(values["sensitivity"]),
        sensitivity_low=float(values["sensitivity_low"]),
        sensitivity_high=float(values["sensitivity_high"]),
        usd_per_eur=float(values["usd_per_eur"]),
        ukraine_area_km2=float(values["ukraine_area_km2"]),
    )


@dataclass(frozen=True)
class AidTrend:
    """Yearly military aid to Ukraine as a line in the war's duration: ``a0 + a1 (y - 2022)``, US$.

    ``totals`` holds the recorded yearly totals it was fitted to (US$, indexed by year).
    """

    intercept_usd: float
    per_year_usd: float
    totals: pd.Series

    @property
    def last_year(self) -> int:
        """The last year with a recorded total (2021 when none is recorded)."""
        return int(self.totals.index.max()) if len(self.totals) else WAR_START_YEAR - 1

    def at(self, years: np.ndarray) -> np.ndarray:
        """The trend's aid in each of ``years`` (US$, floored at 0)."""
        line = self.intercept_usd + self.per_year_usd * (np.asarray(years) - WAR_START_YEAR)
        return np.maximum(line, 0.0)


@dataclass(frozen=True)
class AttritionFit:
    """The calibrated model.

    ``start_share`` is the fitted share ``S0`` at the first observation; ``balance`` is ``rho*``;
    ``rmse`` the root-mean-square error of the fit in shares of Ukraine; ``history`` a table
    ``date, observed, fitted, residual, resource_share``; ``window_start`` the first day of the
    fit window (module docstring). ``method`` is ``"attrition"``, or ``"persistence"`` for the
    fallback of :func:`persistence_path` (then ``balance``, ``rmse`` and ``free_sensitivity`` are
    NaN and ``sensitivity`` is 0).
    """

    as_of: pd.Timestamp
    sensitivity: float
    balance: float
    start_share: float
    rmse: float
    free_sensitivity: float
    aid: AidTrend
    history: pd.DataFrame
    window_start: pd.Timestamp = WAR_START
    method: str = "attrition"


@dataclass(frozen=True)
class AttritionPath:
    """The projected share held by Russia, with its band, and the regions' central path.

    ``aid`` is the aid trend that drove the path, fitted to the aid recorded on ``as_of`` in the
    world given (so a world without aid has none, even with a fit held from another world).
    ``path``: ``date, share_held, share_low, share_high, km2_held, aid_usd, resource_share``, the
    first row the last observation (``as_of``), then each 31 December to the horizon.
    ``regions``: ``date, region, area_km2, share_of_region, km2_held`` (central path; ``elsewhere``
    is the rest of Ukraine, with no area).
    """

    fit: AttritionFit
    aid: AidTrend
    path: pd.DataFrame
    regions: pd.DataFrame
    draws: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: the fit, the aid trend, the path, the regions and the history."""
        fit = self.fit

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            out = frame.copy()
            out["date"] = out["date"].dt.strftime("%Y-%m-%d")
            return out.to_dict(orient="records")

        return {
            "as_of": f"{fit.as_of:%Y-%m-%d}",
            "draws": self.draws,
            "fit": {
                "method": fit.method,
                "window_start": f"{fit.window_start:%Y-%m-%d}",
                **{
                    name: None if np.isnan(value) else value
                    for name, value in (
                        ("sensitivity", fit.sensitivity),
                        ("balance", fit.balance),
                        ("start_share", fit.start_share),
                        ("rmse_share", fit.rmse),
                    )
                },
                "observations": len(fit.history),
                "free_sensitivity": None
                if np.isnan(fit.free_sensitivity)
                else fit.free_sensitivity,
            },
            "aid_trend": {
                "intercept_usd": self.aid.intercept_usd,
                "per_year_of_war_usd": self.aid.per_year_usd,
                "totals_usd": {str(y): float(v) for y, v in self.aid.totals.items()},
            },
            "path": records(self.path),
            "regions": records(self.regions),
            "history": records(fit.history),
        }


def decimal_year(dates: pd.Series | pd.DatetimeIndex | pd.Timestamp) -> np.ndarray:
    """Dates as decimal years (2026-07-02 is about 2026.5)."""
    days = np.atleast_1d(np.asarray(dates, dtype="datetime64[D]"))
    years = days.astype("datetime64[Y]")
    first = years.astype("datetime64[D]")
    length = (years + 1).astype("datetime64[D]") - first
    return years.astype("int64") + 1970 + (days - first) / length


def territory_observations(world: World, area_km2: float) -> pd.Series:
    """Russia's share of Ukraine by date: km2 rows over ``area_km2``, several sources averaged."""
    series = world.series
    rows = series[(series["subject"] == SUBJECT) & (series["counterpart"] == COUNTERPART)]
    rows = rows[rows["series"].isin(["territory_held_share", "territory_held_km2"])]
    values = rows["value"].astype("float64")
    share = values.where(rows["series"] == "territory_held_share", values / area_km2)
    return share.groupby(rows["date"]).mean().sort_index().rename("share")


def aid_rows(world: World, usd_per_eur: float) -> pd.DataFrame:
    """Military aid to Ukraine, one row per donor and year: ``date, year, usd``."""
    series = world.series
    rows = series[(series["subject"] == SUBJECT) & series["series"].isin(list(AID_SERIES))]
    euros = rows["series"].map(AID_SERIES).astype(bool)
    usd = rows["value"].astype("float64") * np.where(euros, usd_per_eur, 1.0)
    return pd.DataFrame({"date": rows["date"], "year": rows["date"].dt.year, "usd": usd})


def fit_aid_trend(totals: pd.Series) -> AidTrend:
    """Least-squares line through yearly aid totals (US$ by year); none recorded gives zero aid."""
    if len(totals) == 0:
        return AidTrend(0.0, 0.0, totals)
    if len(totals) == 1:
        return AidTrend(float(totals.iloc[0]), 0.0, totals)
    x = totals.index.to_numpy(dtype="float64") - WAR_START_YEAR
    slope, intercept = np.polyfit(x, totals.to_numpy(dtype="float64"), 1)
    return AidTrend(float(intercept), float(slope), totals)


def aid_trend(known: World, usd_per_eur: float) -> AidTrend:
    """The aid trend fitted to the yearly totals recorded in ``known`` (the world on ``as_of``)."""
    return fit_aid_trend(aid_rows(known, usd_per_eur).groupby("year")["usd"].sum())


def yearly_aid(rows: pd.DataFrame, years: np.ndarray, trend: AidTrend) -> np.ndarray:
    """Aid in each year (US$): the recorded total up to the trend's last year, then the trend
    plus any rows recorded for that year (a scenario's extra aid)."""
    year = rows["year"].to_numpy()
    usd = rows["usd"].to_numpy(dtype="float64")
    recorded = np.array([usd[year == y].sum() for y in years], dtype="float64")
    return np.where(years <= trend.last_year, recorded, trend.at(years) + recorded)


def _interpolated(world: World, variable: str, iso3: str, years: np.ndarray) -> np.ndarray:
    table = world.attributes
    rows = table[(table["variable"] == variable) & (table["iso3"] == iso3)].sort_values("year")
    if rows.empty:
        raise ModelInputError(f"attrition: {iso3}'s '{variable}' is missing from the world")
    return np.interp(years, rows["year"].to_numpy(), rows["value"].astype("float64").to_numpy())


Resources = dict[str, tuple[np.ndarray, np.ndarray]]


def resources(world: World, years: np.ndarray) -> Resources:
    """Russia's and Ukraine's military expenditure, GDP and population in each of ``years``.

    Linearly interpolated between the years recorded and held flat outside them: carrying the
    latest value forward instead would give Ukraine its 2021 military expenditure for 2022-2023.
    """
    return {
        variable: (
            _interpolated(world, variable, COUNTERPART, years),
            _interpolated(world, variable, SUBJECT, years),
        )
        for variable in RESOURCES
    }


def resource_share(
    inputs: Resources, aid_usd: np.ndarray, params: AttritionParameters
) -> np.ndarray:
    """Russia's share ``rho`` of the two sides' resources in each year (module docstring)."""
    rho = np.zeros(len(aid_usd))
    for variable, weight in params.weights.items():
        russia, ukraine = inputs[variable]
        if variable == "milex_usd":
            ukraine = ukraine + params.aid_effectiveness * aid_usd
        rho += weight * russia / (russia + ukraine)
    return rho


def _integral(years: np.ndarray, rho: np.ndarray, t0: float, t: np.ndarray) -> np.ndarray:
    """``int_t0^t rho`` for ``rho`` constant within each calendar year (exact, by interpolation)."""
    knots = np.append(years, years[-1] + 1).astype("float64")
    cumulative = np.concatenate([[0.0], np.cumsum(rho)])
    return np.interp(t, knots, cumulative) - np.interp(t0, knots, cumulative)


def _solve(t: np.ndarray, observed: np.ndarray, integral: np.ndarray, kappa: float):
    """Closed-form least squares for ``S0`` and ``rho*`` with ``kappa`` given."""
    design = np.column_stack([np.ones_like(t), -(t - t[0])])
    (start, drag), *_ = np.linalg.lstsq(design, observed - kappa * integral, rcond=None)
    fitted = start + kappa * integral - drag * (t - t[0])
    balance = drag / kappa if kappa > 0 else float("nan")
    return float(start), float(balance), fitted


def retreat_days(world: World, as_of: pd.Timestamp) -> list[pd.Timestamp]:
    """Days, on or before ``as_of``, on which Russia's hold on a Ukrainian region shrank.

    A retreat ends a ``region_control`` period held (or backed) by Russia, where the region's next
    period has another controller or a smaller stated ``area_share``; a period without a stated
    share is not compared (the 2022 annexation claims record none).
    """
    regions = world.regions
    ukrainian = set(regions[regions["de_jure"] == SUBJECT]["id"])
    control = world.region_control
    control = control[control["region"].isin(ukrainian)].sort_values(["region", "since"])
    days = []
    for _, periods in control.groupby("region", sort=True):
        for held, after in itertools.pairwise(periods.itertuples(index=False)):
            russian = COUNTERPART in (held.controller, held.backer)
            if not russian or pd.isna(held.until) or held.until > as_of:
                continue
            lost = COUNTERPART not in (after.controller, after.backer)
            shrank = (
                pd.notna(held.area_share)
                and pd.notna(after.area_share)
                and after.area_share < held.area_share
            )
            if lost or shrank:
                days.append(pd.Timestamp(held.until))
    return sorted(days)


def window_start(world: World, as_of: pd.Timestamp) -> pd.Timestamp:
    """The first day of the fit window: the day after the last retreat, or :data:`WAR_START`."""
    return max([WAR_START, *(day + pd.Timedelta(days=1) for day in retreat_days(world, as_of))])


def _observed(world: World, params: AttritionParameters) -> pd.Series:
    observed = territory_observations(world, params.ukraine_area_km2)
    if observed.empty:
        raise ModelInputError(
            "attrition: the world has no territory_held_share/km2 series for UKR held by RUS"
        )
    return observed


def _inputs(world: World, params: AttritionParameters, fit_start: pd.Timestamp):
    observed = _observed(world, params)
    as_of = pd.Timestamp(observed.index.max())
    window = observed[observed.index >= fit_start]
    if len(window) < MIN_POINTS:
        raise ModelInputError(
            f"attrition: expected at least {MIN_POINTS} territory observations from "
            f"{fit_start:%Y-%m-%d} to {as_of:%Y-%m-%d}, got {len(window)}"
        )
    return observed, as_of, window


def can_fit(world: World, params: AttritionParameters) -> bool:
    """Whether the window rule leaves :data:`MIN_POINTS` observations to fit on ``world``."""
    observed = _observed(world, params)
    as_of = pd.Timestamp(observed.index.max())
    return int((observed.index >= window_start(world, as_of)).sum()) >= MIN_POINTS


@dataclass(frozen=True)
class FitFacts:
    """What the fit reads of the world (:func:`fit_facts`), so a draw refits without reading it.

    ``window`` the territory observations fitted (share by date), ``years`` the calendar years they
    span, ``rows`` the aid rows known on ``as_of``, ``trend`` the aid trend fitted to them,
    ``inputs`` both sides' resources in ``years``.
    """

    as_of: pd.Timestamp
    fit_start: pd.Timestamp
    window: pd.Series
    years: np.ndarray
    rows: pd.DataFrame
    trend: AidTrend
    inputs: Resources
    usd_per_eur: float
    area_km2: float


def fit_facts(
    world: World, params: AttritionParameters, *, fit_start: pd.Timestamp | None = None
) -> FitFacts:
    """Read what :func:`fit_attrition` needs; ``fit_start`` defaults to the window rule."""
    as_of = pd.Timestamp(_observed(world, params).index.max())
    if fit_start is None:
        fit_start = window_start(world, as_of)
    _, as_of, _ = _inputs(world, params, fit_start)
    known = world.at(as_of)
    _, _, window = _inputs(known, params, fit_start)
    rows = aid_rows(known, params.usd_per_eur)
    years = np.arange(fit_start.year, as_of.year + 1)
    return FitFacts(
        as_of=as_of,
        fit_start=fit_start,
        window=window,
        years=years,
        rows=rows,
        trend=aid_trend(known, params.usd_per_eur),
        inputs=resources(known, years),
        usd_per_eur=params.usd_per_eur,
        area_km2=params.ukraine_area_km2,
    )


def fit_attrition(
    world: World, params: AttritionParameters, *, fit_start: pd.Timestamp | None = None
) -> AttritionFit:
    """Calibrate the model to the territory series in its window, up to its last date, ``as_of``.

    ``fit_start`` defaults to the window rule (:func:`window_start`). Only what the world held on
    ``as_of`` is used (``world.at(as_of)``), so shocks dated later (a scenario's extra aid or
    control changes) never change the fit. Raises :class:`ModelInputError` with fewer than
    :data:`MIN_POINTS` observations in the window.
    """
    return fit_from(fit_facts(world, params, fit_start=fit_start), params)


def _check_facts(facts: FitFacts | ProjectionFacts, params: AttritionParameters) -> None:
    """Raise unless ``params`` convert and measure as the facts were read with."""
    if (facts.usd_per_eur, facts.area_km2) != (params.usd_per_eur, params.ukraine_area_km2):
        raise ModelInputError(
            "attrition: 'usd_per_eur' and 'ukraine_area_km2' must be those the facts were read with"
        )


def fit_from(facts: FitFacts, params: AttritionParameters) -> AttritionFit:
    """The fit of :func:`fit_attrition` from facts already read (the maths only)."""
    _check_facts(facts, params)
    window, years = facts.window, facts.years
    aid = yearly_aid(facts.rows, years, facts.trend)
    rho = resource_share(facts.inputs, aid, params)
    t = decimal_year(window.index)
    integral = _integral(years, rho, t[0], t)
    observed = window.to_numpy()
    start, balance, fitted = _solve(t, observed, integral, params.sensitivity)
    free = np.column_stack([np.ones_like(t), integral, t - t[0]])
    (_, free_kappa, _), *_ = np.linalg.lstsq(free, observed, rcond=None)
    year_of = window.index.year.to_numpy()
    history = pd.DataFrame(
        {
            "date": window.index,
            "observed": observed,
            "fitted": fitted,
            "residual": observed - fitted,
            "resource_share": rho[year_of - years[0]],
        }
    ).reset_index(drop=True)
    return AttritionFit(
        as_of=facts.as_of,
        sensitivity=params.sensitivity,
        balance=balance,
        start_share=start,
        rmse=float(np.sqrt(np.mean((observed - fitted) ** 2))),
        free_sensitivity=float(free_kappa),
        aid=facts.trend,
        history=history,
        window_start=facts.fit_start,
    )


@dataclass(frozen=True)
class _Map:
    """Regions of Ukraine with their areas, and the km2 Russia holds in each on ``as_of``."""

    names: list[str]
    area: np.ndarray
    held: np.ndarray
    front: np.ndarray
    elsewhere: float
    overrides: list[tuple[pd.Timestamp, pd.Timestamp | None, int, float]]


def _map(world: World, as_of: pd.Timestamp, held_total_km2: float, area_km2: float) -> _Map:
    regions = world.regions
    ukrainian = regions[regions["de_jure"] == SUBJECT]["id"]
    areas = world.region_attributes
    areas = areas[(areas["variable"] == "area_km2") & areas["region"].isin(ukrainian)]
    area = areas.sort_values("year").groupby("region")["value"].last().astype("float64")
    names = sorted(area.index)
    control = world.region_control
    control = control[control["region"].isin(names)]

    def russian_share(row: Any) -> float:
        if COUNTERPART not in (row.controller, row.backer):
            return 0.0
        return 1.0 if pd.isna(row.area_share) else float(row.area_share)

    now = control[holds_on("region_control", control, as_of)]
    share = dict.fromkeys(names, 0.0)
    for row in now.itertuples(index=False):
        share[row.region] = russian_share(row)
    held = np.array([share[n] * area[n] for n in names])
    later = control[control["since"] > as_of]
    overrides = [
        (
            row.since,
            None if pd.isna(row.until) else row.until,
            names.index(row.region),
            russian_share(row),
        )
        for row in later.itertuples(index=False)
    ]
    outside = area_km2 - float(area.sum())
    return _Map(
        names=names,
        area=area[names].to_numpy(),
        held=held,
        front=np.array([0.0 < share[n] < 1.0 for n in names]),
        elsewhere=float(np.clip(held_total_km2 - held.sum(), 0.0, outside)),
        overrides=overrides,
    )


def _advance(held: np.ndarray, elsewhere: float, change: float, m: _Map, outside: float):
    """Allocate a change in km2 held over the front regions and the rest of Ukraine."""
    held = held.copy()
    if change >= 0:
        room = np.where(m.front, m.area - held, 0.0)
        space = room.sum()
        taken = min(change, space)
        if space > 0:
            held += taken * room / space
        return held, min(elsewhere + change - taken, outside)
    pool = held[m.front].sum() + elsewhere
    keep = 1.0 - min(1.0, -change / pool) if pool > 0 else 1.0
    held[m.front] *= keep
    return held, elsewhere * keep


def _project(
    m: _Map,
    start_km2: float,
    times: np.ndarray,
    dates: pd.DatetimeIndex,
    years: np.ndarray,
    rho: np.ndarray,
    kappa: float,
    balance: float,
    area_km2: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Held km2 in total and by region (plus ``elsewhere`` last) at each of ``times``."""
    outside = area_km2 - float(m.area.sum())
    held, elsewhere = m.held.copy(), m.elsewhere
    totals, by_region = [start_km2], [np.append(held, elsewhere)]
    for step in range(1, len(times)):
        change = 0.0
        if kappa > 0:
            moved = _integral(years, rho - balance, times[step - 1], times[step])
            change = kappa * float(moved) * area_km2
        held, elsewhere = _advance(held, elsewhere, change, m, outside)
        day = dates[step]
        for since, until, index, share in m.overrides:
            if since <= day and (until is None or day < until):
                held[index] = share * m.area[index]
        totals.append(held.sum() + elsewhere)
        by_region.append(np.append(held, elsewhere))
    return np.array(totals), np.array(by_region)


def project_attrition(
    world: World,
    params: AttritionParameters,
    *,
    horizon: int,
    seed: int | np.random.Generator,
    draws: int = 500,
    fit: AttritionFit | None = None,
) -> AttritionPath:
    """The share of Ukraine held by Russia on each 31 December up to ``horizon``, with its band.

    Parameters
    ----------
    world
        The world, possibly changed by a scenario's shocks (extra aid rows, control changes).
    params
        From :func:`parameters_from` on the ``attrition`` weights file.
    horizon
        The last year of the path (at least the year of the last territory observation).
    seed
        An int or a :class:`numpy.random.Generator` for the band's draws.
    draws
        Number of parameter draws for the band (>= 1).
    fit
        A calibration to hold fixed (e.g. the baseline's); by default :func:`fit_attrition` on
        ``world``, or the persistence fallback (:func:`persistence_path`) when the window rule
        leaves too few observations to fit.
    """
    if fit is None and not can_fit(world, params):
        return persistence_path(world, params, horizon=horizon, draws=draws)
    fit = fit if fit is not None else fit_attrition(world, params)
    _check_run(fit.as_of, horizon, draws)
    facts = projection_facts(world, params, horizon=horizon, fit=fit)
    return project_from(facts, params, fit, seed=seed, draws=draws)


@dataclass(frozen=True)
class ProjectionFacts:
    """What the projection reads of the world (:func:`projection_facts`), for draws that only compute."""

    as_of: pd.Timestamp
    start_km2: float
    dates: pd.DatetimeIndex
    times: np.ndarray
    years: np.ndarray
    rows: pd.DataFrame
    trend: AidTrend
    map: _Map
    inputs: Resources
    known_rows: pd.DataFrame
    history_years: np.ndarray
    known_inputs: Resources
    usd_per_eur: float
    area_km2: float


def projection_facts(
    world: World, params: AttritionParameters, *, horizon: int, fit: AttritionFit
) -> ProjectionFacts:
    """Read what the projection from ``fit.as_of`` to ``horizon`` needs (none of it depends on the
    fitted values, only on the fit's dates)."""
    as_of = fit.as_of
    _check_run(as_of, horizon, 1)
    area_km2 = params.ukraine_area_km2
    observed = territory_observations(world, area_km2)
    start_km2 = float(observed.loc[as_of]) * area_km2
    dates = _path_dates(as_of, horizon)
    years = np.arange(fit.history["date"].min().year, horizon + 1)
    known = world.at(as_of)
    history_years = np.arange(years[0], as_of.year + 1)
    return ProjectionFacts(
        as_of=as_of,
        start_km2=start_km2,
        dates=dates,
        # each 31 December is taken at the end of its day, i.e. the start of the next year
        times=np.where(dates > as_of, dates.year + 1.0, decimal_year(dates)),
        years=years,
        rows=aid_rows(world, params.usd_per_eur),
        trend=aid_trend(known, params.usd_per_eur),
        map=_map(world, as_of, start_km2, area_km2),
        inputs=resources(world, years),
        known_rows=aid_rows(known, params.usd_per_eur),
        history_years=history_years,
        known_inputs=resources(known, history_years),
        usd_per_eur=params.usd_per_eur,
        area_km2=area_km2,
    )


def _run_path(
    facts: ProjectionFacts,
    params: AttritionParameters,
    kappa: float,
    balance: float,
    trend: AidTrend,
):
    aid = yearly_aid(facts.rows, facts.years, trend)
    rho = resource_share(facts.inputs, aid, params)
    total, regions = _project(
        facts.map,
        facts.start_km2,
        facts.times,
        facts.dates,
        facts.years,
        rho,
        kappa,
        balance,
        facts.area_km2,
    )
    return total, regions, aid, rho


def drawn_path(
    facts: ProjectionFacts, params: AttritionParameters, fit: AttritionFit, rng: np.random.Generator
) -> np.ndarray:
    """One draw of the band: km2 held at each of ``facts.dates``.

    ``kappa`` uniform in its range, ``S0, rho*`` refitted to a residual bootstrap of the territory
    fit, the aid trend refitted to a residual bootstrap of the yearly aid totals.
    """
    trend = facts.trend
    totals = trend.totals
    history = fit.history
    t = decimal_year(history["date"])
    residuals = history["residual"].to_numpy()
    kappa = rng.uniform(params.sensitivity_low, params.sensitivity_high)
    drawn = trend
    if len(totals) >= 3:
        aid_fitted = trend.at(totals.index.to_numpy())
        aid_residuals = totals.to_numpy() - aid_fitted
        resampled = aid_fitted + rng.choice(aid_residuals, size=len(totals))
        drawn = fit_aid_trend(pd.Series(resampled, index=totals.index))
    pseudo = history["fitted"].to_numpy() + rng.choice(residuals, size=len(residuals))
    past_aid = yearly_aid(facts.known_rows, facts.history_years, drawn)
    past_rho = resource_share(facts.known_inputs, past_aid, params)
    integral = _integral(facts.history_years, past_rho, t[0], t)
    _, balance, _ = _solve(t, pseudo, integral, kappa)
    return _run_path(facts, params, kappa, balance, drawn)[0]


def project_from(
    facts: ProjectionFacts,
    params: AttritionParameters,
    fit: AttritionFit,
    *,
    seed: int | np.random.Generator,
    draws: int,
) -> AttritionPath:
    """The path and band of :func:`project_attrition` from facts already read (the maths only)."""
    _check_facts(facts, params)
    _check_run(facts.as_of, int(facts.dates[-1].year), draws)
    rng = np.random.default_rng(seed)
    central, regions, aid, rho = _run_path(facts, params, fit.sensitivity, fit.balance, facts.trend)
    sample = np.empty((draws, len(facts.dates)))
    for b in range(draws):
        sample[b] = drawn_path(facts, params, fit, rng)
    low, high = np.quantile(sample, BAND, axis=0)
    dates, area_km2 = facts.dates, facts.area_km2
    year_index = dates.year.to_numpy() - facts.years[0]
    path = pd.DataFrame(
        {
            "date": dates,
            "share_held": central / area_km2,
            "share_low": np.minimum(low, central) / area_km2,
            "share_high": np.maximum(high, central) / area_km2,
            "km2_held": central,
            "aid_usd": aid[year_index],
            "resource_share": rho[year_index],
        }
    )
    region_table = _region_table(facts.map, dates, regions)
    return AttritionPath(fit=fit, aid=facts.trend, path=path, regions=region_table, draws=draws)


def _check_run(as_of: pd.Timestamp, horizon: int, draws: int) -> None:
    if horizon < as_of.year:
        raise ModelInputError(
            f"argument 'horizon': expected a year >= {as_of.year} (the last observation), got {horizon}"
        )
    if draws < 1:
        raise ModelInputError(f"argument 'draws': expected >= 1, got {draws}")


def _path_dates(as_of: pd.Timestamp, horizon: int) -> pd.DatetimeIndex:
    """``as_of``, then each 31 December after it up to ``horizon``."""
    ends = pd.DatetimeIndex(
        [pd.Timestamp(year=y, month=12, day=31) for y in range(as_of.year, horizon + 1)]
    )
    return pd.DatetimeIndex([as_of]).append(ends[ends > as_of])


def _region_table(m: _Map, dates: pd.DatetimeIndex, regions: np.ndarray) -> pd.DataFrame:
    names = [*m.names, ELSEWHERE]
    areas = np.append(m.area, np.nan)
    table = pd.DataFrame(
        {
            "date": np.repeat(dates, len(names)),
            "region": names * len(dates),
            "area_km2": np.tile(areas, len(dates)),
            "km2_held": regions.ravel(),
        }
    )
    table.insert(3, "share_of_region", table["km2_held"] / table["area_km2"])
    return table


def persistence_path(
    world: World, params: AttritionParameters, *, horizon: int, draws: int = 1
) -> AttritionPath:
    """The fallback before the model can be fitted: the last observed share, carried forward.

    .. math::

        S(t) = S(t_0), \\qquad \\text{band } S(t_0) \\pm w \\sqrt{t - t_0}

    ``t_0`` is the last observation (``as_of``) and ``w`` the largest change of the share between
    two consecutive observations since the invasion (:data:`WAR_START`, the last observation before
    it included), per observation and not per year, so the band is wide: in March 2022 it spans
    the 0.07 to 0.26 swing of the invasion's first week. The band is clipped to [0, 1]. It is a
    baseline, not a model of the war (persistence, as in the forecasting literature's naive
    forecast); ``fit.method`` is ``"persistence"``. ``draws`` is recorded only: the band has no
    sampling.
    """
    observed = _observed(world, params)
    as_of = pd.Timestamp(observed.index.max())
    _check_run(as_of, horizon, draws)
    area_km2 = params.ukraine_area_km2
    start = window_start(world, as_of)
    war = observed[observed.index >= observed.index[observed.index < WAR_START].max()]
    if observed.index.min() >= WAR_START:
        war = observed
    width = float(war.diff().abs().max()) if len(war) > 1 else 1.0
    dates = _path_dates(as_of, horizon)
    times = np.where(dates > as_of, dates.year + 1.0, decimal_year(dates))
    spread = width * np.sqrt(times - times[0])
    share = float(observed.loc[as_of])
    known = world.at(as_of)
    trend = aid_trend(known, params.usd_per_eur)
    aid = yearly_aid(aid_rows(world, params.usd_per_eur), dates.year.to_numpy(), trend)
    path = pd.DataFrame(
        {
            "date": dates,
            "share_held": share,
            "share_low": np.clip(share - spread, 0.0, 1.0),
            "share_high": np.clip(share + spread, 0.0, 1.0),
            "km2_held": share * area_km2,
            "aid_usd": aid,
            "resource_share": np.nan,
        }
    )
    m = _map(world, as_of, share * area_km2, area_km2)
    regions = np.tile(np.append(m.held, m.elsewhere), (len(dates), 1))
    window = observed[observed.index >= start]
    history = pd.DataFrame(
        {
            "date": window.index,
            "observed": window.to_numpy(),
            "fitted": np.nan,
            "residual": np.nan,
            "resource_share": np.nan,
        }
    ).reset_index(drop=True)
    fit = AttritionFit(
        as_of=as_of,
        sensitivity=0.0,
        balance=float("nan"),
        start_share=share,
        rmse=float("nan"),
        free_sensitivity=float("nan"),
        aid=trend,
        history=history,
        window_start=start,
        method="persistence",
    )
    return AttritionPath(
        fit=fit, aid=trend, path=path, regions=_region_table(m, dates, regions), draws=draws
    )
