"""The downhill dynamic: steepest descent under single-actor moves, and basins of attraction.

Axelrod & Bennett (1993, p. 216) let one actor at a time move to the coalition that lowers its own
frustration; with symmetric propensities every such move lowers the energy by twice the pair weights
it resolves, so the energy is a Lyapunov function and the process stops at a local minimum. Their
basins of attraction (fn. 33) follow **steepest descent**: from each configuration, the single-actor
move that lowers the energy most. We implement exactly that:

* a move of actor ``i`` from coalition ``a`` to ``c`` changes the energy by
  ``2 (A[i, a] - A[i, c])`` with ``A[i, c] = sum_{j in c} s_i s_j p_ij``;
* possible targets are every other coalition in use and, while fewer than ``coalitions`` are in use,
  a new one (an actor alone in its coalition cannot "move" to a new one: nothing would change);
* a move is made only if it lowers the energy by more than the tolerance of
  :func:`~postsoviet.models.landscape.energy.tolerance`;
* ties (gains within the tolerance of the best) go to the lowest-numbered actor, then to the target
  coalition that comes first in first-appearance order (a new coalition last).

The numba kernels here are shared by the exact enumeration for any number of coalitions, the
heuristic and :func:`descend`.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import ArrayLike

from postsoviet.errors import LandscapeError
from postsoviet.models.landscape.energy import (
    check_inputs,
    check_labels,
    energy,
    tolerance,
)
from postsoviet.models.landscape.result import Descent


@numba.njit(cache=True)
def _setup(w, labels, k, pull, counts):
    """Fill ``pull[i, c]`` (sum of w_ij over j in raw coalition c) and coalition sizes."""
    n = labels.size
    pull[:, :] = 0.0
    counts[:] = 0
    for j in range(n):
        c = labels[j]
        counts[c] += 1
        for i in range(n):
            pull[i, c] += w[i, j]


@numba.njit(cache=True)
def _best_move(labels, pull, counts, k, tol, rank, order):
    """The steepest move as (actor, raw target label), or (-1, -1) at a local minimum."""
    n = labels.size
    rank[:] = -1
    used = 0
    for i in range(n):
        if rank[labels[i]] < 0:
            rank[labels[i]] = used
            order[used] = labels[i]
            used += 1
    empty = -1
    if used < k:
        for c in range(k):
            if counts[c] == 0:
                empty = c
                break
    best = 0.0
    for i in range(n):
        cur = labels[i]
        for r in range(used):
            c = order[r]
            if c != cur:
                best = max(best, pull[i, c] - pull[i, cur])
        if empty >= 0 and counts[cur] > 1:
            best = max(best, -pull[i, cur])
    if best <= tol:
        return -1, -1
    for i in range(n):
        cur = labels[i]
        for r in range(used):
            c = order[r]
            if c != cur and pull[i, c] - pull[i, cur] >= best - tol:
                return i, c
        if empty >= 0 and counts[cur] > 1 and -pull[i, cur] >= best - tol:
            return i, empty
    return -1, -1


@numba.njit(cache=True)
def _move(w, labels, pull, counts, actor, target):
    source = labels[actor]
    labels[actor] = target
    counts[source] -= 1
    counts[target] += 1
    for i in range(labels.size):
        pull[i, source] -= w[i, actor]
        pull[i, target] += w[i, actor]


@numba.njit(cache=True)
def _canonicalise(labels, k, rank):
    """Relabel in place by first appearance."""
    rank[:] = -1
    used = 0
    for i in range(labels.size):
        if rank[labels[i]] < 0:
            rank[labels[i]] = used
            used += 1
        labels[i] = rank[labels[i]]


@numba.njit(cache=True)
def _descend_labels(w, labels, k, tol, max_steps):
    """Steepest descent from ``labels`` (modified in place); returns the number of moves."""
    n = labels.size
    pull = np.empty((n, k))
    counts = np.empty(k, np.int64)
    rank = np.empty(k, np.int64)
    order = np.empty(k, np.int64)
    _setup(w, labels, k, pull, counts)
    for step in range(max_steps):
        actor, target = _best_move(labels, pull, counts, k, tol, rank, order)
        if actor < 0:
            return step
        _move(w, labels, pull, counts, actor, target)
    return -1


@numba.njit(cache=True, parallel=True)
def _descend_many(w, starts, k, tol, max_steps):
    """Steepest descent from every row of ``starts``; rows end canonical. Returns steps per row."""
    steps = np.empty(starts.shape[0], np.int64)
    for r in numba.prange(starts.shape[0]):
        row = starts[r]
        steps[r] = _descend_labels(w, row, k, tol, max_steps)
        _canonicalise(row, k, np.empty(k, np.int64))
    return steps


@numba.njit(cache=True)
def compress_basins(succ):
    """Point every configuration straight at the minimum its descent ends in (in place).

    ``succ[x]`` is the steepest-descent successor of configuration ``x`` (``x`` itself at a local
    minimum, negative for indices that are not configurations). Path compression keeps the total
    work linear. Returns False if a cycle is found (impossible for a strict descent).
    """
    limit = succ.size
    for x in range(succ.size):
        if succ[x] < 0:
            continue
        root = x
        steps = 0
        while succ[root] != root:
            root = succ[root]
            steps += 1
            if steps > limit:
                return False
        y = x
        while y != root:
            nxt = succ[y]
            succ[y] = root
            y = nxt
    return True


@numba.njit(cache=True)
def count_roots(succ, roots):
    """How many configurations point at each of the sorted ``roots`` after :func:`compress_basins`."""
    counts = np.zeros(roots.size, np.int64)
    for x in range(succ.size):
        r = succ[x]
        if r >= 0:
            counts[np.searchsorted(roots, r)] += 1
    return counts


def descend(
    sizes: ArrayLike,
    propensities: ArrayLike,
    start: ArrayLike,
    *,
    coalitions: int = 2,
) -> Descent:
    """Follow steepest descent from a configuration; report where it ends and who moved.

    Use it after a perturbation: start from a configuration that was stable under the old sizes or
    propensities and pass the new ones; ``moved`` lists the actors that switch coalition.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes ``s_i > 0``.
    propensities : array_like, shape (n, n)
        Symmetric propensities ``p_ij``.
    start : array_like of int, shape (n,)
        Coalition label of each actor, each ``< coalitions``.
    coalitions : int
        Largest number of coalitions a configuration may have.

    Returns
    -------
    Descent
        Start and end labels (labels keep their meaning), movers, energies (eq. 3 p. 214), moves.
    """
    s, p = check_inputs(sizes, propensities)
    x0 = check_labels(start, s.size, "start")
    if coalitions < 2:
        raise LandscapeError(f"coalitions: expected an integer >= 2, got {coalitions!r}")
    if x0.max() >= coalitions:
        raise LandscapeError(f"start: labels must be < coalitions={coalitions}, got {x0.max()}")
    w = s[:, None] * s[None, :] * p
    x = x0.copy()
    steps = _descend_labels(w, x, coalitions, tolerance(w), 1 << 30)
    if steps < 0:
        raise LandscapeError("propensities: the descent did not settle; report this as a bug")
    return Descent(
        start=tuple(int(v) for v in x0),
        end=tuple(int(v) for v in x),
        moved=tuple(int(i) for i in np.flatnonzero(x != x0)),
        energy_start=energy(s, p, x0),
        energy_end=energy(s, p, x),
        steps=int(steps),
    )
