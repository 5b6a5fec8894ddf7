"""Scores of probability forecasts: Brier, log, reliability table, Murphy decomposition, coverage.

Brier (1950) score ``BS = mean (p - y)^2``. Murphy (1973) decomposition over bins ``k`` of
forecasts (``n_k`` forecasts, mean forecast ``f_k``, observed frequency ``o_k``, base rate ``o``):

    BS = REL - RES + UNC + WBV,   REL = sum n_k (f_k - o_k)^2 / N,
    RES = sum n_k (o_k - o)^2 / N,   UNC = o (1 - o),

and ``WBV`` (within-bin variance of the forecasts, and the covariance term) is zero when every
forecast in a bin is the same, so the identity is exact when bins are the distinct forecasts
(Stephenson, Coelho and Jolliffe 2008, Weather and Forecasting 23, 752-757). Sources: Brier
(1950), Monthly Weather Review 78, 1-3; Murphy (1973), Journal of Applied Meteorology 12, 595-600.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LOG_CLIP = 0.01


def brier(p: np.ndarray, y: np.ndarray) -> float:
    """Mean squared difference between probabilities and 0/1 outcomes."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    return float(np.mean((p - y) ** 2)) if len(p) else float("nan")


def log_score(p: np.ndarray, y: np.ndarray, clip: float = LOG_CLIP) -> float:
    """Mean negative log-likelihood (natural log), p clipped to [clip, 1 - clip]; lower is better."""
    p = np.clip(np.asarray(p, float), clip, 1 - clip)
    y = np.asarray(y, float)
    if not len(p):
        return float("nan")
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def reliability_table(p: np.ndarray, y: np.ndarray, bins: int | None = 10) -> pd.DataFrame:
    """``bin, n, forecast, observed``: per bin of forecasts (``bins=None``: per distinct forecast)."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    labels = p if bins is None else np.minimum((p * bins).astype(int), bins - 1) / bins
    frame = pd.DataFrame({"bin": labels, "p": p, "y": y})
    table = frame.groupby("bin").agg(
        n=("p", "size"), forecast=("p", "mean"), observed=("y", "mean")
    )
    return table.reset_index()


def murphy(p: np.ndarray, y: np.ndarray, bins: int | None = 10) -> dict[str, float]:
    """``reliability, resolution, uncertainty`` and the rest (``within``) so they sum to Brier."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    n = len(p)
    if not n:
        return {
            "reliability": float("nan"),
            "resolution": float("nan"),
            "uncertainty": float("nan"),
        }
    table = reliability_table(p, y, bins)
    base = float(y.mean())
    rel = float((table["n"] * (table["forecast"] - table["observed"]) ** 2).sum() / n)
    res = float((table["n"] * (table["observed"] - base) ** 2).sum() / n)
    unc = base * (1 - base)
    return {
        "reliability": rel,
        "resolution": res,
        "uncertainty": unc,
        "within": brier(p, y) - (rel - res + unc),
    }


def coverage(low: np.ndarray, high: np.ndarray, value: np.ndarray) -> float:
    """Share of outcomes inside their ``[low, high]`` interval."""
    value = np.asarray(value, float)
    if not len(value):
        return float("nan")
    return float(np.mean((np.asarray(low) <= value) & (value <= np.asarray(high))))


def summary(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Brier and log scores."""
    return {"brier": brier(p, y), "log": log_score(p, y), "n": len(np.asarray(p))}
