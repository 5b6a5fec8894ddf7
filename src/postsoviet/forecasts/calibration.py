"""A calibration map per quantity (each family split by question): Platt scaling with shrinkage.

``logit(p') = a + b logit(p)``, fitted by penalised maximum likelihood on resolved targets,

    min_{a,b}  -sum_i [y_i log p'_i + (1 - y_i) log(1 - p'_i)] + lam (a^2 + (b - 1)^2),

so a quantity with few resolved targets keeps its raw probabilities (``a = 0, b = 1``). Maps are
per quantity rather than per family: within a family, "holds" questions (mostly persistent) and
"by" questions (mostly rare changes) are miscalibrated in opposite ways. Source:
Platt (1999), "Probabilistic outputs for support vector machines", in *Advances in Large Margin
Classifiers*, MIT Press, pp. 61-74.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np

from postsoviet.models.event_hazard.facts import tag
from postsoviet.models.event_hazard.places import is_settlement

EPS = 1e-3
SHRINK = 10.0
# A quantity needs this many resolved targets before it gets a map.
MIN_TARGETS = 100
NEWTON_STEPS = 200
# Newton steps are capped (damped) so a start far from the optimum cannot overshoot.
MAX_STEP = 0.5
# Targets a person asks are not drawn like the generated ones. The generated targets pose every
# pair that ever had a change, most of them dormant, so the fitted intercept ``a`` mostly says
# "changes are rarer than the pooled rate says" for that population; a person asks about live
# cases. Under such a shift of prevalence, a classifier's log-odds move by a constant while its
# slope carries over (Saerens, Latinne & Decaestecker 2002, "Adjusting the outputs of a classifier
# to new a priori probabilities", *Neural Computation* 14(1)). So ``forecast`` applies the slope
# only, and the history backtest, whose targets are the fitting population, the whole map.
# Measured on the 43 hand-written examples (docs/forecasting.md): raw 0.274, whole map 0.300,
# slope only 0.269.
ASKED_INTERCEPT = False


def logit(p: np.ndarray | float) -> np.ndarray:
    """log(p / (1 - p)) with p clipped to [EPS, 1 - EPS]."""
    p = np.clip(np.asarray(p, dtype=float), EPS, 1 - EPS)
    return np.log(p / (1 - p))


# The shortest window the asked map's horizon term reads (a question closing on its asked day
# would otherwise have log(0)).
MIN_ASKED_YEARS = 1.0 / 12


def horizon_term(years: np.ndarray | float) -> np.ndarray:
    """log(years), the window at least :data:`MIN_ASKED_YEARS`: the asked map's horizon regressor."""
    return np.log(np.maximum(np.asarray(years, dtype=float), MIN_ASKED_YEARS))


def expit(x: np.ndarray | float) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def fit_platt(p: np.ndarray, y: np.ndarray, shrink: float = SHRINK) -> tuple[float, float]:
    """``(a, b)`` of the penalised Platt map for forecasts ``p`` and outcomes ``y`` (0/1)."""
    x = logit(p)
    design = np.column_stack([np.ones_like(x), x])
    a, b = fit_logistic(design, y, prior=np.array([0.0, 1.0]), shrink=shrink)
    return float(a), float(b)


def fit_logistic(design: np.ndarray, y: np.ndarray, prior: np.ndarray, shrink: float) -> np.ndarray:
    """``theta`` minimising ``-sum_i log L(y_i | expit(design_i theta)) + shrink |theta - prior|^2``
    (a logistic regression with a normal prior of variance ``1 / (2 shrink)``), by damped Newton
    steps."""
    y = np.asarray(y, dtype=float)
    theta = np.array(prior, dtype=float)
    for _ in range(NEWTON_STEPS):
        q = expit(design @ theta)
        gradient = design.T @ (q - y) + 2 * shrink * (theta - prior)
        hessian = (design * (q * (1 - q))[:, None]).T @ design + 2 * shrink * np.eye(len(theta))
        step = np.clip(np.linalg.solve(hessian, gradient), -MAX_STEP, MAX_STEP)
        theta = theta - step
        if np.max(np.abs(step)) < 1e-9:
            break
    return theta


# The share of the recalled map in the answer to a question of unknown origin (a targets file
# that does not say how it was written): all of it. A question that does not say is read as one
# written about a past day by someone who could know what followed, as a backtest's questions are
# (an analyst asking live should write ``origin: posed``). The asked sets teach this map with
# questions written that way before 2022 (``data/asked/drafted/``: 675 questions drafted before
# their outcomes were searched, and the 109 recalled ones). Until the thirty-first session the two
# maps were mixed evenly; on the examples and the sixty held-out sets (2,446 answers, 2022 cutoffs)
# the even mixture with the old asked sets scored 0.2111, the recalled map with the drafted sets
# 0.1888 (docs/forecasting.md, thirty-first session).
UNKNOWN_RECALLED = 1.0


class AskedMap(NamedTuple):
    """The asked map of one question type: ``logit(p'') = a + b logit(p') + horizon log(T) +
    lifts[k]`` for a question asked at the time, ``T`` its window in years (:func:`horizon_term`),
    ``k`` its asked kind (:func:`asked_kind`; no lift for a kind the map has not seen); among
    questions written from memory the log-odds of ``yes`` are ``recall + recall_slope logit(p')``
    higher; ``n`` the questions it was fitted on."""

    a: float
    b: float
    n: int
    recall: float = 0.0
    recall_slope: float = 0.0
    horizon: float = 0.0
    lifts: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True)
