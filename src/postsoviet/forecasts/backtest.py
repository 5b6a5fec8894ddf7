"""Score forecasts against resolutions, beside the baselines on the same targets; store as a run.

``backtest_targets`` scores a targets file against its resolutions CSV; ``backtest_history``
scores the targets generated from the world's own history (:mod:`postsoviet.forecasts.history`),
raw and calibrated by rolling origin: the map used at cutoff ``c`` is fitted only on generated
targets whose window closed by ``c``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from postsoviet import disk_cache
from postsoviet.forecasts import scores
from postsoviet.forecasts.asked import AskedSet, asked_track, fit_asked_maps
from postsoviet.forecasts.baselines import BASELINES, baseline_ps
from postsoviet.forecasts.calibration import Calibration, calibration_label, fit_calibration
from postsoviet.forecasts.forecast import (
    P_MIN,
    Forecast,
    Models,
    Vintages,
    calibrate_latest_first,
    forecast_target,
)
from postsoviet.forecasts.history import HORIZONS, Resolved, generate
from postsoviet.forecasts.parallel import fork_map
from postsoviet.forecasts.targets import Target, TargetProblem
from postsoviet.world import World

HORIZON_BINS = (0.0, 0.5, 1.0, 2.0, 3.0, np.inf)
HORIZON_LABELS = ("<=0.5y", "0.5-1y", "1-2y", "2-3y", ">3y")
MIN_CALIBRATION = 50


def horizon_label(years: float) -> str:
    """The horizon bucket of a target (each bucket includes its upper edge)."""
    return HORIZON_LABELS[max(bisect.bisect_left(HORIZON_BINS, years) - 1, 0)]


def _scored(frame: pd.DataFrame, columns: Iterable[str]) -> dict[str, dict[str, float]]:
    return {c: scores.summary(frame[c].to_numpy(), frame["outcome"].to_numpy()) for c in columns}


def score_frame(frame: pd.DataFrame, forecasters: tuple[str, ...]) -> dict[str, Any]:
    """Scores overall, per family and per horizon; reliability and Murphy decomposition."""
    p, y = frame[forecasters[0]].to_numpy(), frame["outcome"].to_numpy()
    return {
        "n": len(frame),
        "scores": _scored(frame, forecasters),
        "by_family": {
            family: _scored(group, forecasters) for family, group in frame.groupby("family")
        },
        "by_horizon": {
            label: _scored(group, forecasters)
            for label, group in frame.groupby("horizon", observed=True)
        },
        "murphy": scores.murphy(p, y),
        "reliability": scores.reliability_table(p, y).to_dict(orient="records"),
    }


def backtest_targets(
    world: World,
    targets: list[Target],
    problems: list[TargetProblem],
    resolutions: pd.DataFrame,
    *,
    draws: int = 1000,
    seed: int = 0,
    calibration_on: Callable[[pd.Timestamp], Calibration | None] | None = None,
    data_version: str | None = None,
    models: Models | None = None,
) -> dict[str, Any]:
    """Forecast every target, then score the answered and resolved ones with the baselines.

    ``models`` as in :func:`~postsoviet.forecasts.forecast.forecast_targets`.
    """
    outcomes = resolutions.set_index("id")["outcome"].to_dict()
    calibrate_latest_first(calibration_on, targets)
    vintages = Vintages(world)
    models = models if models is not None else Models.embedded()
    rows, numeric, listed = [], [], []
    for target in targets:
        calibration = calibration_on(target.asked_on) if calibration_on is not None else None
        forecast = forecast_target(
            target,
            vintages,
            draws=draws,
            seed=seed,
            calibration=calibration,
            data_version=data_version,
            models=models,
        )
        outcome = outcomes.get(target.id)
        listed.append(_listed(forecast, outcome))
        if not forecast.answered or outcome is None:
            continue
        if forecast.p is None:
            numeric.append((forecast.quantiles["q05"], forecast.quantiles["q95"], outcome))
            continue
        _, facts = vintages(target.asked_on)
        rows.append(
            {
                "id": target.id,
                "family": target.quantity.family,
                "horizon": horizon_label(target.horizon_years),
                "outcome": float(outcome),
                "project": forecast.p,
                **baseline_ps(target, facts),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["id", "family", "horizon", "outcome", "project", *BASELINES]
    )
    result = score_frame(frame, ("project", *BASELINES))
    answered = sum(1 for t in listed if t["answered"])
    result.update(
        n=len(targets) + len(problems),
        answered=answered,
        scored=len(frame),
        coverage_90={
            "n": len(numeric),
            "share": scores.coverage(*np.array(numeric).T) if numeric else None,
        },
        problems=[str(p) for p in problems],
        targets=listed,
    )
    return result


def _listed(forecast: Forecast, outcome: float | None) -> dict[str, Any]:
    brier = (forecast.p - outcome) ** 2 if forecast.p is not None and outcome is not None else None
    return {
        "id": forecast.id,
        "answered": forecast.answered,
        "p": forecast.p,
        "quantiles": forecast.quantiles,
        "outcome": outcome,
        "brier": brier,
        "reason": forecast.reason,
    }


def history_frame(
    world: World,
    resolved: list[Resolved],
    *,
    baselines: bool = True,
    vintages: Vintages | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Raw project probability (and the baselines) for every generated target.

    The targets of each cutoff are answered together, the cutoffs spread over ``workers`` forked
    processes (:mod:`postsoviet.forecasts.parallel`; default: the cores available). ``vintages``
    may hold days already built (e.g. by :func:`generate`); the workers inherit them.
    """
    vintages = vintages if vintages is not None else Vintages(world)
    by_cutoff: dict[pd.Timestamp, list[Resolved]] = {}
    for item in resolved:
        by_cutoff.setdefault(item.target.asked_on, []).append(item)
    groups = list(by_cutoff.values())

    def rows_of(group: list[Resolved]) -> list[dict[str, Any] | None]:
        return _history_rows(group, vintages, baselines)

    done = fork_map(rows_of, groups, [len(g) for g in groups], workers)
    # back in the order of ``resolved``
    order = {id(item): n for n, item in enumerate(resolved)}
    rows = sorted(
        (
            (order[id(item)], row)
            for group, found in zip(groups, done, strict=True)
            for item, row in zip(group, found, strict=True)
            if row is not None
        ),
        key=lambda pair: pair[0],
    )
    return pd.DataFrame([row for _, row in rows]) if rows else pd.DataFrame()


