"""The two static baselines: the weighted mean (compromise model) and weighted median.

Both weight actor i by capability times salience, w_i = c_i s_i. In studies of European Union
decisions these simple models forecast about as well as the expected-utility model (Thomson,
Stokman, Achen and König, *The European Union Decides*, 2006, chapter 10; Achen 2006).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from postsoviet.errors import BargainingInputError
from postsoviet.models.bargaining.actors import Actors
from postsoviet.models.bargaining.results import BargainingResult, Round

Tie = Literal["lower", "upper", "midpoint"]

# Two cumulative weights closer than this (relative to the total) count as equal, so that the
# median does not depend on the order in which floating-point weights were added up.
_TIE_TOLERANCE = 1e-12


def _positions_and_weights(position: ArrayLike, weight: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Positions and weights as float arrays; weights must be non-negative with a positive sum."""
    x = np.asarray(position, dtype=np.float64)
    w = np.asarray(weight, dtype=np.float64)
    if np.any(w < 0) or not w.sum() > 0:
        raise BargainingInputError("weight: expected non-negative weights with a positive sum")
    return x, w


def weighted_mean(position: ArrayLike, weight: ArrayLike) -> float:
    """The weighted mean position: the compromise model's forecast.

    .. math:: \\bar{x} = \\frac{\\sum_i w_i x_i}{\\sum_i w_i}, \\qquad w_i = c_i s_i

    Source: the "compromise model" of Achen (2006) and van den Bos (1991), and the mean of
    Scholz, Calbert and Smith (2011), Table 2.

    Parameters
    ----------
    position
        Positions x_i on the issue's scale.
    weight
        Non-negative weights w_i with a positive sum (capability times salience).

    Returns
    -------
    float
        The weighted mean, in the units of ``position``.
    """
    x, w = _positions_and_weights(position, weight)
    return float(np.dot(w, x) / w.sum())


def weighted_median(position: ArrayLike, weight: ArrayLike, *, tie: Tie = "lower") -> float:
    """The weighted median position: the Condorcet winner when actors vote with weight w_i.

    On one dimension with single-peaked preferences, the position that beats every other in
    pairwise weighted votes is the smallest actor position x_(k) (positions sorted) whose
    cumulative weight reaches half of the total (Black 1948):

    .. math:: \\sum_{x_i \\le x_{(k)}} w_i \\ge \\tfrac12 \\sum_i w_i

    Ties: when the cumulative weight equals exactly half at x_(k), every point between x_(k) and
    the next weighted position x_(k+1) ties in pairwise votes. ``tie`` chooses the answer:
    ``"lower"`` (x_(k), the default), ``"upper"`` (x_(k+1)) or ``"midpoint"`` (their mean). Actors
    with zero weight never decide the median.

    Parameters
    ----------
    position
        Positions x_i on the issue's scale.
    weight
        Non-negative weights w_i with a positive sum (capability times salience).
    tie
        Rule for an exact tie, as above.

    Returns
    -------
    float
        An actor's position (or, with ``tie="midpoint"``, the mean of two).
    """
    x, w = _positions_and_weights(position, weight)
    keep = w > 0
    levels, inverse = np.unique(x[keep], return_inverse=True)
    level_weight = np.bincount(inverse, weights=w[keep], minlength=levels.size)
    below = np.cumsum(level_weight)
    total = below[-1]
    excess = 2 * below - total
    k = int(np.argmax(excess >= -_TIE_TOLERANCE * total))
    if abs(excess[k]) > _TIE_TOLERANCE * total or k == levels.size - 1 or tie == "lower":
        return float(levels[k])
    if tie == "upper":
        return float(levels[k + 1])
    if tie == "midpoint":
        return float((levels[k] + levels[k + 1]) / 2)
    raise BargainingInputError(f"tie: expected 'lower', 'upper' or 'midpoint', got {tie!r}")


def _static(model: str, actors: Actors, forecast: float, *, tie: Tie) -> BargainingResult:
    start = Round(
        round=0,
        positions=actors.position,
        median=weighted_median(actors.position, actors.weight, tie=tie),
        mean=weighted_mean(actors.position, actors.weight),
    )
    return BargainingResult(model=model, actors=actors.names, rounds=(start,), forecast=forecast)


def mean_model(actors: Actors, *, tie: Tie = "lower") -> BargainingResult:
    """The compromise model: the forecast is the weighted mean of the input positions.

    The model has no dynamics: the result holds round 0 only. ``tie`` applies to the median
    reported alongside (see :func:`weighted_median`).
    """
    return _static("mean", actors, weighted_mean(actors.position, actors.weight), tie=tie)


def median_model(actors: Actors, *, tie: Tie = "lower") -> BargainingResult:
    """The median-voter model: the forecast is the weighted median of the input positions.

    The model has no dynamics: the result holds round 0 only. See :func:`weighted_median`.
    """
    forecast = weighted_median(actors.position, actors.weight, tie=tie)
    return _static("median", actors, forecast, tie=tie)
