"""Time the expected-utility model: 10 actors (the emission example), 50 and 200 actors, 10 rounds.

Run with ``.venv/bin/python benchmarks/bench_bargaining.py``; record the figures in the
"Bargaining" section of ``docs/performance.md``. Each case reports the best and the median of
several repeats, in milliseconds.
"""

from __future__ import annotations

import platform
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from postsoviet.models.bargaining import Actors, bdm_model

EMISSION = (
    Path(__file__).parents[1] / "tests" / "data" / "bargaining" / "emission_bdm1994_inputs.csv"
)
ROUNDS = 10


def random_actors(n: int, seed: int = 2011) -> Actors:
    """n actors with positions on 0-100 and capability, salience on 0-1, from a fixed seed."""
    rng = np.random.default_rng(seed)
    return Actors.from_arrays(rng.uniform(0, 100, n), rng.uniform(0, 1, n), rng.uniform(0, 1, n))


def emission_actors() -> Actors:
    frame = pd.read_csv(EMISSION)
    return Actors.from_arrays(
        frame.position, frame.capability, frame.salience / 100, names=frame.actor
    )


def time_ms(actors: Actors, repeats: int) -> tuple[float, float]:
    """Best and median wall time of ``repeats`` runs, in ms (after one warm-up run)."""
    bdm_model(actors, rounds=ROUNDS)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        bdm_model(actors, rounds=ROUNDS)
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    cases = [
        ("10 actors (emission example)", emission_actors(), 50),
        ("50 actors (random)", random_actors(50), 20),
        ("200 actors (random)", random_actors(200), 5),
    ]
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    print(f"{'case':32} {'rounds':>6} {'best ms':>10} {'median ms':>10}")
    for label, actors, repeats in cases:
        best, median = time_ms(actors, repeats)
        print(f"{label:32} {ROUNDS:>6} {best:>10.1f} {median:>10.1f}")


if __name__ == "__main__":
    main()
