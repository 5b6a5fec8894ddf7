"""Energy, frustration and move gains of a configuration (Axelrod & Bennett 1993, eqs. 1-3).

Notation follows R. Axelrod and D. S. Bennett, "A Landscape Theory of Aggregation", *British Journal
of Political Science* 23(2), 1993, pp. 211-233 (page numbers are the journal's). Actors ``i`` have
sizes ``s_i > 0`` and pairwise propensities ``p_ij = p_ji`` (positive: affinity, negative:
antagonism). A configuration ``X`` assigns every actor to a coalition; ``d_ij(X)`` is 1 when ``i``
and ``j`` are in different coalitions and 0 otherwise. Configurations are stored as integer label
vectors; two label vectors describing the same partition are the same configuration.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from postsoviet.errors import LandscapeError

# Gains smaller than this fraction of the largest possible gain count as zero: such a "move" would
# change nothing but rounding, and treating it as a move would make results depend on summation order.
RELATIVE_TOLERANCE = 1e-9


def check_inputs(
    sizes: ArrayLike, propensities: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validate sizes and propensities; return them as float arrays with a zero diagonal.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes ``s_i``, finite and strictly positive.
    propensities : array_like, shape (n, n)
        Symmetric propensities ``p_ij``, finite; the diagonal is ignored.

    Raises
    ------
    LandscapeError
        Naming the argument and the first offending entry.
    """
    s = np.asarray(sizes, dtype=np.float64)
    p = np.array(propensities, dtype=np.float64)
    if s.ndim != 1 or s.size < 2:
        raise LandscapeError(
            f"sizes: expected a 1-D array of at least 2 actors, got shape {s.shape}"
        )
    n = s.size
    if p.shape != (n, n):
        raise LandscapeError(
            f"propensities: expected shape ({n}, {n}) to match sizes, got {p.shape}"
        )
    bad = np.flatnonzero(~np.isfinite(s) | (s <= 0))
    if bad.size:
        raise LandscapeError(f"sizes[{bad[0]}]: expected a finite size > 0, got {s[bad[0]]!r}")
    np.fill_diagonal(p, 0.0)
    if not np.isfinite(p).all():
        i, j = np.argwhere(~np.isfinite(p))[0]
        raise LandscapeError(f"propensities[{i}, {j}]: expected a finite number, got {p[i, j]!r}")
    asym = np.abs(p - p.T)
    if asym.max() > 1e-12 * max(1.0, np.abs(p).max()):
        i, j = np.unravel_index(np.argmax(asym), p.shape)
        raise LandscapeError(
            f"propensities[{i}, {j}] = {p[i, j]!r} but propensities[{j}, {i}] = {p[j, i]!r}: "
            "expected a symmetric matrix"
        )
    return s, (p + p.T) / 2.0


def pair_weights(sizes: ArrayLike, propensities: ArrayLike) -> NDArray[np.float64]:
    """The pair weights ``w_ij = s_i s_j p_ij`` (zero diagonal) that every energy is built from."""
    s, p = check_inputs(sizes, propensities)
    return s[:, None] * s[None, :] * p


def tolerance(weights: NDArray[np.float64]) -> float:
    """The smallest energy change that counts as a move, scaled to the largest possible gain."""
    return RELATIVE_TOLERANCE * max(float(np.abs(weights).sum(axis=1).max()), np.finfo(float).tiny)


def check_labels(labels: ArrayLike, n: int, name: str = "labels") -> NDArray[np.int64]:
    """Validate a configuration: ``n`` non-negative integer coalition labels."""
    x = np.asarray(labels)
    if x.shape != (n,):
        raise LandscapeError(f"{name}: expected {n} coalition labels, got shape {x.shape}")
    if not np.issubdtype(x.dtype, np.integer) or (x < 0).any():
        raise LandscapeError(f"{name}: expected non-negative integer coalition labels, got {x!r}")
    return x.astype(np.int64)


def canonical(labels: ArrayLike) -> NDArray[np.int64]:
    """Relabel coalitions by first appearance, so one partition has one label vector.

    Actor 0 is always in coalition 0, the first actor not in coalition 0 opens coalition 1, and so on.
    """
    x = np.asarray(labels, dtype=np.int64)
    _, first, inverse = np.unique(x, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))
    return rank[inverse].astype(np.int64)


def energy(sizes: ArrayLike, propensities: ArrayLike, labels: ArrayLike) -> float:
    """Energy (total frustration) of a configuration, eq. 3 p. 214.

    .. math:: E(X) = \\sum_i s_i F_i(X) = \\sum_{i \\ne j} s_i s_j p_{ij} d_{ij}(X)

    The sum runs over *ordered* pairs, as in the paper, so every unordered pair counts twice.
    Units: size squared times propensity.
    """
    w = pair_weights(sizes, propensities)
    x = check_labels(labels, w.shape[0])
    return float(w[x[:, None] != x[None, :]].sum())


def frustration(
    sizes: ArrayLike, propensities: ArrayLike, labels: ArrayLike
) -> NDArray[np.float64]:
    """Each actor's frustration in a configuration, eq. 2 p. 214.

    .. math:: F_i(X) = \\sum_{j \\ne i} s_j p_{ij} d_{ij}(X)

    Units: size times propensity. ``energy == sum(sizes * frustration)``.
    """
    s, p = check_inputs(sizes, propensities)
    x = check_labels(labels, s.size)
    return ((x[:, None] != x[None, :]) * p) @ s


def coalition_pull(weights: NDArray[np.float64], labels: NDArray[np.int64]) -> NDArray[np.float64]:
    """``A[i, c] = sum over j in coalition c of w_ij``: how much actor i gains from being with c.

    Moving actor ``i`` from coalition ``a`` to ``c`` changes the energy by ``2 (A[i, a] - A[i, c])``.
    The last column stands for a new, empty coalition (always 0).
    """
    k = int(labels.max()) + 1
    onehot = np.zeros((labels.size, k + 1))
    onehot[np.arange(labels.size), labels] = 1.0
    return weights @ onehot


def margins(
    sizes: ArrayLike, propensities: ArrayLike, labels: ArrayLike, *, coalitions: int = 2
) -> NDArray[np.float64]:
    """How much each actor's frustration would rise if it moved to its best other coalition.

    .. math:: m_i = \\min_{c \\ne X_i} \\sum_j s_j p_{ij} (d_{ij}(X') - d_{ij}(X))

    where ``X'`` is ``X`` with actor ``i`` moved to coalition ``c`` (an existing coalition, or a new
    one while fewer than ``coalitions`` are in use). Every margin is ``>= 0`` exactly when ``X`` is
    stable (p. 216); the actor with the smallest margin is the least firmly placed. Units: size times
    propensity. An actor with no possible move (the whole configuration is one coalition and
    ``coalitions`` is 1) gets ``inf``.
    """
    s, p = check_inputs(sizes, propensities)
    x = canonical(check_labels(labels, s.size))
    pull = coalition_pull(s[:, None] * s[None, :] * p, x)
    used = int(x.max()) + 1
    if used > coalitions:
        raise LandscapeError(f"labels: {used} coalitions in use but coalitions={coalitions}")
    here = pull[np.arange(s.size), x]
    alone = np.bincount(x, minlength=used)[x] == 1
    out = np.full(s.size, np.inf)
    for c in range(used + 1):
        if c == used and used >= coalitions:
            break
        allowed = (x != c) & ~((c == used) & alone)
        out = np.where(allowed, np.minimum(out, (here - pull[:, c]) / s), out)
    return out
