"""Time ``postsoviet --help``, ``--version`` and a few commands' ``--help`` against a bare
``import numpy, pandas``.

Run with ``.venv/bin/python benchmarks/bench_startup.py``; record the figures in the "Start-up"
section of ``docs/performance.md``. Each case is a fresh process, run several times in turn (so a
busy machine slows every case alike); the best and the median wall time are shown, in seconds.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "postsoviet"
CASES = {
    "python -c 'import numpy, pandas'": [sys.executable, "-c", "import numpy, pandas"],
    "postsoviet --help": [str(SCRIPT), "--help"],
    "postsoviet --version": [str(SCRIPT), "--version"],
    "postsoviet world --help": [str(SCRIPT), "world", "--help"],
    "postsoviet world show --help": [str(SCRIPT), "world", "show", "--help"],
    "postsoviet forecast --help": [str(SCRIPT), "forecast", "--help"],
    "postsoviet report --help": [str(SCRIPT), "report", "--help"],
    "postsoviet runs export --help": [str(SCRIPT), "runs", "export", "--help"],
}
REPEATS = 7


def wall(command: list[str]) -> float:
    """Seconds one run of ``command`` takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)  # noqa: S603 - fixed commands
    return time.perf_counter() - start


def main() -> None:
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for command in CASES.values():
        wall(command)  # warm the file cache and numba's on-disk cache
    for _ in range(REPEATS):
        for name, command in CASES.items():
            times[name].append(wall(command))
    print(f"{platform.python_version()} on {platform.machine()}, {REPEATS} runs each")
    baseline = statistics.median(times[next(iter(CASES))])
    for name, seconds in times.items():
        median = statistics.median(seconds)
        print(
            f"{name:36s} best {min(seconds):5.2f} s  median {median:5.2f} s  "
            f"({median / baseline:.2f} x numpy+pandas)"
        )


if __name__ == "__main__":
    main()
