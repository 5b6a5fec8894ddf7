"""Exact enumeration of the landscape: every configuration, every stable one, every basin.

Two coalitions (the paper's case, p. 216: 2^(n-1) configurations once mirror images are identified)
use a Gray code: consecutive configurations differ by one actor, so the local fields
``f_i = sum_j w_ij sigma_j`` (``sigma = +-1`` the side, ``w_ij = s_i s_j p_ij``) are updated in O(n)
per configuration, and a configuration is stable when every actor's move gain
``-2 sigma_i f_i`` is not a gain: ``sigma_i f_i >= -tol``. The loop is compiled with numba and
split into independent chunks (each restarted from scratch, which also bounds rounding drift) over
the available cores.

More than two coalitions are enumerated as restricted growth strings (partitions into at most
``coalitions`` blocks) with the general move kernel of :mod:`.dynamics`; that is exact but only
feasible for small ``n``.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import ArrayLike, NDArray

from postsoviet.errors import LandscapeError
from postsoviet.models.landscape.dynamics import (
    _best_move,
    _canonicalise,
    _move,
    _setup,
    compress_basins,
    count_roots,
)
from postsoviet.models.landscape.energy import check_inputs, tolerance
from postsoviet.models.landscape.result import Configuration, Landscape

# Largest n for two coalitions with basins: the successor array holds 2^(n-1) uint32 (1 GiB at 28).
MAX_ACTORS_TWO = 28
# Largest n without basins (the minima alone need no memory per configuration).
MAX_ACTORS_TWO_MINIMA = 32
# Labelled assignments scanned for more than two coalitions (coalitions^n must not exceed this).
MAX_LABELLINGS = 1 << 24


@numba.njit(cache=True)
def _fields(w, sigma, f):
    n = sigma.size
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += w[i, j] * sigma[j]
        f[i] = acc


@numba.njit(cache=True, parallel=True)
def _gray_scan(w, tol, chunk_bits, capacity, succ):
    """Scan all 2^(n-1) two-coalition configurations (actor n-1 fixed on side 0).

    Configuration ``g`` puts actor ``i`` on side 1 when bit ``i`` of ``g`` is set. Returns the stable
    configurations found per chunk (up to ``capacity``) and how many each chunk found. When
    ``succ`` has one entry per configuration it receives each one's steepest-descent successor.
    """
    n = w.shape[0]
    free = n - 1
    total = np.int64(1) << free
    mirror = total - 1
    n_chunks = total >> chunk_bits
    found = np.zeros((n_chunks, capacity), np.int64)
    counts = np.zeros(n_chunks, np.int64)
    want_succ = succ.size == total
    for chunk in numba.prange(n_chunks):
        sigma = np.empty(n)
        f = np.empty(n)
        k0 = np.int64(chunk) << chunk_bits
        g = k0 ^ (k0 >> 1)
        for i in range(n):
            sigma[i] = -1.0 if (g >> i) & 1 else 1.0
        _fields(w, sigma, f)
        for k in range(k0, k0 + (np.int64(1) << chunk_bits)):
            if k > k0:
                a = 0
                while not (k >> a) & 1:
                    a += 1
                c = 2.0 * sigma[a]
                for j in range(n):
                    f[j] -= c * w[a, j]
                sigma[a] = -sigma[a]
                g ^= np.int64(1) << a
            lowest = np.inf
            for j in range(n):
                lowest = min(lowest, sigma[j] * f[j])
            if lowest >= -tol:
                if counts[chunk] < capacity:
                    found[chunk, counts[chunk]] = g
                counts[chunk] += 1
                if want_succ:
                    succ[g] = g
            elif want_succ:
                j = 0
                while sigma[j] * f[j] > lowest + tol:
                    j += 1
                succ[g] = g ^ mirror if j == free else g ^ (np.int64(1) << j)
    return found, counts


@numba.njit(cache=True)
def _partition_scan(w, k, tol, succ):
    """Scan every labelling with ``k`` labels; keep restricted growth strings (one per partition).

    ``succ[code]`` receives the code of the steepest-descent successor (canonical), or -1 when
    ``code`` is not canonical. Returns the number of canonical configurations.
    """
    n = w.shape[0]
    labels = np.empty(n, np.int64)
    nxt = np.empty(n, np.int64)
    pull = np.empty((n, k))
    counts = np.empty(k, np.int64)
    rank = np.empty(k, np.int64)
    order = np.empty(k, np.int64)
    canonical_count = 0
    for code in range(succ.size):
        rest = code
        top = -1
        ok = True
        for i in range(n):
            labels[i] = rest % k
            rest //= k
            if labels[i] > top + 1:
                ok = False
                break
            top = max(top, labels[i])
        if not ok:
            succ[code] = -1
            continue
        canonical_count += 1
        _setup(w, labels, k, pull, counts)
        actor, target = _best_move(labels, pull, counts, k, tol, rank, order)
        if actor < 0:
            succ[code] = code
            continue
        nxt[:] = labels
        _move(w, nxt, pull, counts, actor, target)
        _canonicalise(nxt, k, rank)
        value = 0
        for i in range(n - 1, -1, -1):
            value = value * k + nxt[i]
        succ[code] = value
    return canonical_count


def exact_feasible(n: int, coalitions: int, *, basins: bool = True) -> bool:
    """Whether :func:`exact_landscape` can enumerate ``n`` actors into ``coalitions`` coalitions."""
    k = min(coalitions, n)
    if k <= 2:
        return n <= (MAX_ACTORS_TWO if basins else MAX_ACTORS_TWO_MINIMA)
    return k**n <= MAX_LABELLINGS


def _mask_labels(masks: NDArray[np.int64], n: int) -> NDArray[np.int64]:
    """Two-coalition bit masks to canonical label rows (actor 0 in coalition 0)."""
    bits = (masks[:, None] >> np.arange(n)) & 1
    return bits ^ bits[:, :1]


def _code_labels(codes: NDArray[np.int64], n: int, k: int) -> NDArray[np.int64]:
    return (codes[:, None] // k ** np.arange(n, dtype=np.int64)) % k


def build_landscape(
    w: NDArray[np.float64],
    labels: NDArray[np.int64],
    basins: NDArray[np.int64] | None,
    configurations: int,
    coalitions: int,
    method: str,
) -> Landscape:
    """Assemble the sorted result from stable label rows, their basins and the count examined."""
    diff = labels[:, :, None] != labels[:, None, :]
    energies = (diff * w[None, :, :]).sum(axis=(1, 2))
    keys = [*(labels[:, i] for i in range(labels.shape[1] - 1, -1, -1)), energies]
    order = np.lexsort(keys)
    lowest = energies.min()
    tol = tolerance(w)
    minima = tuple(
        Configuration(
            labels=tuple(int(v) for v in labels[r]),
            energy=float(energies[r]),
            basin=None if basins is None else int(basins[r]),
            basin_share=None if basins is None else float(basins[r]) / configurations,
            is_global=bool(energies[r] <= lowest + tol),
        )
        for r in order
    )
    return Landscape(
        minima=minima, coalitions=coalitions, configurations=configurations, method=method
    )


def _two_coalitions(w: NDArray[np.float64], basins: bool, coalitions: int) -> Landscape:
    n = w.shape[0]
    limit = MAX_ACTORS_TWO if basins else MAX_ACTORS_TWO_MINIMA
    if n > limit:
        raise LandscapeError(
            f"sizes: {n} actors is too many for exact enumeration of two coalitions "
            f"{'with basins ' if basins else ''}(limit {limit}); use the heuristic"
        )
    free = n - 1
    total = 1 << free
    succ = np.empty(total if basins else 0, np.int32)
    chunk_bits = max(free - 8, 0)
    capacity = 256
    while True:
        found, counts = _gray_scan(w, tolerance(w), chunk_bits, capacity, succ)
        if counts.max() <= capacity:
            break
        capacity = int(counts.max())
    masks = np.concatenate([found[c, : counts[c]] for c in range(counts.size)])
    sizes = None
    if basins:
        if not compress_basins(succ):
            raise LandscapeError("propensities: the descent cycled; report this as a bug")
        masks.sort()
        sizes = count_roots(succ, masks.astype(succ.dtype))
    return build_landscape(w, _mask_labels(masks, n), sizes, total, coalitions, "exact")


def _many_coalitions(w: NDArray[np.float64], k: int, coalitions: int) -> Landscape:
    n = w.shape[0]
    if k**n > MAX_LABELLINGS:
        raise LandscapeError(
            f"coalitions: {k} coalitions of {n} actors is too many for exact enumeration "
            f"({k}^{n} labellings, limit {MAX_LABELLINGS}); use the heuristic"
        )
    succ = np.empty(k**n, np.int32)
    total = _partition_scan(w, k, tolerance(w), succ)
    codes = np.flatnonzero(succ == np.arange(succ.size))
    if not compress_basins(succ):
        raise LandscapeError("propensities: the descent cycled; report this as a bug")
    sizes = count_roots(succ, codes.astype(np.int32))
    return build_landscape(w, _code_labels(codes, n, k), sizes, int(total), coalitions, "exact")


def exact_landscape(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    coalitions: int = 2,
    basins: bool = True,
) -> Landscape:
    """Every stable configuration, the global minimum and every basin, by exhaustive enumeration.

    A configuration is stable when no single actor can lower its frustration by moving (p. 216);
    with symmetric propensities that is a local minimum of the energy
    ``E(X) = sum_{i != j} s_i s_j p_ij d_ij(X)`` (eq. 3 p. 214, ordered pairs). The basin of a
    stable configuration counts the configurations whose steepest descent ends there (fn. 33).

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes ``s_i > 0``.
    propensities : array_like, shape (n, n)
        Symmetric propensities ``p_ij``; the diagonal is ignored.
    coalitions : int
        Largest number of coalitions; 2 is the paper's case (Gray code, n up to
        ``MAX_ACTORS_TWO`` with basins, ``MAX_ACTORS_TWO_MINIMA`` without). More coalitions enumerate
        partitions and need ``coalitions ** n <= MAX_LABELLINGS``.
    basins : bool
        Compute basins of attraction (always computed when ``coalitions > 2``).

    Returns
    -------
    Landscape
        Stable configurations by ascending energy; ``configurations`` is the number of distinct
        configurations (partitions into at most ``coalitions`` groups), e.g. 2^(n-1) for two.

    Raises
    ------
    LandscapeError
        For invalid inputs, or too many actors for exact enumeration.
    """
    s, p = check_inputs(sizes, propensities)
    if not isinstance(coalitions, int | np.integer) or coalitions < 2:
        raise LandscapeError(f"coalitions: expected an integer >= 2, got {coalitions!r}")
    w = s[:, None] * s[None, :] * p
    k = min(int(coalitions), s.size)
    key = (w.shape, w.tobytes(), k, int(coalitions), bool(basins))
    if key not in _SOLVED:
        if len(_SOLVED) >= _SOLVED_SIZE:
            _SOLVED.pop(next(iter(_SOLVED)))
        _SOLVED[key] = (
            _two_coalitions(w, basins, int(coalitions))
            if k == 2
            else _many_coalitions(w, k, int(coalitions))
        )
    return _SOLVED[key]


# Solved landscapes by their inputs' bytes: the same sizes and propensities (a scenario that leaves
# the landscape's inputs as the baseline's) are enumerated once per process. Results are frozen.
_SOLVED: dict[tuple, Landscape] = {}
_SOLVED_SIZE = 32
