"""Axelrod & Bennett's landscape theory of aggregation (BJPS 23, 1993, pp. 211-233).

Actors of sizes ``s_i`` with symmetric propensities ``p_ij`` sort themselves into coalitions so as to
lower their frustration; the stable configurations are the local minima of the energy
``E(X) = sum_{i != j} s_i s_j p_ij d_ij(X)`` under single-actor moves.

- :func:`energy`, :func:`frustration`, :func:`margins`: a configuration's energy (eq. 3), each
  actor's frustration (eq. 2), and how firmly each actor sits in its coalition.
- :func:`exact_landscape`: every stable configuration and basin by enumeration (Gray code for two
  coalitions, partitions for more).
- :func:`heuristic_landscape`: seeded restarts of steepest descent, for many actors.
- :func:`descend`: where steepest descent takes a configuration, and who moves (after a shock).
"""

from postsoviet.models.landscape.dynamics import descend
from postsoviet.models.landscape.energy import canonical, energy, frustration, margins
from postsoviet.models.landscape.enumerate import exact_feasible, exact_landscape
from postsoviet.models.landscape.heuristic import heuristic_landscape
from postsoviet.models.landscape.result import Configuration, Descent, Landscape

__all__ = [
    "Configuration",
    "Descent",
    "Landscape",
    "canonical",
    "descend",
    "energy",
    "exact_feasible",
    "exact_landscape",
    "frustration",
    "heuristic_landscape",
    "margins",
]
