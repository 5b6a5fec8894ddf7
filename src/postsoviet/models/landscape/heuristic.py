"""Stable configurations of many actors by seeded restarts of steepest descent.

Exact enumeration grows as 2^(n-1) (two coalitions) or faster; beyond it we sample. Each restart
draws a configuration uniformly at random (every actor picks one of ``coalitions`` labels), follows
the same steepest descent as the exact basins (:mod:`.dynamics`) to a stable configuration, and
counts where it ended. The share of restarts ending in a minimum estimates its basin share over
uniformly drawn labellings (for two coalitions that is exactly the exact basin share, since every
configuration has two labellings); minima with small basins may be missed, so the list is a lower
bound on the stable configurations.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from postsoviet.errors import LandscapeError
from postsoviet.models.landscape.dynamics import _descend_many
from postsoviet.models.landscape.energy import check_inputs, tolerance
from postsoviet.models.landscape.enumerate import build_landscape
from postsoviet.models.landscape.result import Landscape


def heuristic_landscape(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    coalitions: int = 2,
    restarts: int = 2000,
    seed: int | np.random.Generator = 0,
) -> Landscape:
    """Stable configurations found by ``restarts`` seeded runs of steepest descent.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes ``s_i > 0``.
    propensities : array_like, shape (n, n)
        Symmetric propensities ``p_ij``; the diagonal is ignored.
    coalitions : int
        Largest number of coalitions.
    restarts : int
        Random starting configurations.
    seed : int or numpy.random.Generator
        Source of the starting configurations; the same seed gives the same result.

    Returns
    -------
    Landscape
        ``method="heuristic"``; ``configurations`` is ``restarts``, ``basin`` counts the restarts
        that ended in each minimum.
    """
    s, p = check_inputs(sizes, propensities)
    if not isinstance(coalitions, int | np.integer) or coalitions < 2:
        raise LandscapeError(f"coalitions: expected an integer >= 2, got {coalitions!r}")
    if not isinstance(restarts, int | np.integer) or restarts < 1:
        raise LandscapeError(f"restarts: expected an integer >= 1, got {restarts!r}")
    rng = np.random.default_rng(seed)
    k = min(int(coalitions), s.size)
    w = s[:, None] * s[None, :] * p
    starts = rng.integers(0, k, size=(int(restarts), s.size), dtype=np.int64)
    steps = _descend_many(w, starts, k, tolerance(w), 1 << 30)
    if (steps < 0).any():
        raise LandscapeError("propensities: the descent did not settle; report this as a bug")
    ends, hits = unique_rows(starts, k)
    return build_landscape(w, ends, hits, int(restarts), int(coalitions), "heuristic")


def unique_rows(labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``labels`` (values ``< k``), in lexicographic order, and their counts.

    ``np.unique(labels, axis=0)`` sorts the rows as opaque records, slowly; when ``k ** n`` fits in
    63 bits each row is read as one base-``k`` integer (first column most significant, so integer
    order is row order) and the integers are counted instead. Same result either way.
    """
    n = labels.shape[1]
    if n * np.log2(max(k, 2)) >= 63:
        return np.unique(labels, axis=0, return_counts=True)
    place = np.int64(k) ** np.arange(n - 1, -1, -1, dtype=np.int64)
    codes, hits = np.unique(labels @ place, return_counts=True)
    rows = (codes[:, None] // place[None, :]) % k
    return rows.astype(labels.dtype), hits
