"""Independent pieces of work spread over forked processes, results in the order of the pieces.

The generated history answers tens of thousands of targets, grouped by cutoff, each group
independent of the others. Forked workers read the parent's memory as it was at the fork (the
world and the vintages already built), so nothing large is copied to them; each returns its
pieces' results, and the parent puts them back in order. The answers are the same, to the bit,
as one process's: each piece is computed by the same code on the same inputs.

Workers: ``POSTSOVIET_WORKERS`` if set, else the cores this process may use. One worker, a
platform without ``fork``, or a process that may not have children (a daemon, e.g. a pool's own
worker) runs the pieces here, one after another.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

from postsoviet.errors import PostsovietError

WORKERS_VARIABLE = "POSTSOVIET_WORKERS"

# The job of the current fork: the function and each worker's piece indices. Set just before the
# pool forks, read by the children, cleared after.
_job: tuple[Callable[[Any], Any], Sequence[Any], list[list[int]]] | None = None


def worker_count() -> int:
    """Workers to use: ``POSTSOVIET_WORKERS``, else the cores available to this process."""
    text = os.environ.get(WORKERS_VARIABLE, "").strip()
    if text:
        try:
            count = int(text)
        except ValueError:
            count = 0
        if count < 1:
            raise PostsovietError(
                f"{WORKERS_VARIABLE}={text!r}: expected a whole number of workers, 1 or more"
            )
        return count
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def balanced(weights: Sequence[float], bins: int) -> list[list[int]]:
    """Piece indices in ``bins`` lists of near-equal total weight (heaviest piece first to the
    lightest list); each list in increasing index order."""
    loads = [0.0] * bins
    lists: list[list[int]] = [[] for _ in range(bins)]
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        lightest = min(range(bins), key=lambda b: (loads[b], b))
        loads[lightest] += weights[index]
        lists[lightest].append(index)
    return [sorted(indices) for indices in lists if indices]


def _can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def _run_share(share: int) -> list[tuple[int, Any]]:
    if _job is None:
        raise RuntimeError("a forked worker runs only inside fork_map")
    function, pieces, shares = _job
    return [(index, function(pieces[index])) for index in shares[share]]


def fork_map(
    function: Callable[[Any], Any],
    pieces: Sequence[Any],
    weights: Sequence[float] | None = None,
    workers: int | None = None,
) -> list[Any]:
    """``[function(piece) for piece in pieces]``, the pieces shared among forked workers by weight.

    ``function`` and ``pieces`` are not pickled: the workers inherit them at the fork. Only the
    results travel back, so they must pickle.
    """
    workers = worker_count() if workers is None else workers
    weights = [1.0] * len(pieces) if weights is None else list(weights)
    shares = balanced(weights, min(workers, len(pieces)))
    if len(shares) < 2 or not _can_fork():
        return [function(piece) for piece in pieces]
    global _job
    _job = (function, pieces, shares)
    try:
        with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
            done = pool.map(_run_share, range(len(shares)), chunksize=1)
    finally:
        _job = None
    results: list[Any] = [None] * len(pieces)
    for share in done:
        for index, result in share:
            results[index] = result
    return results
