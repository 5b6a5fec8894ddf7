"""How much work one command may ask for: documented limits, each broken one a one-line error.

The limits keep a typo (an extra zero, a negative number, ``inf``) from becoming a run that never
ends or exhausts memory. They are generous for real use; see docs/limits.md.
"""

from __future__ import annotations

import math
from pathlib import Path

from postsoviet.errors import PostsovietError

SAMPLES = 100_000
"""Base size N of a sampled design (``--samples``); Sobol runs N (2k + 2) draws."""
DRAWS = 1_000_000
"""Parameter draws of a band or a numeric forecast (``--draws``)."""
FIRST_YEAR, LAST_YEAR = 1991, 2200
"""Years a path may end in (``--horizon``): from the Union's end to two centuries on."""
ACTORS = 200
"""Actors in a bargaining or alignment file (the expected-utility model's work grows as n^3)."""
ROWS = ACTORS * (ACTORS - 1) // 2
"""Rows in an alignment file: a propensity for every pair of :data:`ACTORS` actors."""
RESTARTS = 100_000
"""Seeded restarts of the alignment heuristic (``align --heuristic --restarts``); a restart over
:data:`ACTORS` actors takes about 5 ms, so the most the limit allows is minutes, not days."""
ROUNDS = 100
"""Rounds of the bargaining model (``--rounds``; positions settle within about ten)."""
MAGNITUDE = 1e12
"""Largest size of a number in a bargaining or alignment file: beyond it products overflow floats."""
FACTOR = 1e6
"""Largest cost factor (``--cost DIRECTION=FACTOR``); factors are finite and positive."""


def check_count(option: str, value: int, high: int, *, low: int = 1) -> int:
    """``value`` if ``low <= value <= high``, else a :class:`PostsovietError` naming ``option``."""
    if not low <= value <= high:
        raise PostsovietError(
            f"option '{option}': expected an integer from {low:,} to {high:,}, got {value:,}"
        )
    return value


def check_factor(option: str, name: str, value: float) -> float:
    """A multiplying factor: finite, above zero and at most :data:`FACTOR`."""
    if not (math.isfinite(value) and 0 < value <= FACTOR):
        raise PostsovietError(
            f"option '{option}': {name}: expected a finite factor above 0 and at most "
            f"{FACTOR:g}, got {value}"
        )
    return value


def check_rows(path: Path, count: int, high: int, what: str) -> int:
    """``count`` rows of the file ``path`` if at most ``high``, else a clear error."""
    if count > high:
        raise PostsovietError(f"{path}: holds {count:,} {what}: expected at most {high:,}")
    return count
