"""10,000 Monte Carlo draws of the essay's scenario set: sequential, process pool, Dask (2 workers).

Run: ``python benchmarks/bench_runs.py [--draws 10000] [--workers 2]``. Prints one line per executor
(wall time of ``run_uncertainty``, of which execution) and the time to store the run in DuckDB, and
checks that every executor gives the same bytes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from postsoviet import load_world
from postsoviet.runs import Store, default_problem, run_uncertainty
from postsoviet.scenarios.files import builtin_names, load_scenario


def time_executors(world, scenarios, problem, *, draws: int, executors: list[str], workers: int):
    """One line per executor: wall time of ``run_uncertainty``, of which execution, the speed-up over
    the first executor (of the wall time, and of the execution alone: the scenarios are prepared on
    the client whatever the executor), and whether it gave the first one's bytes. Returns the first
    run."""
    first, base, base_run = None, None, None
    for executor in executors:
        began = time.perf_counter()
        run = run_uncertainty(
            world, scenarios, problem, samples=draws, seed=2022,
            executor=executor, workers=workers,
        )  # fmt: skip
        total = time.perf_counter() - began
        first = first if first is not None else run
        base = base if base is not None else total
        base_run = base_run if base_run is not None else run.seconds
        same = run.outputs.tobytes() == first.outputs.tobytes()
        print(
            f"{executor:8s} workers {run.workers}: total {total:7.1f} s, execution "
            f"{run.seconds:7.1f} s, speed-up {base / total:4.2f}x (execution "
            f"{base_run / run.seconds:4.2f}x), outputs {run.outputs.shape[1]}, same bytes as the "
            f"first: {same}"
        )
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    world = load_world()
    scenarios = [load_scenario(name, world) for name in builtin_names()]
    problem = default_problem(scenarios[0])
    print(f"{len(scenarios)} scenarios, {len(problem.inputs)} inputs, {args.draws} draws")
    first = time_executors(
        world, scenarios, problem, draws=args.draws, executors=["seq", "process", "dask"],
        workers=args.workers,
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        with Store(Path(folder) / "runs.duckdb") as store:
            store.save(first)
        print(f"store in DuckDB: {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
