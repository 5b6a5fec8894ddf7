"""Answer targets as of their own ``asked_on``: a probability or quantiles, or a reason why not.

Each target sees only ``world.known_on(asked_on)`` (one vintage per day, cached). World-fact
quantities are answered by the hazard models (:mod:`postsoviet.models.event_hazard.world_models`) and the
series draws (:mod:`postsoviet.forecasts.numeric`), model quantities by the project's models
(:mod:`postsoviet.forecasts.model_quantities`). A binary probability then goes through the
slope of its quantity's calibration map, fitted on the world's own history known that day
(:mod:`postsoviet.forecasts.history`; :data:`~postsoviet.forecasts.calibration.ASKED_INTERCEPT`
says why not its intercept). The same targets, draws and seed give the same output.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config, default_config
from postsoviet.data.judgment import read_judgment_vintages
from postsoviet.errors import PostsovietError
from postsoviet.forecasts.baselines import SOFT
from postsoviet.forecasts.calibration import (
    ASKED_INTERCEPT,
    Calibration,
    asked_kind,
    calibration_label,
)
from postsoviet.forecasts.model_quantities import (
    MODEL_QUANTITIES,
    WITHOUT_JUDGMENT,
    ModelAnswer,
    hindsight_files,
)
from postsoviet.forecasts.numeric import quantiles, series_draws, series_model, share_draws
from postsoviet.forecasts.quantities import QUANTITIES
from postsoviet.forecasts.targets import Target, TargetProblem
from postsoviet.models.event_hazard import places
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import Facts, facts_of
from postsoviet.models.event_hazard.world_models import p_world
from postsoviet.world import World

# A probability is kept inside [P_MIN, 1 - P_MIN]: the data can be wrong or late.
P_MIN = 0.01


@dataclass(frozen=True)
class Forecast:
    """One target's answer (``answered=False`` with a ``reason`` when nothing can answer)."""

    id: str
    answered: bool
    quantity: str
    cutoff: str | None
    family: str = ""
    horizon_years: float = 0.0
    p: float | None = None
    p_raw: float | None = None
    quantiles: dict[str, float] | None = None
    model: str | None = None
    data_version: str | None = None
    reason: str | None = None
    hindsight: tuple[str, ...] = ()
    # how the question was written (a target's ``origin``), which picks its asked map
    origin: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``postsoviet forecast``."""
        shape: dict[str, Any] = {
            "id": self.id,
            "answered": self.answered,
            "quantity": self.quantity,
            "family": self.family,
            "cutoff": self.cutoff,
            "horizon_years": round(self.horizon_years, 4),
            "model": self.model,
            "data_version": self.data_version,
            "reason": self.reason,
            "origin": self.origin,
        }
        if self.p is not None:
            shape["p"] = round(self.p, 6)
            shape["p_raw"] = round(self.p_raw, 6) if self.p_raw is not None else None
        if self.quantiles is not None:
            shape["quantiles"] = {k: round(v, 6) for k, v in self.quantiles.items()}
        if self.hindsight:
            shape["hindsight"] = list(self.hindsight)
        return shape


@dataclass(frozen=True)
class Raw:
    """An uncalibrated answer: a probability or draws/point, and the model that gave it."""

    model: str
    p: float | None = None
    draws: np.ndarray | None = None
    hindsight: tuple[str, ...] = ()
    # the quantity's value on the cutoff, when the draws are hazards of change from it
    now: float | None = None


@dataclass(frozen=True)
class Models:
    """What the model quantities need, read once at the door: the configuration, the judgment
    vintages (:mod:`postsoviet.data.judgment`) and whether values set after a cutoff may be used."""

    config: Config
    judgment: pd.DataFrame
    allow_hindsight: bool = False

    @classmethod
    def embedded(cls, *, allow_hindsight: bool = False) -> Models:
        """The embedded configuration and judgment vintages."""
        return cls(default_config(), read_judgment_vintages(), allow_hindsight)


def target_rng(seed: int, ident: str) -> np.random.Generator:
    """A generator for one target: the same for the same seed and id, whatever the order."""
    return np.random.default_rng([seed, zlib.crc32(ident.encode("utf-8"))])


def _numeric(target: Target, draws: np.ndarray, model: str) -> Raw:
    if target.event is None:
        return Raw(model, draws=draws)
    hits = np.fromiter((target.event.holds(float(x)) for x in draws), bool, len(draws))
    return Raw(model, p=float(hits.mean()))


def _from_model(target: Target, answer: ModelAnswer) -> Raw:
    if answer.p is not None:
        return Raw(answer.model, p=answer.p)
    if answer.draws is not None:
        return replace(_numeric(target, answer.draws, answer.model), now=answer.now)
    point = float(answer.point)
    if target.quantity.kind == "binary":
        return Raw(answer.model, p=SOFT if point >= 0.5 else 1 - SOFT)
    if target.event is not None:
        return Raw(answer.model, p=SOFT if target.event.holds(point) else 1 - SOFT)
    return Raw(answer.model, draws=np.array([point]))


def _model_answer(
    target: Target, vintage: World, args: dict, draws: int, rng, models: Models
) -> Raw:
    name = target.quantity.name
    late = hindsight_files(models.judgment, name.split(".")[0], target.asked_on)
    answer_with = MODEL_QUANTITIES[name]
    if late and not models.allow_hindsight:
        if name not in WITHOUT_JUDGMENT:
            raise q.UnanswerableError(
                f"{name}: judgment values set after {target.asked_on:%Y-%m-%d} "
                f"({', '.join(late)}); the model would answer with hindsight (--allow-hindsight "
                "to use them and say so)"
            )
        # answered without the model's judgment values: nothing set with hindsight is read
        answer_with, late = WITHOUT_JUDGMENT[name], []
    try:
        answer = answer_with(vintage, models.config, args, draws, rng)
    except (PostsovietError, ValueError, KeyError, IndexError) as error:
        raise q.UnanswerableError(
            f"{name}: the model cannot answer as of the cutoff ({error})"
        ) from None
    return replace(_from_model(target, answer), hindsight=tuple(late))


# A whole state's share held by a controller that a model answers: Ukraine's held by Russia is
# the attrition model's ``attrition.share_held`` (its record is the territory series that
# ``control.share`` reads for a state, :func:`~postsoviet.models.event_hazard.questions.whole_state_share`).
STATE_SHARE_MODELS = {("UKR", "RUS"): "attrition.share_held"}


def whole_state_model(facts: Facts, name: str, args: Mapping[str, Any]) -> str | None:
    """The model quantity that answers ``control.share`` of a whole state (None: not such a
    question, or no model answers that state's share: its territory series walks)."""
    if name != "control.share" or not q.whole_state_share(facts, args):
        return None
    return STATE_SHARE_MODELS.get((args["place"], args["controller"]))


def raw_answer(
    target: Target,
    vintage: World,
    facts: Facts,
    args: dict,
    draws: int,
    seed: int,
    models: Models | None = None,
) -> Raw:
    """The model's uncalibrated answer to ``target`` on its vintage (raises UnanswerableError)."""
    name = target.quantity.name
    if name in MODEL_QUANTITIES:
        chosen = models if models is not None else Models.embedded()
        return _model_answer(target, vintage, args, draws, target_rng(seed, target.id), chosen)
    day = target.asked_on
    state_model = whole_state_model(facts, name, args)
    if state_model is not None:
        # the share of a whole state held is its model's (Ukraine's held by Russia: attrition)
        chosen = models if models is not None else Models.embedded()
        asked = replace(target, quantity=QUANTITIES[state_model], args={"on": args["on"]})
        rng = target_rng(seed, target.id)
        return _model_answer(asked, vintage, dict(asked.args), draws, rng, chosen)
    if target.quantity.kind == "numeric":
        made = series_draws if name == "series.value" else share_draws
        sample = made(facts, args, day, draws, target_rng(seed, target.id))
        if sample is None and name == "series.value":
            raise q.UnanswerableError(q.missing_series(facts, args, day))
        if sample is None:
            raise q.UnanswerableError(f"{name}: no value of it known on {day:%Y-%m-%d}")
        model = series_model(facts, args, day) if name == "series.value" else "history_spread"
        return _numeric(target, sample, model)
    if target.quantity.change:
        seen = bool(target.quantity.state(facts, args, min(day, args["by"])))
        if seen or args["by"] <= day:
            return Raw("known_on_cutoff", p=float(seen))
        # a window opening after the cutoff is exposed only from its start
        years = (args["by"] - max(day, args["from"])).days / 365.25
        return Raw("event_hazard", p=p_world(facts, name, args, years))
    if args["on"] <= day:
        return Raw("known_on_cutoff", p=float(bool(target.quantity.state(facts, args, args["on"]))))
    return Raw("event_hazard", p=p_world(facts, name, args, target.horizon_years))


class Vintages:
    """``world.known_on(day)`` and its fact index, built once per day."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._cache: dict[pd.Timestamp, tuple[World, Facts]] = {}

    def __call__(self, day: pd.Timestamp) -> tuple[World, Facts]:
        if day not in self._cache:
            vintage = self.world.known_on(day)
            self._cache[day] = (vintage, facts_of(vintage))
        return self._cache[day]


def forecast_target(
    target: Target,
    vintages: Vintages,
    *,
    draws: int = 1000,
    seed: int = 0,
    calibration: Calibration | None = None,
    data_version: str | None = None,
    models: Models | None = None,
) -> Forecast:
    """Answer one target as of its ``asked_on``."""
    vintage, facts = vintages(target.asked_on)
    base = {
        "id": target.id,
        "quantity": target.quantity.name,
        "cutoff": f"{target.asked_on:%Y-%m-%d}",
        "family": target.quantity.family,
        "horizon_years": target.horizon_years,
        "data_version": data_version,
        "origin": target.origin or "unknown",
    }
    try:
        args = q.normalised(facts, target.args)
    except q.UnanswerableError as error:
        return Forecast(answered=False, reason=str(error), **base)
    holding = settlement_share_as_holding(target, args)
    if holding is not None:
        asked, held_means_yes = holding
        answer = forecast_target(
            asked,
            vintages,
            draws=draws,
            seed=seed,
            calibration=calibration,
            data_version=data_version,
            models=models,
        )
        return _as_share_answer(answer, target, base, held_means_yes)
    try:
        raw = raw_answer(target, vintage, facts, dict(args), draws, seed, models)
    except q.UnanswerableError as error:
        return Forecast(answered=False, reason=str(error), **base)
    base["hindsight"] = raw.hindsight
    base["reason"] = q.unread_tags_note(facts, target.args)
    if raw.p is None:
        return Forecast(answered=True, quantiles=quantiles(raw.draws), model=raw.model, **base)
    p = clipped(raw.p)
    years = target.horizon_years
    if calibration is not None and raw.model == "event_hazard":
        # the asked map was fitted on clipped answers, so it is given one
        label = calibration_label(target.quantity.name, args)
        p = clipped(calibration.apply(label, raw.p, intercept=ASKED_INTERCEPT))
        origin = target.origin
        asked_as = asked_kind(target.quantity.name, args)
        if ends_a_standing_state(target, facts, args):
            ending = _ending_origin(target.quantity.name, origin)
            p = clipped(1.0 - calibration.apply_asked("state", 1.0 - p, ending, years, asked_as))
        else:
            kind = _held_type(target, facts, args)
            lasting = _lasting_origin(kind, origin)
            p = clipped(calibration.apply_asked(kind, p, lasting, years, asked_as))
    elif calibration is not None and raw.now is not None and target.event is not None:
        # a model's draws built from hazards of change (the frontier's memberships): asked as a
        # change when its event does not hold on the cutoff, else as a state
        kind = "state" if target.event.holds(raw.now) else "change"
        p = clipped(calibration.apply_asked(kind, p, _lasting_origin(kind, target.origin), years))
    return Forecast(answered=True, p=p, p_raw=raw.p, model=raw.model, **base)


def settlement_share_as_holding(
    target: Target, args: Mapping[str, Any]
) -> tuple[Target, bool] | None:
    """A ``control.share`` question about a settlement, asked as the ``control.holds`` question it
    is, and whether holding the settlement means yes (None: not such a question).

    A settlement is held whole or not at all (:func:`~postsoviet.models.event_hazard.questions.
    state_control_share`), so its share is 0 or 1, and an event true at one of the two and false
    at the other ("Russia holds more than half of Mariupol") asks whether the controller holds it
    on the day. Answered as the share's draws, it would skip the calibration the holding
    question gets: on 2022-05-06 the draws said 0.01 that Russia would hold Mariupol on
    2022-06-30 (it took the city on 2022-05-20), the holding question 0.59.
    """
    if (
        target.quantity.name != "control.share"
        or target.event is None
        or not places.is_settlement(args["place"])
    ):
        return None
    held, not_held = target.event.holds(1.0), target.event.holds(0.0)
    if held == not_held:
        return None
    asked = replace(target, quantity=QUANTITIES["control.holds"], event=None)
    return asked, held


def _as_share_answer(
    answer: Forecast, target: Target, base: Mapping[str, Any], held_means_yes: bool
) -> Forecast:
    """The holding question's ``answer`` read back as the share question ``target``."""
    if not answer.answered or answer.p is None:
        return replace(answer, **base)
    p, raw = answer.p, answer.p_raw
    if not held_means_yes:
        p, raw = 1.0 - p, (None if raw is None else 1.0 - raw)
    return replace(answer, p=p, p_raw=raw, **base)


# Endings of unsaid origin read as posed: whether a leader goes. The state map's recall terms
# are learned mostly on leader changes recalled about 2008-2021 (72 of 95 came true, where the
# models said 0.32 on average; of the 22 posed in public, 2 came true at 0.09), because memory
# keeps the leaders who fell. A question about 2022-2025 asks about the essay's leaders, who
# mostly stayed: on the 146 leader changes of the 67 sets seen by the thirty-second session
# (31% came true) the recalled reading scored 0.195, the posed one 0.088 (emulated;
# docs/forecasting.md). Liftings of sanctions keep the recalled reading (posed: 0.302 -> 0.628).
POSED_ENDINGS = frozenset({"leader.changes"})


def _ending_origin(quantity: str, origin: str | None) -> str | None:
    """The origin an ending's asked map reads: its own, or posed when it does not say and it asks
    whether a leader goes (:data:`POSED_ENDINGS`)."""
    return "posed" if origin is None and quantity in POSED_ENDINGS else origin


def _lasting_origin(kind: str, origin: str | None) -> str | None:
    """The origin a question's asked map reads: a state said to last, of unsaid origin, is read
    as posed, since the recalled questions of the state type are nearly all endings (a leader
    changing) and none teaches how recall bends a state said to last."""
    return "posed" if kind == "state" and origin is None else origin


def question_type(target: Target, facts: Facts, args: Mapping[str, Any]) -> str:
    """The asked map a question goes through: ``change`` when a yes needs something to happen,
    ``state`` when it needs a state to last.

    A question with a window (``starts``, ``gains``, ``new``...) is a change. A question about a
    state on a day is a change too when the state does not hold on ``asked_on``: "Russia holds
    Bakhmut at the end of 2023", asked while Ukraine held it, comes true only through a capture,
    and is asked, like a change, because the capture was a live possibility. It is a state when
    the state holds on ``asked_on`` (Kherson held by Russia, asked in July 2022). A change that
    ends a state holding on ``asked_on`` (:func:`ends_a_standing_state`: Putin's office changing
    hands) is a state question too, mapped as its complement.
    """
    return (
        "state" if ends_a_standing_state(target, facts, args) else _held_type(target, facts, args)
    )


def _held_type(target: Target, facts: Facts, args: Mapping[str, Any]) -> str:
    """:func:`question_type` of a question that does not end a standing state."""
    quantity = target.quantity
    if quantity.change or quantity.state is None or quantity.kind != "binary":
        return quantity.question_type
    return "state" if quantity.state(facts, args, target.asked_on) else "change"


def _office_held(facts: Facts, a: Mapping[str, Any], day: pd.Timestamp) -> bool:
    """Whether the office has a holder on ``day``."""
    return any(s.holds(day) for s in q.leader_spells(facts, a["actor"], a["office"]))


# The change questions whose "no" is a standing state lasting, and the state each ends: an office
# with a holder changing hands, a status held ending, a measure in force lifted.
STANDING: dict[str, Callable[[Facts, Mapping[str, Any], pd.Timestamp], bool]] = {
    "leader.changes": _office_held,
    "membership.ends": q.state_membership_holds,
    "sanctions.lifted": q.state_sanctions_in_force,
}


def ends_a_standing_state(target: Target, facts: Facts, args: Mapping[str, Any]) -> bool:
    """Whether the question asks if a state that holds on ``asked_on`` ends in the window (its
    "no" is the state lasting, the complement of a state question)."""
    standing = STANDING.get(target.quantity.name)
    return standing is not None and standing(facts, args, target.asked_on)


def clipped(p: float) -> float:
    """``p`` kept inside ``[P_MIN, 1 - P_MIN]``."""
    return min(max(float(p), P_MIN), 1 - P_MIN)


def calibrate_latest_first(
    calibration_on: Callable[[pd.Timestamp], Calibration | None] | None,
    targets: list[Target],
) -> None:
    """Fit the calibration for the latest day asked first: its generated history covers every
    earlier day (each keeps only the targets closed by itself), so it is built once, not once per
    day (29 targets on 4 days: 168 s -> one history)."""
    if calibration_on is not None:
        for day in sorted({t.asked_on for t in targets}, reverse=True):
            calibration_on(day)


def forecast_targets(
    world: World,
    targets: Iterable[Target],
    problems: Iterable[TargetProblem] = (),
    *,
    draws: int = 1000,
    seed: int = 0,
    calibration_on: Callable[[pd.Timestamp], Calibration | None] | None = None,
    data_version: str | None = None,
    models: Models | None = None,
) -> list[Forecast]:
    """Every target's forecast, then an unanswered entry for each unreadable target.

    ``models`` carries the configuration and judgment vintages the model quantities need
    (default: the embedded ones, judgment values set after a cutoff refused).
    """
    targets = list(targets)
    calibrate_latest_first(calibration_on, targets)
    vintages = Vintages(world)
    models = models if models is not None else Models.embedded()
    out = []
    for target in targets:
        calibration = calibration_on(target.asked_on) if calibration_on is not None else None
        out.append(
            forecast_target(
                target,
                vintages,
                draws=draws,
                seed=seed,
                calibration=calibration,
                data_version=data_version,
                models=models,
            )
        )
    for problem in problems:
        out.append(
            Forecast(problem.id, False, "", None, reason=str(problem), data_version=data_version)
        )
    return out
