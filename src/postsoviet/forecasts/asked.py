"""The asked-question map: how the questions analysts ask have resolved, learned before the cutoff.

The history calibration (:mod:`postsoviet.forecasts.history`) learns from every change the
world could have had; most of them are dormant pairs and places, so its forecasts are sure that
little will change. The questions people ask are about live possibilities: in the project's
hand-written sets 55-70% resolve "yes". This module fits one more Platt map,

    logit(p'') = a + b logit(p'),

on a shipped set of questions an analyst could have asked about 2008-2021
(``postsoviet/data/asked/``: targets, sourced resolutions and how they were written), where
``p'`` is the project's own calibrated answer to each question as of that question's
``asked_on``. For a forecast at cutoff ``c`` only the questions **resolved before c** are used,
so the map is a parameter fitted on the vintage, like every other (no outcome after ``c`` is
read). The penalty is a N(0, 1) prior on ``a`` and on ``b - 1``; with fewer than
:data:`MIN_ASKED` resolved questions the map is not applied. Platt (1999), as in
:mod:`postsoviet.forecasts.calibration`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from postsoviet.errors import PostsovietError
from postsoviet.forecasts.calibration import Calibration, expit, fit_platt
from postsoviet.forecasts.forecast import Vintages, forecast_target
from postsoviet.forecasts.model_quantities import MODEL_QUANTITIES
from postsoviet.forecasts.targets import Target, read_resolutions, read_targets
from postsoviet.world import World

ASKED_DIR = Path(__file__).resolve().parents[1] / "data" / "asked"
# Resolved questions needed before the map is applied (below it, one or two surprises would
# swing ``a`` and ``b``).
MIN_ASKED = 20
# lam in lam (a^2 + (b - 1)^2): a N(0, 1) prior on a and on b - 1.
ASKED_SHRINK = 0.5


@dataclass(frozen=True)
class AskedSet:
    """The asked questions (world-fact quantities only) and their outcomes by id."""

    targets: tuple[Target, ...]
    resolutions: pd.DataFrame

    @classmethod
    def read(cls, directory: str | Path = ASKED_DIR) -> AskedSet:
        """``targets.yaml`` and ``resolutions.csv`` of ``directory``; an unreadable question,
        a missing resolution or a resolution without a date is an error naming it."""
        folder = Path(directory)
        targets, problems = read_targets(folder / "targets.yaml")
        if problems:
            raise PostsovietError(f"asked questions '{folder}': {problems[0]}")
        resolutions = read_resolutions(folder / "resolutions.csv")
        twice = sorted(set(resolutions["id"][resolutions["id"].duplicated()]))
        if twice:
            raise PostsovietError(
                f"asked questions '{folder}': more than one resolution for {', '.join(twice[:5])}"
            )
        known = resolutions.dropna(subset=["resolved_on"]).set_index("id")
        missing = [t.id for t in targets if t.id not in known.index]
        if missing:
            raise PostsovietError(
                f"asked questions '{folder}': no dated resolution for {', '.join(missing[:5])}"
            )
        kept = tuple(t for t in targets if t.quantity.name not in MODEL_QUANTITIES)
        return cls(kept, known.loc[[t.id for t in kept], ["outcome", "resolved_on"]])

    def resolved_before(self, day: pd.Timestamp) -> list[Target]:
        """The questions whose outcome was known before ``day`` (asked before it, too)."""
        return [
            t
            for t in self.targets
            if self.resolutions.at[t.id, "resolved_on"] < day and t.asked_on < day
        ]


def asked_track(
    asked: AskedSet,
    world: World,
    history_on: Callable[[pd.Timestamp], Calibration | None],
) -> Callable[[pd.Timestamp], pd.DataFrame]:
    """The project's answers to the asked questions resolved before a day: ``(id, p, outcome)``.

    Each question is answered once, as of its own ``asked_on`` with that day's history map, by
    the hazard models (questions the data had already settled that day are left out).
    """
    vintages = Vintages(world)
    answered: dict[str, float | None] = {}

    def answer(target: Target) -> float | None:
        if target.id not in answered:
            forecast = forecast_target(
                target, vintages, draws=1, calibration=history_on(target.asked_on)
            )
            hazard = forecast.answered and forecast.model == "event_hazard"
            answered[target.id] = forecast.p if hazard else None
        return answered[target.id]

    def track(day: pd.Timestamp) -> pd.DataFrame:
        rows = [(t.id, answer(t)) for t in asked.resolved_before(day)]
        rows = [(i, p, float(asked.resolutions.at[i, "outcome"])) for i, p in rows if p is not None]
        return pd.DataFrame(rows, columns=["id", "p", "outcome"])

    return track


def fit_asked(track: pd.DataFrame) -> tuple[float, float, int] | None:
    """``(a, b, n)`` of the asked map on ``track``, or None below :data:`MIN_ASKED` questions.

    The map is kept monotone (``b >= 0``): a fitted slope below zero would reverse the models'
    ranking, which a calibration may not do; the intercept is then refitted alone
    (:func:`fit_intercept`), i.e. every answer becomes the asked questions' shrunk yes rate.
    """
    if len(track) < MIN_ASKED:
        return None
    y = track["outcome"].to_numpy(dtype=float)
    a, b = fit_platt(track["p"].to_numpy(), y, shrink=ASKED_SHRINK)
    if b < 0:
        a, b = fit_intercept(y, ASKED_SHRINK), 0.0
    return a, b, len(track)


def fit_intercept(y: np.ndarray, shrink: float) -> float:
    """``a`` minimising ``-sum_i [y_i a - log(1 + e^a)] + shrink a^2`` (Newton's method)."""
    a = 0.0
    for _ in range(50):
        q = float(expit(a))
        step = (len(y) * q - float(np.sum(y)) + 2 * shrink * a) / (
            len(y) * q * (1 - q) + 2 * shrink
        )
        a -= step
        if abs(step) < 1e-12:
            break
    return a
