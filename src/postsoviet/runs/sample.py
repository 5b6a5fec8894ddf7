"""Sampling designs: ``sample(problem, n, *, seed, method)`` in SALib's style.

Every design draws points of the unit hypercube; :meth:`SamplingProblem.transform` turns them into values.

=========  ======================================  ===========================
method     design                                  draws for n
=========  ======================================  ===========================
``mc``     independent uniform points              n
``lhs``    Latin hypercube (McKay et al. 1979)     n
``sobol``  Saltelli's scheme on a scrambled Sobol  n (k + 2), k inputs
           sequence (Saltelli 2002; Saltelli et
           al. 2010), first and total order
``morris`` Morris trajectories, 4 levels           n (k + 1)
           (Morris 1991; Campolongo et al. 2007)
``fast``   extended FAST (Saltelli et al. 1999)    n k, n > 64
=========  ======================================  ===========================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import qmc

from postsoviet.errors import PostsovietError
from postsoviet.runs.problem import SamplingProblem

METHODS = ("mc", "lhs", "sobol", "morris", "fast")
MORRIS_LEVELS = 4
FAST_M = 4


@dataclass(frozen=True)
class Sample:
    """A design: ``unit`` points in [0, 1]^k and their ``values`` (one row per draw)."""

    method: str
    n: int
    seed: int
    unit: np.ndarray
    values: np.ndarray

    @property
    def draws(self) -> int:
        """The number of rows."""
        return len(self.values)


def as_seed(seed: int | np.random.Generator) -> int:
    """An integer seed: ``seed`` itself, or one drawn from a Generator (so it can be stored)."""
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2**63 - 1))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise PostsovietError(f"argument 'seed': expected an integer >= 0, got {seed!r}")
    return int(seed)


def sample(
    problem: SamplingProblem, n: int, *, seed: int | np.random.Generator, method: str = "mc"
) -> Sample:
    """Draw a design of ``method`` with base size ``n`` (see the module docstring for the draws).

    The same ``problem``, ``n``, ``seed`` and ``method`` give the same bytes on every machine.
    """
    if method not in METHODS:
        raise PostsovietError(f"argument 'method': expected one of {list(METHODS)}, got {method!r}")
    if not problem.inputs:
        raise PostsovietError("the problem has no uncertain input")
    if n < 1:
        raise PostsovietError(f"argument 'n': expected a number of samples >= 1, got {n}")
    seed = as_seed(seed)
    k = len(problem.inputs)
    salib = problem.to_salib()
    if method == "mc":
        unit = np.random.default_rng(seed).random((n, k))
    elif method == "lhs":
        unit = qmc.LatinHypercube(d=k, seed=np.random.default_rng(seed)).random(n)
    elif method == "sobol":
        from SALib.sample import sobol

        unit = sobol.sample(salib, n, calc_second_order=False, seed=seed)
    elif method == "morris":
        from SALib.sample import morris

        unit = morris.sample(salib, n, num_levels=MORRIS_LEVELS, seed=seed)
    else:
        if n <= 4 * FAST_M**2:
            raise PostsovietError(f"argument 'n': FAST needs n > {4 * FAST_M**2}, got {n}")
        from SALib.sample import fast_sampler

        unit = fast_sampler.sample(salib, n, M=FAST_M, seed=seed)
    return Sample(method, n, seed, unit, problem.transform(unit))
