"""The asked-question map: how the questions analysts ask have resolved, learned before the cutoff.

The history calibration (:mod:`postsoviet.forecasts.history`) learns from every change the
world could have had; most of them are dormant pairs and places, so its forecasts are sure that
little will change. The questions people ask are about live possibilities: in the project's
hand-written sets 55-70% resolve "yes". This module fits one more Platt map,

    logit(p'') = a + b logit(p') + h log(T),

on shipped sets of questions about 2008-2021 (``postsoviet/data/asked/`` and the folders below
it: targets, sourced resolutions, how they were written), where ``p'`` is the project's own
calibrated answer to each question as of that question's ``asked_on`` and ``T`` its window in years
(from ``asked_on`` to its close, at least a month). For a forecast at cutoff
``c`` only the questions **resolved before c** are used, so the map is a parameter fitted on the
vintage, like every other (no outcome after ``c`` is read).

Each set says in its ``set.yaml`` whether it was ``posed`` in public at the time (a forecasting
tournament) or ``recalled`` later from memory, which favours what happened, and most of all the
unlikely things that happened; recalled questions get their own intercept and slope
(:func:`fit_asked`). A new question is mapped as its ``origin`` says (a target's field): posed,
recalled, or, when it does not say, as recalled, the way a backtest's questions are written
(:data:`~postsoviet.forecasts.calibration.UNKNOWN_RECALLED`,
:meth:`~postsoviet.forecasts.calibration.Calibration.apply_asked`).
Questions whether something changes in a window and questions whether a state holds on a day get
a map each (:func:`~postsoviet.forecasts.forecast.question_type`): the yes share of
asked changes says nothing about whether a standing state persists. A type with fewer than
:data:`MIN_ASKED` resolved questions is not mapped. Priors and the monotone constraint: see
:func:`fit_asked`. Platt (1999), as in :mod:`postsoviet.forecasts.calibration`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
import yaml

from postsoviet import disk_cache
from postsoviet.errors import PostsovietError
from postsoviet.forecasts.calibration import (
    AskedMap,
    Calibration,
    asked_kind,
    fit_logistic,
    horizon_term,
    logit,
)
from postsoviet.forecasts.forecast import (
    Vintages,
    ends_a_standing_state,
    forecast_target,
    question_type,
)
from postsoviet.forecasts.model_quantities import MODEL_QUANTITIES
from postsoviet.forecasts.parallel import fork_map
from postsoviet.forecasts.targets import ORIGINS, Target, read_resolutions, read_targets
from postsoviet.models.event_hazard import questions as q
from postsoviet.world import World

ASKED_DIR = Path(__file__).resolve().parents[1] / "data" / "asked"
# Resolved questions needed before the map is applied (below it, one or two surprises would
# swing ``a`` and ``b``).
MIN_ASKED = 20
# lam in lam (a^2 + (b - 1)^2 + recall^2 + recall_slope^2): N(0, 1) priors on a, b - 1, recall
# and recall_slope.
ASKED_SHRINK = 0.5


@dataclass(frozen=True)
class AskedSet:
    """The asked questions (world-fact quantities only) and their outcomes by id."""

    targets: tuple[Target, ...]
    resolutions: pd.DataFrame

    @classmethod
    def read(cls, directory: str | Path = ASKED_DIR) -> AskedSet:
        """The questions of ``directory`` and of each folder below it holding a set (each a
        ``targets.yaml`` and a ``resolutions.csv``). An unreadable question, a missing or
        repeated resolution, a resolution without a date, or an id used in two sets is an error
        naming it."""
        root = Path(directory)
        folders = [root, *sorted(f.parent for f in root.rglob("*/targets.yaml"))]
        parts = [cls._read_one(folder) for folder in folders]
        ids = pd.Series([t.id for part in parts for t in part.targets])
        twice = sorted(set(ids[ids.duplicated()]))
        if twice:
            raise PostsovietError(
                f"asked questions '{root}': an id used in two sets: {', '.join(twice[:5])}"
            )
        return cls(
            tuple(t for part in parts for t in part.targets),
            pd.concat([part.resolutions for part in parts]),
        )

    @classmethod
    def _read_one(cls, folder: Path) -> AskedSet:
        recalled = read_origin(folder) == "recalled"
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
        outcomes = known.loc[[t.id for t in kept], ["outcome", "resolved_on"]]
        return cls(kept, outcomes.assign(recalled=recalled))

    def resolved_before(self, day: pd.Timestamp) -> list[Target]:
        """The questions whose outcome was known before ``day`` (asked before it, too)."""
        return [
            t
            for t in self.targets
            if self.resolutions.at[t.id, "resolved_on"] < day and t.asked_on < day
        ]


def read_origin(folder: Path) -> str:
    """The ``origin`` of a set (``set.yaml``): ``recalled`` (written later, from memory: biased
    toward what happened) or ``posed`` (asked in public at the time, e.g. by a forecasting
    tournament)."""
    path = folder / "set.yaml"
    try:
        origin = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("origin")
    except (OSError, yaml.YAMLError, AttributeError) as error:
        raise PostsovietError(
            f"asked questions '{path}': cannot read it ({error}); expected a mapping with "
            f"'origin: recalled' or 'origin: posed'"
        ) from None
    if origin not in ORIGINS:
        raise PostsovietError(
            f"asked questions '{path}': origin {origin!r}; expected one of {list(ORIGINS)}"
        )
    return origin


def asked_track(
    asked: AskedSet,
    world: World,
    history_on: Callable[[pd.Timestamp], Calibration | None],
    *,
    kept_as: str | None = None,
) -> Callable[[pd.Timestamp], pd.DataFrame]:
    """The project's answers to the asked questions resolved before a day:
    ``(id, p, outcome, type, recalled, years, asked_as)`` with each question's type
    (:func:`~postsoviet.forecasts.forecast.question_type`), its set's origin, its window and its
    asked kind (:func:`~postsoviet.forecasts.calibration.asked_kind`).

    Each question is answered once, as of its own ``asked_on`` with that day's history map, by
    the hazard models (questions the data had already settled that day are left out).
    ``kept_as`` (a digest of everything the answers come from: the world's files, the asked set,
    the history maps) keeps them on disk (:mod:`postsoviet.disk_cache`) for the next forecast.
    """
    vintages = Vintages(world)
    answered: dict[str, tuple[float, str] | None] = (
        (disk_cache.fetch("asked", kept_as) or {}) if kept_as is not None else {}
    )

    def answer(target: Target) -> tuple[float, str] | None:
        forecast = forecast_target(
            target, vintages, draws=1, calibration=history_on(target.asked_on)
        )
        if not (forecast.answered and forecast.model == "event_hazard") or forecast.p is None:
            return None
        _, facts = vintages(target.asked_on)
        args = q.normalised(facts, target.args)
        return (
            forecast.p,
            question_type(target, facts, args),
            ends_a_standing_state(target, facts, args),
        )

    def answer_all(targets: list[Target]) -> None:
        """Answer the targets not answered yet, their days spread over forked workers."""
        by_day: dict[pd.Timestamp, list[Target]] = {}
        for target in targets:
            if target.id not in answered:
                by_day.setdefault(target.asked_on, []).append(target)
        days = list(by_day.values())
        done = fork_map(lambda group: [answer(t) for t in group], days, [len(d) for d in days])
        for group, found in zip(days, done, strict=True):
            answered.update((t.id, a) for t, a in zip(group, found, strict=True))
        if days and kept_as is not None:
            disk_cache.keep("asked", answered, kept_as)

    def track(day: pd.Timestamp) -> pd.DataFrame:
        before = asked.resolved_before(day)
        answer_all(before)
        rows = []
        for t in before:
            found = answered[t.id]
            if found is None:
                continue
            p, kind, ending = found
            outcome = float(asked.resolutions.at[t.id, "outcome"])
            if ending:
                p, outcome = 1.0 - p, 1.0 - outcome
            recalled = bool(asked.resolutions.at[t.id, "recalled"])
            asked_as = asked_kind(t.quantity.name, t.args)
            rows.append((t.id, p, outcome, kind, recalled, t.horizon_years, asked_as))
        return pd.DataFrame(
            rows, columns=["id", "p", "outcome", "type", "recalled", "years", "asked_as"]
        )

    return track


def fit_asked_maps(track: pd.DataFrame) -> dict[str, AskedMap]:
    """One asked map per question type (``change`` or ``state``) with enough questions of it;
    a type without one keeps its answers (a map learned on changes is not carried over to
    whether a state persists)."""
    maps = {}
    for kind, rows in track.groupby("type", sort=True):
        fitted = fit_asked(rows)
        if fitted is not None:
            maps[str(kind)] = fitted
    return maps


def fit_asked(track: pd.DataFrame) -> AskedMap | None:
    """The asked map fitted on ``track``, or None below :data:`MIN_ASKED` questions.

    ``logit P(yes) = a + b logit(p) + h log(T) + lift[k] + [written from memory] * (recall +
    recall_slope logit(p))``, ``T`` the question's window in years (:func:`~postsoviet.forecasts.
    calibration.horizon_term`) and ``k`` its asked kind (``asked_as``, :func:`~postsoviet.
    forecasts.calibration.asked_kind`: an event question's kind), with N(0, 1) priors on ``a``,
    ``b - 1``, ``h``, ``recall``, ``recall_slope`` and every lift, so a kind asked a few times
    moves its lift a little and a kind never asked keeps none (a track without an ``asked_as``
    column has no lifts).

    Memory selects on the outcome *and* on the forecast together: an unlikely thing that
    happened is remembered, an unlikely thing that did not is forgotten, so among recalled
    questions the low forecasts come true too often, which bends the slope as well as the
    intercept (Prentice & Pyke 1979, *Biometrika* 66(3), show that sampling on the outcome alone
    would move only the intercept). The recalled questions therefore get their own intercept and
    slope, and the map applied to a question posed at the time, ``a + b logit(p) + h log(T)``, is
    learned from the questions posed then. It is kept monotone (``b >= 0``): a fitted slope below
    zero would reverse the models' ranking, which a calibration may not do; the rest is then
    refitted with ``b = 0``.

    The horizon term: at the same answer, the asked questions with longer windows came true less
    often (on 2022-12-20 the shipped questions give ``h`` = -0.55 for changes and +0.87 for
    states said to last). An analyst asks about next quarter what the news makes live; a
    question three years out is asked about what might happen at all, so the lift that being
    asked gives a question fades with its window. The models' answers already grow with the
    window; the term learns how far the asked lift should follow.

    The lifts: which kind of event a question asks about says how often such questions come
    true, beyond the event model's rate (:func:`~postsoviet.forecasts.calibration.asked_kind`).
    """
    if len(track) < MIN_ASKED:
        return None
    y = track["outcome"].to_numpy(dtype=float)
    x = logit(track["p"].to_numpy())
    recalled = track["recalled"].to_numpy(dtype=float)
    h = horizon_term(track["years"].to_numpy())
    ones = np.ones_like(x)
    asked_as = track.get("asked_as", pd.Series(None, index=track.index, dtype=object))
    kinds = sorted(str(k) for k in asked_as.dropna().unique())
    lift_columns = [(asked_as == k).to_numpy(dtype=float) for k in kinds]
    no_lifts = [0.0] * len(kinds)
    fitted = fit_logistic(
        np.column_stack([ones, x, recalled, recalled * x, h, *lift_columns]),
        y,
        np.array([0.0, 1.0, 0.0, 0.0, 0.0, *no_lifts]),
        ASKED_SHRINK,
    )
    a, b, recall, bend, horizon = fitted[:5]
    lifts = fitted[5:]
    if b < 0:
        refitted = fit_logistic(
            np.column_stack([ones, recalled, recalled * x, h, *lift_columns]),
            y,
            np.array([0.0, 0.0, 0.0, 0.0, *no_lifts]),
            ASKED_SHRINK,
        )
        (a, recall, bend, horizon), lifts, b = refitted[:4], refitted[4:], 0.0
    return AskedMap(
        float(a),
        float(b),
        len(track),
        float(recall),
        float(bend),
        float(horizon),
        MappingProxyType({k: float(v) for k, v in zip(kinds, lifts, strict=True)}),
    )