def _history_rows(
    group: list[Resolved], vintages: Vintages, baselines: bool
) -> list[dict[str, Any] | None]:
    """One row per target of ``group`` (None where the project gives no probability)."""
    rows: list[dict[str, Any] | None] = []
    for item in group:
        target = item.target
        forecast = forecast_target(target, vintages, draws=200)
        if forecast.p is None:
            rows.append(None)
            continue
        _, facts = vintages(target.asked_on)
        rows.append(
            {
                "id": target.id,
                "cutoff": target.asked_on,
                "end": target.end,
                "family": target.quantity.family,
                "quantity": calibration_label(target.quantity.name, target.args),
                "horizon": horizon_label(target.horizon_years),
                "outcome": item.outcome,
                "raw": forecast.p,
                "hazard": forecast.model == "event_hazard",
                **(baseline_ps(target, facts) if baselines else {}),
            }
        )
    return rows


def rolling_calibration(frame: pd.DataFrame) -> np.ndarray:
    """Calibrated probabilities: at each cutoff, maps fitted on targets closed by that cutoff."""
    calibrated = frame["raw"].to_numpy(copy=True)
    for cutoff, index in frame.groupby("cutoff").groups.items():
        past = frame[(frame["end"] <= cutoff) & frame["hazard"]]
        if len(past) < MIN_CALIBRATION:
            continue
        calibration = fit_calibration(
            list(past["quantity"]), past["raw"].to_numpy(), past["outcome"].to_numpy()
        )
        rows = frame.loc[index]
        for position, row in zip(index, rows.itertuples(), strict=True):
            if row.hazard:
                calibrated[frame.index.get_loc(position)] = np.clip(
                    calibration.apply(row.quantity, row.raw), P_MIN, 1 - P_MIN
                )
    return calibrated


