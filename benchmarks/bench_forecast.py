"""Time ``forecast_targets``: 100 targets asked on one day in 2022, 1,000 draws, calibrated.

Run with ``.venv/bin/python benchmarks/bench_forecast.py``; the issue's budget is 60 s on 2 cores.
The targets are the example set repeated with fresh ids (every quantity family, the models'
quantities included); the calibration history is built once, as in ``postsoviet forecast``.
It is timed twice, in a fresh disk cache (:mod:`postsoviet.disk_cache`) of its own: cold (the
history built and kept) and warm (read back, as for a second forecast on the same data).
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

import yaml

import postsoviet
from postsoviet.forecasts.backtest import history_calibration
from postsoviet.forecasts.forecast import forecast_targets
from postsoviet.forecasts.targets import parse_targets

EXAMPLES = Path(__file__).parents[1] / "examples" / "targets.yaml"
TARGETS = 100


def hundred_targets() -> list:
    """The example targets, repeated with fresh ids up to :data:`TARGETS`."""
    items = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))["targets"]
    repeated = [
        {**item, "id": f"{item['id']}.{n}"}
        for n in range(TARGETS // len(items) + 1)
        for item in items
    ][:TARGETS]
    return parse_targets({"targets": repeated})[0]


def main() -> None:
    """Print the seconds taken for the whole set, with the disk cache cold and then warm."""
    print(f"{platform.python_version()} {platform.machine()}")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["POSTSOVIET_CACHE_DIR"] = folder
        world = postsoviet.load_world()
        targets = hundred_targets()
        for cache in ("cold", "warm"):
            start = time.perf_counter()
            answers = forecast_targets(
                world, targets, draws=1000, seed=0, calibration_on=history_calibration(world)
            )
            seconds = time.perf_counter() - start
            answered = sum(a.answered for a in answers)
            print(
                f"{len(answers)} targets, {answered} answered, 1000 draws, "
                f"cache {cache}: {seconds:.1f} s"
            )


if __name__ == "__main__":
    main()
