"""Belarus's integration ladder: the yearly chance of climbing one rung toward one state with Russia.

The essay's chain for Belarus: Western sanctions push it toward Russia, Russia pays with cheap gas and
ruble credit, the war in Ukraine raises the stakes, and a guaranteed father-to-son succession removes
the last brake. The model is a discrete-time Markov chain over the rungs of
:func:`postsoviet.data.integration_ladder.read_ladder_stages` (0 separate states ... 5 one state).
In year ``t`` a state on rung ``k`` climbs to ``k + 1`` with probability

.. math::

    h_{k,t} = 1 - \\exp(-e^{\\eta_{k,t}}), \\qquad
    \\eta_{k,t} = b_0 - b_k\\,k + b_S S_t + b_G G_t + b_L L_t + b_W W_t - b_R R_t

and otherwise stays; it never climbs two rungs in a year or moves down. This is the complementary
log-log model of discrete-time event histories (Allison 1982, "Discrete-time methods for the
analysis of event histories", *Sociological Methodology* 13: 61-98; Singer and Willett 2003,
*Applied Longitudinal Data Analysis*, ch. 12): ``e^eta`` is the annual rate of a step, so each
coefficient is a log rate ratio (war multiplies the rate by ``e^{b_W}``) and the rate is positive
whatever the drivers. The drivers of year ``t`` are read from the world as it stood on 1 July of
``t`` (the middle of the year's exposure):

- ``S`` sanctions pressure: ``ln(1 + n)``, ``n`` the packages against BLR or RUS by other senders in
  force (not lifted; dated on or before the day; packages carry no end), a package of scope ``individuals`` counting
  ``scope_individuals`` and one of scope ``comprehensive`` counting ``scope_comprehensive``;
- ``G`` the gas subsidy: European hub price minus Belarus's price from Russia, latest values at or
  before the day, in thousand USD per 1000 m3 (= bn USD per bcm), 0 when negative or unknown;
- ``L`` Russian state loans to Belarus agreed in the three years up to the day, bn USD;
- ``W`` war: 1 while Russia controls part of a mainland Ukrainian oblast (``region_control``), which
  in the data holds from 2022-02-24; Crimea, Sevastopol and the proxy-held Donbas of 2014-2022 do not
  count;
- ``R`` succession risk: Belarus's head of state's annual mortality relative to a 70-year-old,
  ``2^((age - 70) / 8)`` (Gompertz's law, adult human mortality doubling about every 8 years: Finch,
  Pike and Witten 1990, *Science* 249: 902), times ``1 - hereditary_discount`` when he succeeded a
  relative. An unknown birth date is replaced by the median age at which the world's heads of state
  took office, and flagged.

``b_0`` is calibrated by maximum likelihood on the observed path 2000-2021
(:func:`calibrate_intercept`); the other weights are analyst judgment, each with its reasoning in
``integration_ladder_weights.csv``.

A merger of Belarus into Russia in the world (a ``merger`` event, which the scenario shock
``merge`` writes) puts the chain on the top rung from the merger's year; a hereditary succession
is a ``succession`` event tagged ``hereditary`` (the ``leader`` shock writes it). World tables
read: ``sanctions``, ``series`` (``gas_import_price_usd_per_1000m3`` BLR from RUS,
``gas_hub_price_usd_per_1000m3`` EU, ``state_loan_usd`` BLR from RUS), ``region_control`` and
``regions`` (UKR oblasts), ``leaders`` (BLR heads of state) and ``events`` (merger, succession).

A stylised chain of incentives: it cannot see negotiations, protests, a coup, or a step down.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from postsoviet.data.integration_ladder import Stage
from postsoviet.errors import ModelInputError
from postsoviet.world import World
from postsoviet.world.world import holds_on

SUBJECT = "BLR"
PATRON = "RUS"
COMPONENTS = (
    "intercept",
    "stage_step",
    "sanctions",
    "scope_individuals",
    "scope_comprehensive",
    "gas_gap",
    "loans",
    "war",
    "succession",
    "hereditary_discount",
)
LOAN_WINDOW_YEARS = 3
MORTALITY_DOUBLING_YEARS = 8.0
REFERENCE_AGE = 70.0
HISTORY = (2000, 2021)


def driver_day(year: int) -> pd.Timestamp:
    """The day on which the drivers of ``year`` are read: 1 July."""
    return pd.Timestamp(year=year, month=7, day=1)


def _check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    if set(weights) != set(COMPONENTS):
        raise ModelInputError(
            f"integration ladder weights: expected exactly {list(COMPONENTS)}, got {sorted(weights)}"
        )
    checked = {name: float(weights[name]) for name in COMPONENTS}
    for name, value in checked.items():
        if not math.isfinite(value):
            raise ModelInputError(f"integration ladder weight '{name}': expected a number")
    if not 0 <= checked["hereditary_discount"] <= 1:
        raise ModelInputError(
            "integration ladder weight 'hereditary_discount': expected [0, 1], "
            f"got {checked['hereditary_discount']}"
        )
    return checked


def years_between(start: int, end: int, *, argument: str = "horizon") -> range:
    """The years from ``start`` to ``end`` inclusive; an error naming ``argument`` if it is before."""
    if end < start:
        raise ModelInputError(f"argument '{argument}': expected a year >= {start}, got {end}")
    return range(start, end + 1)


def merger_date(world: World) -> pd.Timestamp | None:
    """The day Belarus became part of Russia in ``world`` (a scenario's merge), or ``None``.

    Read from the events: the first ``merger`` event whose actors are Belarus and then Russia
    (``BLR;RUS``, as :func:`postsoviet.scenarios.shocks.merge_actors` writes it).
    """
    events = world.events
    merged = events[(events["kind"] == "merger") & (events["actors"] == f"{SUBJECT};{PATRON}")]
    return None if merged.empty else pd.Timestamp(merged["date"].min())


def _is_hereditary(events: pd.DataFrame, iso3: str, took_office: pd.Timestamp) -> bool:
    """Whether a ``succession`` event tagged ``hereditary`` seated ``iso3``'s leader that day."""
    rows = events[
        (events["kind"] == "succession")
        & (events["actors"] == iso3)
        & (events["date"] == took_office)
    ]
    return any("hereditary" in str(tags).split(";") for tags in rows["tags"])


def ladder_drivers(
    world: World, years: Sequence[int], weights: Mapping[str, float]
) -> pd.DataFrame:
    """The drivers of each year (read on :func:`driver_day`), indexed by year.

    Columns: ``day``; ``sanctions_packages`` (count) and ``sanctions`` (S); ``gas_price_usd``,
    ``gas_price_date``, ``hub_price_usd``, ``hub_price_date`` (USD/1000m3, the observations used)
    and ``gas_gap`` (G, thousand USD/1000m3); ``loans_bn_usd`` (L); ``war`` (W);
    ``head_of_state``, ``age`` (years), ``hereditary`` and ``succession`` (R); ``missing`` (the
    inputs that were not in the world, counted 0 or replaced as the module docstring says).
    """
    return weigh_drivers(ladder_facts(world, years), weights)


def weigh_drivers(facts: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """:func:`ladder_drivers` from :func:`ladder_facts`: the weighted terms S and R.

    ``S = log(1 + sum over packages in force of the scope's weight)`` (1 for a sectoral package),
    ``R = mortality * (1 - hereditary_discount * hereditary)``.
    """
    w = _check_weights(weights)
    scope_weight = {
        "individuals": w["scope_individuals"],
        "comprehensive": w["scope_comprehensive"],
    }
    sanctions = [
        math.log1p(float(sum(scope_weight.get(scope, 1.0) for scope in scopes)))
        for scopes in facts["scopes_in_force"]
    ]
    succession = facts["mortality"] * (1.0 - w["hereditary_discount"] * facts["hereditary"])
    drivers = facts.drop(columns=["scopes_in_force", "mortality"])
    drivers.insert(drivers.columns.get_loc("sanctions_packages") + 1, "sanctions", sanctions)
    drivers.insert(drivers.columns.get_loc("hereditary") + 1, "succession", succession)
    return drivers


def ladder_facts(world: World, years: Sequence[int]) -> pd.DataFrame:
    """The weight-free facts behind :func:`ladder_drivers`, indexed by year: its columns, with
    ``scopes_in_force`` (the scope of each package in force) in place of ``sanctions`` and
    ``mortality`` (the undiscounted risk) in place of ``succession``."""
    sanctions = world.sanctions
    # outside pressure: packages on Belarus or Russia by anyone but the two themselves (Russia's
    # own bans on Belarus, e.g. the 2009 dairy ban, are the patron's leverage, not the push)
    sanctions = sanctions[
        sanctions["target"].isin([SUBJECT, PATRON]) & ~sanctions["sender"].isin([SUBJECT, PATRON])
    ]
    scopes = sanctions["scope"].to_numpy()
    series = world.series
    series = series.assign(value=pd.to_numeric(series["value"], errors="coerce"))
    loans = series[
        (series["series"] == "state_loan_usd")
        & (series["subject"] == SUBJECT)
        & (series["counterpart"] == PATRON)
    ]
    regions = world.regions
    oblasts = set(regions[(regions["kind"] == "oblast") & (regions["de_jure"] == "UKR")]["id"])
    control = world.region_control
    control = control[(control["controller"] == PATRON) & control["region"].isin(oblasts)]
    events = world.events
    leaders = world.leaders
    heads = leaders[(leaders["office"] == "head_of_state")].sort_values("took_office")
    known = heads.dropna(subset=["born"])
    median_age = float(((known["took_office"] - known["born"]).dt.days / 365.25).median())
    mine = heads[heads["iso3"] == SUBJECT].reset_index(drop=True)
    rows = []
    for year in years:
        day = driver_day(year)
        missing = []
        in_force = holds_on("sanctions", sanctions, day).to_numpy()
        gas = world.latest("gas_import_price_usd_per_1000m3", SUBJECT, day, counterpart=PATRON)
        hub = world.latest("gas_hub_price_usd_per_1000m3", "EU", day)
        if gas is None:
            missing.append("gas price BLR from RUS")
        if hub is None:
            missing.append("European hub gas price")
        gap = 0.0
        if gas is not None and hub is not None:
            gap = max(0.0, hub.value - gas.value) / 1000.0
        window = loans[
            (loans["date"] <= day) & (loans["date"] > day - pd.DateOffset(years=LOAN_WINDOW_YEARS))
        ]
        holding = holds_on("region_control", control, day)
        tenure = mine[holds_on("leaders", mine, day)]
        name, age, hereditary, risk = None, math.nan, False, 0.0
        if tenure.empty:
            missing.append("BLR head of state")
        else:
            position = tenure.index[-1]
            current = tenure.loc[position]
            name = str(current["name"])
            if pd.isna(current["born"]):
                missing.append("BLR head of state's birth date (median age at taking office used)")
                age = median_age + (day - current["took_office"]).days / 365.25
            else:
                age = (day - current["born"]).days / 365.25
            hereditary = _is_hereditary(events, SUBJECT, current["took_office"])
            risk = 2.0 ** ((age - REFERENCE_AGE) / MORTALITY_DOUBLING_YEARS)
        rows.append(
            {
                "year": year,
                "day": day,
                "sanctions_packages": int(in_force.sum()),
                "scopes_in_force": tuple(scopes[in_force]),
                "gas_price_usd": gas.value if gas is not None else math.nan,
                "gas_price_date": gas.date if gas is not None else pd.NaT,
                "hub_price_usd": hub.value if hub is not None else math.nan,
                "hub_price_date": hub.date if hub is not None else pd.NaT,
                "gas_gap": gap,
                "loans_bn_usd": float(window["value"].sum()) / 1e9,
                "war": float(holding.any()),
                "head_of_state": name,
                "age": age,
                "hereditary": hereditary,
                "mortality": risk,
                "missing": ", ".join(missing),
            }
        )
    return pd.DataFrame(rows).set_index("year")


def _offset(drivers: pd.DataFrame, w: Mapping[str, float]) -> np.ndarray:
    """``eta`` without the intercept and the stage term, per year."""
    return (
        w["sanctions"] * drivers["sanctions"].to_numpy()
        + w["gas_gap"] * drivers["gas_gap"].to_numpy()
        + w["loans"] * drivers["loans_bn_usd"].to_numpy()
        + w["war"] * drivers["war"].to_numpy()
        - w["succession"] * drivers["succession"].to_numpy()
    )


def step_hazard(eta: np.ndarray | float) -> np.ndarray:
    """``1 - exp(-e^eta)``: the probability of a step in a year at log rate ``eta``."""
    return -np.expm1(-np.exp(eta))


def stage_reached(stages: Sequence[Stage], day: pd.Timestamp) -> int:
    """The highest rung the stages' history records as reached on or before ``day``."""
    reached = [s.index for s in stages if s.reached is not None and s.reached <= day]
    if not reached:
        raise ModelInputError(
            f"integration ladder: no stage is recorded as reached on or before {day:%Y-%m-%d}"
        )
    return max(reached)


@dataclass(frozen=True)
class LadderForecast:
    """Probabilities of each rung on 31 December of each year, from ``start`` to ``horizon``.

    ``probabilities``: years x stage names (each row sums to 1); ``expected``: the expected rung
    index per year; ``hazards``: years x stage names, the probability of a step up from that rung in
    that year (the top rung 0); ``drivers``: :func:`ladder_drivers`; ``initial_stage``: the rung on
    1 January of ``start``; ``merged``: the day of a merger in the world, or ``None``.
    """

    start: int
    horizon: int
    stages: tuple[Stage, ...]
    initial_stage: int
    probabilities: pd.DataFrame
    expected: pd.Series
    hazards: pd.DataFrame
    drivers: pd.DataFrame
    merged: pd.Timestamp | None

    def to_df(self) -> pd.DataFrame:
        """Tidy table ``year, stage, name, probability``."""
        tidy = self.probabilities.rename_axis(columns="name").stack().rename("probability")
        tidy = tidy.reset_index()
        index = {s.name: s.index for s in self.stages}
        tidy.insert(1, "stage", tidy["name"].map(index))
        return tidy

    def at_least(self, stage: int) -> pd.Series:
        """The probability, per year, of being on rung ``stage`` or higher."""
        return self.probabilities.iloc[:, stage:].sum(axis=1)


def ladder_forecast(
    world: World,
    stages: Sequence[Stage],
    weights: Mapping[str, float],
    *,
    start: int,
    horizon: int,
    initial_stage: int | None = None,
) -> LadderForecast:
    """Run the chain from 1 January of ``start`` to 31 December of ``horizon``.

    ``initial_stage`` defaults to the rung the stages' history records on 1 January of ``start``
    (the top rung if the world has Belarus merged into Russia by then). The equation and the world
    tables read are in the module docstring.
    """
    _check_weights(weights)
    years = years_between(start, horizon)
    facts = ladder_facts(world, years)
    return ladder_chain(
        facts, stages, weights, merged=merger_date(world), initial_stage=initial_stage
    )


def ladder_chain(
    facts: pd.DataFrame,
    stages: Sequence[Stage],
    weights: Mapping[str, float],
    *,
    merged: pd.Timestamp | None,
    initial_stage: int | None = None,
) -> LadderForecast:
    """The chain over the years of ``facts`` (:func:`ladder_facts`): the module docstring's equation.

    ``merged`` is the day of a merger in the world (the chain sits on the top rung from then).
    """
    w = _check_weights(weights)
    stages = tuple(stages)
    years = list(facts.index)
    start, horizon = years[0], years[-1]
    top = len(stages) - 1
    first_day = pd.Timestamp(year=start, month=1, day=1)
    if initial_stage is None:
        initial_stage = stage_reached(stages, first_day)
        if merged is not None and merged <= first_day:
            initial_stage = top
    if not 0 <= initial_stage <= top:
        raise ModelInputError(f"argument 'initial_stage': expected 0..{top}, got {initial_stage}")
    drivers = weigh_drivers(facts, w)
    offset = _offset(drivers, w)
    rungs = np.arange(top)
    eta = w["intercept"] - w["stage_step"] * rungs[None, :] + offset[:, None]
    hazards = np.zeros((len(years), top + 1))
    hazards[:, :top] = step_hazard(eta)
    state = np.zeros(top + 1)
    state[initial_stage] = 1.0
    table = np.empty((len(years), top + 1))
    for row, year in enumerate(years):
        if merged is not None and merged <= pd.Timestamp(year=year, month=12, day=31):
            state = np.zeros(top + 1)
            state[top] = 1.0
            hazards[row] = 0.0
        else:
            moving = state * hazards[row]
            state = state - moving
            state[1:] += moving[:-1]
        table[row] = state
    names = [s.name for s in stages]
    index = pd.Index(list(years), name="year")
    probabilities = pd.DataFrame(table, index=index, columns=names)
    probabilities.attrs["unit"] = "probability of being on the rung on 31 December"
    expected = pd.Series(table @ np.arange(top + 1), index=index, name="expected_stage")
    return LadderForecast(
        start=start,
        horizon=horizon,
        stages=stages,
        initial_stage=initial_stage,
        probabilities=probabilities,
        expected=expected,
        hazards=pd.DataFrame(hazards, index=index, columns=names),
        drivers=drivers,
        merged=merged,
    )


def _observed_path(stages: Sequence[Stage], years: range) -> tuple[np.ndarray, np.ndarray]:
    """The rung on 1 January and on 31 December of each year, from the stages' history."""
    begin = np.array([stage_reached(stages, pd.Timestamp(year=y, month=1, day=1)) for y in years])
    end = np.array([stage_reached(stages, pd.Timestamp(year=y, month=12, day=31)) for y in years])
    return begin, end


def calibrate_intercept(
    world: World,
    stages: Sequence[Stage],
    weights: Mapping[str, float],
    *,
    start: int = HISTORY[0],
    end: int = HISTORY[1],
) -> float:
    """The maximum-likelihood ``b_0`` on the observed path ``start``..``end``, other weights fixed.

    Each year contributes ``log h`` if Belarus climbed a rung that year and ``log(1 - h)`` if not,
    ``h`` evaluated at the rung it stood on 1 January. The log-likelihood is concave in ``b_0``
    (cloglog link), so the root of its derivative
    ``sum_climbed e^eta / (exp(e^eta) - 1) - sum_stayed e^eta`` is found by bisection.
    """
    w = _check_weights(weights)
    years = years_between(start, end, argument="end")
    begin, finish = _observed_path(stages, years)
    climbed = finish > begin
    if climbed.all() or not climbed.any():
        raise ModelInputError(
            f"integration ladder: the path {start}-{end} needs years with and without a step "
            "to calibrate the intercept"
        )
    fixed = _offset(ladder_drivers(world, years, w), w) - w["stage_step"] * begin

    def score(b0: float) -> float:
        rate = np.exp(b0 + fixed)
        return float(np.sum(rate[climbed] / np.expm1(rate[climbed])) - np.sum(rate[~climbed]))

    low, high = -30.0, 10.0
    for _ in range(200):
        middle = (low + high) / 2
        if score(middle) > 0:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True)
class HistoricalCheck:
    """The chain run over the observed years, next to the rungs Belarus actually stood on.

    ``table`` per year: ``observed`` (rung on 31 December), ``expected`` (model), ``p_observed``
    (the model's probability of the observed rung) and ``p_at_least_observed``;
    ``log_likelihood``: of the observed year-to-year steps (each year from the observed rung).
    """

    start: int
    end: int
    table: pd.DataFrame
    log_likelihood: float


def historical_check(
    world: World,
    stages: Sequence[Stage],
    weights: Mapping[str, float],
    *,
    start: int = HISTORY[0],
    end: int = HISTORY[1],
) -> HistoricalCheck:
    """Run the chain from the rung observed on 1 January of ``start`` to ``end`` and compare."""
    w = _check_weights(weights)
    forecast = ladder_forecast(world, stages, w, start=start, horizon=end)
    years = years_between(start, end, argument="end")
    begin, finish = _observed_path(stages, years)
    probabilities = forecast.probabilities.to_numpy()
    rows = np.arange(len(years))
    cumulative = probabilities[:, ::-1].cumsum(axis=1)[:, ::-1]
    table = pd.DataFrame(
        {
            "observed": finish,
            "expected": forecast.expected.to_numpy(),
            "p_observed": probabilities[rows, finish],
            "p_at_least_observed": cumulative[rows, finish],
        },
        index=forecast.probabilities.index,
    )
    hazard = forecast.hazards.to_numpy()[rows, begin]
    climbed = finish > begin
    log_likelihood = float(np.sum(np.log(np.where(climbed, hazard, 1.0 - hazard))))
    return HistoricalCheck(start=start, end=end, table=table, log_likelihood=log_likelihood)


def stages_as_known(stages: Sequence[Stage], cutoff: pd.Timestamp) -> tuple[Stage, ...]:
    """The rungs as known on ``cutoff``: a rung reached after it counts as not reached."""
    return tuple(
        dataclasses.replace(s, reached=None) if s.reached is not None and s.reached > cutoff else s
        for s in stages
    )


def refit_intercept(
    vintage: World, stages: Sequence[Stage], weights: Mapping[str, float]
) -> dict[str, float]:
    """``weights`` with ``intercept`` refitted on a data vintage (``vintage.cutoff`` set).

    The intercept is :func:`calibrate_intercept` on the years from ``HISTORY[0]`` to the last
    whole year before the cutoff, with the stages as known then (:func:`stages_as_known`) and
    the drivers of ``vintage`` (:meth:`World.known_on`), so nothing known later enters it.

    Raises
    ------
    ModelInputError
        When ``vintage`` is not a vintage (no cutoff) or the known path has no step to fit on
        (a cutoff before 2011: the first step, the customs union, is of 2010).
    """
    if vintage.cutoff is None:
        raise ModelInputError(
            "argument 'vintage': expected a data vintage, world.known_on(cutoff), got a world "
            "without a cutoff"
        )
    known = stages_as_known(stages, vintage.cutoff)
    refitted = dict(_check_weights(weights))
    end = vintage.cutoff.year - 1
    refitted["intercept"] = calibrate_intercept(vintage, known, refitted, start=HISTORY[0], end=end)
    return refitted


def ladder_as_of(
    vintage: World,
    stages: Sequence[Stage],
    weights: Mapping[str, float],
    *,
    horizon: int,
) -> LadderForecast:
    """The ladder as it could be run on ``vintage.cutoff``: parameters and data known that day.

    Runs :func:`ladder_forecast` from the cutoff's year to ``horizon`` on the vintage, with the
    stages as known on the cutoff and the intercept refitted on it (:func:`refit_intercept`);
    the other weights are judgment values, whose vintage is checked by
    :func:`postsoviet.data.judgment.judgment_as_of`. The first year starts on the rung known on
    the cutoff.
    """
    refitted = refit_intercept(vintage, stages, weights)
    known = stages_as_known(stages, vintage.cutoff)
    initial = stage_reached(known, vintage.cutoff)
    return ladder_forecast(
        vintage,
        known,
        refitted,
        start=vintage.cutoff.year,
        horizon=horizon,
        initial_stage=initial,
    )
