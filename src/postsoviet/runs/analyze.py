"""Summaries and sensitivity indices of a run's outputs, as tidy DataFrames.

``quantiles`` gives each output's spread; ``analyze(problem, Y, *, method)`` SALib's indices:

- ``sobol`` (Saltelli's design): first-order ``S1`` and total-order ``ST`` with bootstrap confidence
  intervals (Sobol' 2001; Saltelli et al. 2010, Table 2, estimators (b) and (f));
- ``morris``: ``mu_star`` (mean absolute elementary effect, with its confidence interval) and
  ``sigma`` (Campolongo et al. 2007);
- ``fast``: ``S1`` and ``ST`` of extended FAST (Saltelli et al. 1999).

Indices are in the output's unit squared shares (dimensionless) for Sobol and FAST, and in the
output's unit per unit of the input's quantile for Morris (the design runs on quantiles).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from postsoviet.errors import PostsovietError
from postsoviet.runs.problem import SamplingProblem
from postsoviet.runs.sample import FAST_M, MORRIS_LEVELS

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
ANALYSES = ("sobol", "morris", "fast")
RESAMPLES = 100
CONFIDENCE = 0.95


def quantiles(outputs: np.ndarray, labels: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """Per output: ``scenario, output, draws, mean, sd, q05, q25, q50, q75, q95`` over finished draws.

    Rows with NaN (draws that did not run) are left out.
    """
    finished = outputs[~np.isnan(outputs).any(axis=1)] if len(outputs) else outputs
    values = np.quantile(finished, QUANTILES, axis=0) if len(finished) else None
    rows = []
    for j, (scenario, output) in enumerate(labels):
        row = {
            "scenario": scenario,
            "output": output,
            "draws": len(finished),
            "mean": float(finished[:, j].mean()) if len(finished) else np.nan,
            "sd": float(finished[:, j].std(ddof=1)) if len(finished) > 1 else np.nan,
        }
        for q, level in enumerate(QUANTILES):
            row[f"q{round(level * 100):02d}"] = (
                float(values[q, j]) if values is not None else np.nan
            )
        rows.append(row)
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Analysis:
    """Sensitivity indices of every output to every input: tidy rows via :meth:`to_df`."""

    method: str
    table: pd.DataFrame

    def to_df(self) -> pd.DataFrame:
        """``scenario, output, input, index, value, conf`` (conf: half-width of the 95 % interval)."""
        return self.table.copy()


def analyze(
    problem: SamplingProblem,
    outputs: np.ndarray,
    *,
    method: str,
    labels: Sequence[tuple[str, str]] | None = None,
    unit: np.ndarray | None = None,
    seed: int = 0,
) -> Analysis:
    """Sensitivity indices of each output column of ``outputs`` (rows in the design's order).

    ``unit`` (the design's points in [0, 1]^k) is needed by ``morris``. Constant outputs have no
    variance to apportion and are left out. ``seed`` fixes the bootstrap of the confidence intervals.
    """
    if method not in ANALYSES:
        raise PostsovietError(
            f"argument 'method': expected one of {list(ANALYSES)} for an analysis, got {method!r}"
        )
    if np.isnan(outputs).any():
        raise PostsovietError("an interrupted run cannot be analysed: some draws did not run")
    if method == "morris" and unit is None:
        raise PostsovietError("argument 'unit': Morris needs the design's points")
    labels = list(labels) if labels is not None else [("", str(j)) for j in range(outputs.shape[1])]
    salib = problem.to_salib()
    rows = []
    for j, (scenario, output) in enumerate(labels):
        y = outputs[:, j]
        if np.ptp(y) == 0:
            continue
        with warnings.catch_warnings():
            # An output constant on some of Saltelli's blocks (a rank) is expected, not a fault.
            warnings.filterwarnings("ignore", message="Constant values encountered")
            found = list(_indices(method, salib, y, unit, seed))
        for name, index, value, conf in found:
            rows.append(
                {
                    "scenario": scenario,
                    "output": output,
                    "input": name,
                    "index": index,
                    "value": value,
                    "conf": conf,
                }
            )
    columns = ["scenario", "output", "input", "index", "value", "conf"]
    return Analysis(method, pd.DataFrame(rows, columns=columns))


def _indices(method, salib, y, unit, seed):  # type: ignore[no-untyped-def]
    names = salib["names"]
    if method == "sobol":
        from SALib.analyze import sobol

        result = sobol.analyze(
            salib,
            y,
            calc_second_order=False,
            num_resamples=RESAMPLES,
            conf_level=CONFIDENCE,
            seed=seed + 1,  # SALib ignores a seed of 0
        )
        pairs = (("S1", "S1_conf"), ("ST", "ST_conf"))
    elif method == "morris":
        from SALib.analyze import morris

        result = morris.analyze(
            salib,
            unit,
            y,
            num_resamples=RESAMPLES,
            conf_level=CONFIDENCE,
            num_levels=MORRIS_LEVELS,
            seed=seed,
        )
        pairs = (("mu_star", "mu_star_conf"), ("sigma", None))
    else:
        from SALib.analyze import fast

        # SALib's FAST seeds numpy's global generator: restore it, so no global state changes.
        state = np.random.get_state()
        try:
            result = fast.analyze(
                salib, y, M=FAST_M, num_resamples=RESAMPLES, conf_level=CONFIDENCE, seed=seed + 1
            )
        finally:
            np.random.set_state(state)
        pairs = (("S1", "S1_conf"), ("ST", "ST_conf"))
    for i, name in enumerate(names):
        for index, conf in pairs:
            yield (
                name,
                index,
                float(result[index][i]),
                float(result[conf][i]) if conf else np.nan,
            )
