"""The ``postsoviet`` console script: answers ``--version`` and the top-level help at once.

Anything else loads the full application (:mod:`postsoviet.cli.app`), which imports the models.
See docs/performance.md for the start-up figures.
"""

from __future__ import annotations

import os
import sys

# The models' linear algebra runs on small matrices: one BLAS thread per process (sampled runs
# parallelise with processes). BLAS threads spinning on two busy cores made the forecasts' history
# twice as slow (docs/performance.md). A user's own setting wins; numba's threads are not touched.
for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``postsoviet`` console script."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from postsoviet.cli.catalogue import version

        sys.stdout.write(f"postsoviet {version()}\n")
        return
    if args in ([], ["--help"], ["-h"]):
        from postsoviet.cli.catalogue import catalogue

        catalogue()(args=["--help"] if args else [], prog_name="postsoviet")
        return
    from postsoviet.cli.app import app

    app(args=args, prog_name="postsoviet")
