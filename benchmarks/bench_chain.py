"""Draws of every built-in scenario through the whole chain of registered models, on one worker and on
a Dask LocalCluster.

Run: ``python benchmarks/bench_chain.py [--draws 1000] [--workers 2] [--executors seq,dask]``.
Prints the time to prepare the chains (shock each scenario, prepare each model), the wall time of
each executor's ``run_uncertainty``, the speed-up over one worker, and whether every executor gave
the same bytes. Also compares the landscape's sampled basins with exact enumeration on a few draws.
"""

from __future__ import annotations

import argparse

import numpy as np
from bench_runs import time_executors

from postsoviet import load_world
from postsoviet.data.config import default_config
from postsoviet.models import registry
from postsoviet.runs import default_problem
from postsoviet.scenarios.files import builtin_names, load_scenario


def landscape_accuracy(world, draws: int = 10) -> None:
    """Sampled against exact basins of the landscape on ``draws`` draws of its weights."""
    config = default_config()
    spec = registry.get("landscape")
    exact = spec.prepare(world, config, on="2030-12-31")
    sampled = spec.prepare(world, config, on="2030-12-31", basins="sampled")
    rng = np.random.default_rng(7)
    worst, same = 0.0, 0
    for k in range(draws):
        values = {
            i.name: float(rng.triangular(*i.distribution["params"]))
            for i in spec.uncertain_inputs(config)
        }
        a, b = exact.evaluate(values, seed=k).to_df(), sampled.evaluate(values, seed=k).to_df()
        chance = "landscape.with_russia"
        gap = np.abs(
            a[a.quantity == chance].value.to_numpy(float)
            - b[b.quantity == chance].value.to_numpy(float)
        )
        worst = max(worst, float(gap.max()))
        sides = "landscape.side"
        same += a[a.quantity == sides].value.tolist() == b[b.quantity == sides].value.tolist()
    print(f"landscape sampled vs exact, {draws} draws: max |P(with Russia)| gap {worst:.4f}, "
          f"same sides in {same}/{draws}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--executors", default="seq,dask")
    args = parser.parse_args()
    world = load_world()
    landscape_accuracy(world)
    scenarios = [load_scenario(name, world) for name in builtin_names()]
    problem = default_problem(scenarios[0])
    print(f"{len(scenarios)} scenarios, {len(problem.inputs)} inputs, {args.draws} draws")
    time_executors(
        world, scenarios, problem, draws=args.draws, executors=args.executors.split(","),
        workers=args.workers,
    )  # fmt: skip


if __name__ == "__main__":
    main()
