"""Time the exact two-coalition landscape: compiled Gray code against a vectorised numpy baseline.

Run with ``.venv/bin/python benchmarks/bench_landscape.py``; record the figures in the "Landscape"
section of ``docs/performance.md``. For n = 15, 20, 25, 30 actors with random sizes and propensities
(fixed seed) it times the full enumeration of the 2^(n-1) configurations with every local minimum
(best of several runs after a warm-up), the same with basins of attraction (up to n = 25), and a
plain vectorised numpy baseline that computes every configuration's move gains by a matrix product
in blocks. The baseline runs in full while it fits in ``BASELINE_BUDGET_S``; beyond that a prefix of
the blocks is timed and the whole extrapolated (marked ``~``).
"""

from __future__ import annotations

import os
import platform
import statistics
import time

import numba
import numpy as np

from postsoviet.models.landscape import exact_landscape
from postsoviet.models.landscape.energy import tolerance

SIZES = (15, 20, 25, 30)
BASINS_UP_TO = 25
BLOCK = 1 << 16
BASELINE_BUDGET_S = 60.0


def random_problem(n: int, seed: int = 1993) -> tuple[np.ndarray, np.ndarray]:
    """Sizes uniform on [0.1, 10] and symmetric standard-normal propensities, from a fixed seed."""
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.normal(size=(n, n)), 1)
    return rng.uniform(0.1, 10.0, n), upper + upper.T


def baseline_blocks(w: np.ndarray, tol: float, blocks: range) -> int:
    """Count stable configurations in ``blocks`` of the 2^(n-1) masks, by matrix products."""
    n = w.shape[0]
    shifts = np.arange(n, dtype=np.int64)
    stable = 0
    for block in blocks:
        masks = np.arange(block * BLOCK, (block + 1) * BLOCK, dtype=np.int64)
        sigma = 1.0 - 2.0 * ((masks[:, None] >> shifts) & 1)
        gains = sigma * (sigma @ w)
        stable += int((gains >= -tol).all(axis=1).sum())
    return stable


def time_baseline(w: np.ndarray) -> tuple[float, int | None, bool]:
    """Seconds for the whole baseline (extrapolated when over budget), its count if run in full."""
    total = 1 << (w.shape[0] - 1)
    if total <= BLOCK:
        start = time.perf_counter()
        n = w.shape[0]
        masks = np.arange(total, dtype=np.int64)
        sigma = 1.0 - 2.0 * ((masks[:, None] >> np.arange(n)) & 1)
        count = int((sigma * (sigma @ w) >= -tolerance(w)).all(axis=1).sum())
        return time.perf_counter() - start, count, False
    blocks = total // BLOCK
    probe = max(1, blocks // 64)
    start = time.perf_counter()
    baseline_blocks(w, tolerance(w), range(probe))
    estimate = (time.perf_counter() - start) * blocks / probe
    if estimate > BASELINE_BUDGET_S:
        return estimate, None, True
    start = time.perf_counter()
    count = baseline_blocks(w, tolerance(w), range(blocks))
    return time.perf_counter() - start, count, False


def fmt(seconds: float) -> str:
    """Three significant figures."""
    return f"{seconds:.3g}"


def best_of(function, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    print(
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"numba threads {numba.get_num_threads()}, Python {platform.python_version()}, "
        f"numpy {np.__version__}, numba {numba.__version__}"
    )
    start = time.perf_counter()
    exact_landscape(*random_problem(8))
    exact_landscape(*random_problem(8), basins=False)
    print(f"# first call (compile or load the numba cache): {time.perf_counter() - start:.2f} s")
    print(
        "| n | configurations | minima | Gray code, minima: best (s) | median (s) "
        "| with basins (s) | numpy baseline (s) | speed-up |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for n in SIZES:
        sizes, propensities = random_problem(n)
        repeats = 5 if n <= 25 else 2
        landscape = exact_landscape(sizes, propensities, basins=False)
        best, median = best_of(
            lambda s=sizes, p=propensities: exact_landscape(s, p, basins=False), repeats
        )
        basins = "-"
        if n <= BASINS_UP_TO:
            basin_best, _ = best_of(lambda s=sizes, p=propensities: exact_landscape(s, p), 3)
            basins = fmt(basin_best)
        w = np.outer(sizes, sizes) * propensities
        np.fill_diagonal(w, 0.0)
        seconds, count, extrapolated = time_baseline(w)
        if count is not None and count != len(landscape.minima):
            raise SystemExit(
                f"n={n}: baseline found {count} minima, Gray code {len(landscape.minima)}"
            )
        mark = "~" if extrapolated else ""
        print(
            f"| {n} | {landscape.configurations:,} | {len(landscape.minima)} | {fmt(best)} "
            f"| {fmt(median)} | {basins} | {mark}{fmt(seconds)} | {mark}{seconds / best:.0f}x |",
            flush=True,
        )


if __name__ == "__main__":
    main()