class Calibration:
    """Platt maps by quantity (``a, b, n``); a quantity without one keeps its raw probabilities.

    ``asked`` holds the maps learned on asked questions resolved before the day, by question
    type (:attr:`~postsoviet.forecasts.quantities.Quantity.question_type`), applied after the quantity's map;
    a type without one is not mapped.
    """

    maps: Mapping[str, tuple[float, float, int]] = field(default_factory=dict)
    asked: Mapping[str, AskedMap] = field(default_factory=dict)

    def apply(self, label: str, p: float, *, intercept: bool = True) -> float:
        """The calibrated probability ``expit(a + b logit(p))``; ``intercept=False`` applies the
        slope alone, ``expit(b logit(p))``: the sharpness learned on the history without the
        shift that carries the generated targets' prevalence (see :data:`ASKED_INTERCEPT`)."""
        if label not in self.maps:
            return p
        a, b, _ = self.maps[label]
        return float(expit((a if intercept else 0.0) + b * logit(p)))

    def apply_asked(
        self,
        kind: str,
        p: float,
        origin: str | None = None,
        years: float = 1.0,
        asked_as: str | None = None,
    ) -> float:
        """``p`` through the asked map of the question type ``kind`` (``p`` itself when that type
        has none), as a question of its ``origin``:

        - ``posed``: ``expit(a + b logit(p) + horizon log(years) + lift)``;
        - ``recalled``: ``expit(a + recall + (b + recall_slope) logit(p) + horizon log(years) +
          lift)``;
        - unknown (None): the two mixed, :data:`UNKNOWN_RECALLED` of the recalled one.

        ``years`` is the question's window (:func:`horizon_term`); ``lift`` the map's lift for the
        question's asked kind ``asked_as`` (:func:`asked_kind`), 0 when it has none.
        """
        if kind not in self.asked:
            return p
        fitted = self.asked[kind]
        x = logit(p)
        shift = fitted.horizon * horizon_term(years) + fitted.lifts.get(asked_as or "", 0.0)
        posed = float(expit(fitted.a + shift + fitted.b * x))
        if origin == "posed":
            return posed
        recalled = float(
            expit(fitted.a + shift + fitted.recall + (fitted.b + fitted.recall_slope) * x)
        )
        if origin == "recalled":
            return recalled
        return (1.0 - UNKNOWN_RECALLED) * posed + UNKNOWN_RECALLED * recalled

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """JSON-ready maps (the asked maps under the key ``asked``, by question type)."""
        maps: dict[str, dict[str, Any]] = {
            k: {"a": a, "b": b, "n": n} for k, (a, b, n) in sorted(self.maps.items())
        }
        if self.asked:
            maps["asked"] = {
                kind: {**m._asdict(), "lifts": dict(sorted(m.lifts.items()))}
                for kind, m in sorted(self.asked.items())
            }
        return maps


# Questions answered by a model of their own get a map of their own: an election is answered by
# when votes fall due (models/event_hazard/elections.py), far sharper than the rate model that
# answers every other event, so the event map would flatten it (docs/forecasting.md, "Regimes and
# votes due").
OWN_MAPS = {("event.occurs", "election")}


# A settlement's control is answered from the settlements' record, a region's or oblast's from the
# regions' (models/event_hazard/control_hazard.py): the two are miscalibrated differently, so a
# settlement's question gets a map of its own. Measured on the generated history (docs/forecasting.md,
# fifteenth session): all 0.071450 -> 0.071393; settlements' gains 0.0351 -> 0.0336.
SETTLEMENT_MAPS = frozenset({"control.holds", "control.gains"})


def calibration_label(quantity: str, args: Mapping[str, Any]) -> str:
    """The map a question goes through: its quantity's, ``quantity:kind`` for the event kinds of
    :data:`OWN_MAPS`, or ``quantity:settlement`` for a control question about a settlement (a
    place ``ISO3:Name``, :data:`SETTLEMENT_MAPS`)."""
    kind = args.get("kind")
    if (quantity, kind) in OWN_MAPS:
        return f"{quantity}:{kind}"
    if quantity in SETTLEMENT_MAPS and is_settlement(str(args.get("place", ""))):
        return f"{quantity}:settlement"
    return quantity


def asked_kind(quantity: str, args: Mapping[str, Any]) -> str | None:
    """The kind an asked question gets a lift of its own for (:class:`AskedMap`): an event
    question's kind (``event.occurs:peace_agreement``), None for any other question.

    What kind of event a question names says much about how often such questions come true,
    whatever the rate the event model reads: among the 287 event questions recalled about
    2008-2021 (``data/asked``), 0 of 8 asking for a peace agreement came true, 1 of 15 for a
    recognition and 0 of 9 for a currency union, but 15 of 15 for a ceasefire and 17 of 18 for a
    loan, at similar model answers (docs/forecasting.md, thirty-second session). Other questions'
    families are not split: their yes shares moved with the war (ground gained: 11 of 30 before
    2022), so a lift learned on them does not carry over.
    """
    if quantity != "event.occurs" or not args.get("kind"):
        return None
    return f"{quantity}:{tag(str(args['kind']))}"


def fit_calibration(
    labels: Sequence[str] | np.ndarray, p: np.ndarray, y: np.ndarray
) -> Calibration:
    """One Platt map per label (quantity) with at least :data:`MIN_TARGETS` targets."""
    names = np.asarray(labels, dtype=object)
    maps = {}
    for label in sorted(set(names)):
        chosen = names == label
        if chosen.sum() < MIN_TARGETS:
            continue
        a, b = fit_platt(np.asarray(p)[chosen], np.asarray(y)[chosen])
        maps[label] = (a, b, int(chosen.sum()))
    return Calibration(maps)