def backtest_history(
    world: World,
    start: pd.Timestamp,
    end: pd.Timestamp,
    horizons: tuple[float, ...] = HORIZONS,
    *,
    families: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Scores on generated targets: raw and calibrated project, and the baselines.

    ``families`` keeps only the targets of those families (all when empty). The calibration maps
    are per quantity, so a family's scores are the same whether or not the others are kept.
    """
    vintages = Vintages(world)
    resolved = generate(world, start, end, horizons, vintages=vintages)
    if families:
        resolved = [r for r in resolved if r.target.quantity.family in families]
    frame = history_frame(world, resolved, vintages=vintages)
    frame["project"] = rolling_calibration(frame)
    result = score_frame(frame, ("project", "raw", *BASELINES))
    result.update(
        {
            "from": f"{start:%Y-%m-%d}",
            "to": f"{end:%Y-%m-%d}",
            "horizons": list(horizons),
            "families": list(families),
            "answered": len(frame),
        }
    )
    return result


# The calibration maps a forecast uses are fitted on yearly cutoffs (the backtest uses six-monthly
# ones): half the targets, the same families and horizons, and fast enough for 100 targets a minute.
CALIBRATION_MONTHS = 12


def history_calibration(
    world: World, asked: AskedSet | None = None
) -> Callable[[pd.Timestamp], Calibration | None]:
    """Calibration maps as of a day: the history maps (:func:`history_maps`) and the asked map
    (:func:`with_asked_map`; default: the shipped asked questions).

    A world loaded from files keeps its generated history and its answers to the shipped asked
    questions on disk (:mod:`postsoviet.disk_cache`), under its data version, which covers the
    shipped asked questions too."""
    kept_as = world.digest if asked is None else None
    return with_asked_map(world, history_maps(world), asked, kept_as=kept_as)


def history_maps(world: World) -> Callable[[pd.Timestamp], Calibration | None]:
    """Calibration maps as of a day, fitted on generated targets closed by that day.

    The generated history for the latest day asked is built once and reused for earlier days
    (each keeps only the targets closed by its own day, so nothing later is used).
    """
    frames: dict[pd.Timestamp, pd.DataFrame] = {}
    maps: dict[pd.Timestamp, Calibration | None] = {}
    fits: dict[tuple[int, pd.Timestamp | None], Calibration | None] = {}

    def frame_for(day: pd.Timestamp) -> pd.DataFrame:
        covering = [d for d in frames if d >= day]
        if covering:
            return frames[min(covering)]
        frames[day] = kept_history_frame(world, day)
        return frames[day]

    def on(day: pd.Timestamp) -> Calibration | None:
        if day not in maps:
            frame = frame_for(day)
            # the map depends on day only through the targets closed by it: days between two
            # closing days share one fit
            closed = frame["end"][frame["end"] <= day] if len(frame) else frame
            key = (id(frame), closed.max() if len(closed) else None)
            if key not in fits:
                past = frame[(frame["end"] <= day) & frame["hazard"]] if len(frame) else frame
                fits[key] = (
                    fit_calibration(
                        past["quantity"].to_numpy(dtype=object),
                        past["raw"].to_numpy(),
                        past["outcome"].to_numpy(),
                    )
                    if len(past) >= MIN_CALIBRATION
                    else None
                )
            maps[day] = fits[key]
        return maps[day]

    return on


def kept_history_frame(world: World, day: pd.Timestamp) -> pd.DataFrame:
    """The generated history a forecast on ``day`` calibrates on (yearly cutoffs, targets known
    by ``day``). A world loaded from files keeps it on disk under its data version
    (:mod:`postsoviet.disk_cache`): the same data and code give the same frame, so it is built
    once, not once per forecast. A world built or changed in memory builds it every time."""

    def build() -> pd.DataFrame:
        vintages = Vintages(world)
        resolved = generate(
            world, end=day, known_by=day, months=CALIBRATION_MONTHS, vintages=vintages
        )
        return history_frame(world, resolved, baselines=False, vintages=vintages)

    if world.digest is None:
        return build()
    return disk_cache.kept_or_built(
        "history", build, world.digest, f"{day:%Y-%m-%d}", str(CALIBRATION_MONTHS)
    )


def with_asked_map(
    world: World,
    history_on: Callable[[pd.Timestamp], Calibration | None],
    asked: AskedSet | None = None,
    *,
    kept_as: str | None = None,
) -> Callable[[pd.Timestamp], Calibration | None]:
    """``history_on`` with the asked map of each day: fitted on the asked questions resolved
    before it (:mod:`postsoviet.forecasts.asked`), each answered with its own day's maps
    (kept on disk under ``kept_as``, see :func:`~postsoviet.forecasts.asked.asked_track`)."""
    chosen = asked if asked is not None else AskedSet.read()
    track = asked_track(chosen, world, history_on, kept_as=kept_as)
    calibrations: dict[pd.Timestamp, Calibration | None] = {}

    def on(day: pd.Timestamp) -> Calibration | None:
        if day not in calibrations:
            history = history_on(day)
            fitted = fit_asked_maps(track(day)) if history is not None else {}
            calibrations[day] = replace(history, asked=fitted) if history is not None else None
        return calibrations[day]

    return on


def as_run(result: dict[str, Any], *, label: str, seed: int, seconds: float, data_version: str):
    """The backtest as a :class:`~postsoviet.runs.run.RunRecord` (one draw: the scores)."""
    from postsoviet.runs.problem import SamplingProblem
    from postsoviet.runs.run import RunRecord, package_version

    labels, values = [], []
    for forecaster, stats in result["scores"].items():
        for name in ("brier", "log"):
            labels.append((forecaster, name))
            values.append(stats[name])
    for family, table in result["by_family"].items():
        for forecaster, stats in table.items():
            labels.append((forecaster, f"brier.{family}"))
            values.append(stats["brier"])
    array = np.array([values], dtype=float)
    summary = pd.DataFrame(
        {
            "scenario": [s for s, _ in labels],
            "output": [o for _, o in labels],
            "draws": 1,
            "mean": values,
            "sd": 0.0,
            **dict.fromkeys(("q05", "q25", "q50", "q75", "q95"), values),
        }
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return RunRecord(
        run_id=uuid.uuid4().hex[:12],
        created_at=now - dt.timedelta(seconds=seconds),
        finished_at=now,
        seconds=seconds,
        scenarios=(f"backtest:{label}",),
        sources=(label,),
        scenario_hashes=("",),
        method="backtest",
        samples=int(result["n"]),
        seed=seed,
        executor="seq",
        workers=1,
        package_version=package_version(),
        data_version=data_version,
        data_dir=None,
        problem=SamplingProblem(()),
        unit=np.zeros((1, 0)),
        values=np.zeros((1, 0)),
        labels=tuple(labels),
        outputs=array,
        done=np.array([True]),
        summary=summary,
    )


def timed(function: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], float]:
    """The result and the seconds it took."""
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start
