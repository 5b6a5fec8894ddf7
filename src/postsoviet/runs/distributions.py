"""Distributions of uncertain inputs, each a map from the unit interval to values (its quantile function).

Samplers draw points u in [0, 1)^k (Monte Carlo, Latin hypercube, Saltelli, Morris, FAST); each input's
:meth:`Distribution.ppf` turns its coordinate into a value, ``x = F^-1(u)``. One transform for every
design keeps the designs' properties (stratification, low discrepancy) and admits any distribution.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from postsoviet.data.config import JUDGMENT_SPREAD, judgment_range
from postsoviet.errors import PostsovietError

__all__ = ["JUDGMENT_SPREAD", "Distribution", "judgment_spread"]

# Morris grids reach u = 0 and u = 1, where unbounded distributions have infinite quantiles.
_EDGE = 1e-9


@dataclass(frozen=True)
class Distribution:
    """One uncertain input's distribution: ``kind`` and its parameters.

    Kinds and parameters (``params``):

    - ``uniform``: ``low, high``;
    - ``triangular``: ``low, mode, high``;
    - ``normal``: ``mean, sd``;
    - ``truncnormal``: ``mean, sd, low, high``;
    - ``discrete``: ``values`` (equally likely, in the given order).
    """

    kind: str
    params: tuple[float, ...]

    def __post_init__(self) -> None:
        check = _CHECKS.get(self.kind)
        if check is None:
            raise PostsovietError(
                f"unknown distribution '{self.kind}': expected one of {sorted(_CHECKS)}"
            )
        problem = check(self.params)
        if problem:
            raise PostsovietError(f"distribution {self.kind}{list(self.params)}: {problem}")

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """The values at quantiles ``u`` (an array in [0, 1])."""
        u = np.clip(np.asarray(u, dtype=float), _EDGE, 1.0 - _EDGE)
        p = self.params
        if self.kind == "uniform":
            return p[0] + u * (p[1] - p[0])
        if self.kind == "triangular":
            low, mode, high = p
            if high == low:
                return np.full_like(u, low)
            return stats.triang.ppf(u, (mode - low) / (high - low), loc=low, scale=high - low)
        if self.kind == "normal":
            return stats.norm.ppf(u, loc=p[0], scale=p[1])
        if self.kind == "truncnormal":
            mean, sd, low, high = p
            a, b = (low - mean) / sd, (high - mean) / sd
            return stats.truncnorm.ppf(u, a, b, loc=mean, scale=sd)
        values = np.asarray(p, dtype=float)
        index = np.minimum((u * len(values)).astype(int), len(values) - 1)
        return values[index]

    @property
    def center(self) -> float:
        """A central value: the mode, mean or middle value."""
        p = self.params
        if self.kind == "uniform":
            return (p[0] + p[1]) / 2
        if self.kind == "triangular":
            return p[1]
        if self.kind in ("normal", "truncnormal"):
            return p[0]
        return float(np.asarray(p)[len(p) // 2])

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": ..., "params": [...]}`` for JSON."""
        return {"kind": self.kind, "params": list(self.params)}

    @classmethod
    def from_dict(cls, raw: Any, *, where: str) -> Distribution:
        """Read ``{"kind": ..., "params": [...]}``; errors name ``where``."""
        if not isinstance(raw, dict) or set(raw) != {"kind", "params"}:
            raise PostsovietError(f"{where}: expected a mapping with 'kind' and 'params'")
        params = raw["params"]
        if not isinstance(params, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in params
        ):
            raise PostsovietError(f"{where}.params: expected a list of numbers")
        try:
            return cls(str(raw["kind"]), tuple(float(v) for v in params))
        except PostsovietError as error:
            raise PostsovietError(f"{where}: {error}") from None


def _count(n: int, names: str) -> Any:
    def check(p: Sequence[float]) -> str | None:
        if len(p) != n:
            return f"expected {n} parameters ({names})"
        if not all(math.isfinite(v) for v in p):
            return "expected finite numbers"
        return None

    return check


def _uniform(p: Sequence[float]) -> str | None:
    return _count(2, "low, high")(p) or (None if p[0] <= p[1] else "expected low <= high")


def _triangular(p: Sequence[float]) -> str | None:
    problem = _count(3, "low, mode, high")(p)
    return problem or (None if p[0] <= p[1] <= p[2] else "expected low <= mode <= high")


def _normal(p: Sequence[float]) -> str | None:
    return _count(2, "mean, sd")(p) or (None if p[1] > 0 else "expected sd > 0")


def _truncnormal(p: Sequence[float]) -> str | None:
    problem = _count(4, "mean, sd, low, high")(p)
    if problem:
        return problem
    return None if p[1] > 0 and p[2] < p[3] else "expected sd > 0 and low < high"


def _discrete(p: Sequence[float]) -> str | None:
    if not p or not all(math.isfinite(v) for v in p):
        return "expected one or more finite values"
    return None


_CHECKS = {
    "uniform": _uniform,
    "triangular": _triangular,
    "normal": _normal,
    "truncnormal": _truncnormal,
    "discrete": _discrete,
}


def judgment_spread(
    value: float, *, low: float = -math.inf, high: float = math.inf
) -> Distribution:
    """The default distribution of a judgment value: triangular, mode ``value``, +-50 %, clipped.

    The rule is :func:`postsoviet.data.config.judgment_range`, shared with the model registry.
    """
    return Distribution("triangular", judgment_range(value, low=low, high=high))
