"""Uncertainty runs: sample the uncertain inputs, run scenarios on every draw, analyse, store.

``sample(problem, n, *, seed, method)`` and ``analyze(problem, Y, *, method)`` follow SALib;
:func:`run_uncertainty` does both around an executor (:mod:`.executors`) and returns a record for
the DuckDB :class:`Store`. See docs/runs.md.
"""

from typing import Any

from postsoviet.runs.analyze import Analysis, analyze, quantiles
from postsoviet.runs.distributions import Distribution, judgment_spread
from postsoviet.runs.executors import Execution, execute
from postsoviet.runs.problem import (
    SamplingProblem,
    UncertainInput,
    default_problem,
    deprecated_alias,
)
from postsoviet.runs.run import RunRecord, run_uncertainty
from postsoviet.runs.sample import Sample, sample
from postsoviet.runs.store import Store


def __getattr__(name: str) -> Any:
    return deprecated_alias(__name__, name)


__all__ = [
    "Analysis",
    "Distribution",
    "Execution",
    "RunRecord",
    "Sample",
    "SamplingProblem",
    "Store",
    "UncertainInput",
    "analyze",
    "default_problem",
    "execute",
    "judgment_spread",
    "quantiles",
    "run_uncertainty",
    "sample",
]
