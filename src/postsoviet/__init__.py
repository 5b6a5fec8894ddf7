"""postsoviet: a computable model of the essay "Post Soviet Union!" (July 2022).

The data flows one way: data files -> world -> models -> scenarios -> runs -> faces.
``load_world`` reads the sourced, dated world dataset shipped in the package; ``load_config`` the
models' configuration (weights, directions, ladder stages, issues); ``models.get(name)`` a model of the
registry, run the same way for every model; ``load_scenario`` and ``run_scenario`` the what-ifs;
``default_problem`` (a ``SamplingProblem``: the uncertain inputs) and ``run_uncertainty`` the sampled
runs; ``Problem`` is a problem found in an input file (``postsoviet.errors``). Every name but the errors is imported
on first use, so ``import postsoviet`` (and ``postsoviet --help``) stays light.

Before anything imports numba, :func:`postsoviet.numba_cache.ensure_cache_dir` points numba's on-disk
cache at a writable folder when neither the package folder nor the user's cache folder is writable
(a read-only install, a missing or read-only HOME); otherwise numba fails at import.
"""

from importlib import import_module
from typing import Any

from postsoviet.errors import DataError, PostsovietError, Problem
from postsoviet.numba_cache import ensure_cache_dir

__version__ = "0.1.0"

ensure_cache_dir()

_LAZY = {
    "Config": "postsoviet.data.config",
    "load_config": "postsoviet.data.config",
    "World": "postsoviet.world",
    "load_world": "postsoviet.world",
    "Scenario": "postsoviet.scenarios.spec",
    "load_scenario": "postsoviet.scenarios.files",
    "run_scenario": "postsoviet.scenarios.run",
    "SamplingProblem": "postsoviet.runs.problem",
    "default_problem": "postsoviet.runs.problem",
    "run_uncertainty": "postsoviet.runs.run",
}


def __getattr__(name: str) -> Any:
    if name == "models":
        return import_module("postsoviet.models")
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'postsoviet' has no attribute '{name}'")


__all__ = [
    "Config",
    "DataError",
    "PostsovietError",
    "Problem",
    "SamplingProblem",
    "Scenario",
    "World",
    "__version__",
    "default_problem",
    "load_config",
    "load_scenario",
    "load_world",
    "models",
    "run_scenario",
    "run_uncertainty",
]
