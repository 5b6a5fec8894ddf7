"""postsoviet: a computable model of the essay "Post Soviet Union!" (July 2022).

The data flows one way: data files -> world -> models -> scenarios -> runs -> faces.
``load_world`` reads the sourced, dated world dataset shipped in the package; ``load_config`` the
models' configuration (weights, directions, ladder stages, issues); ``models.get(name)`` a model of the
registry, run the same way for every model; ``load_scenario`` and ``run_scenario`` the what-ifs;
``default_problem`` and ``run_uncertainty`` the sampled runs. The scenario and run names are imported
on first use, so ``import postsoviet`` stays light.
"""

from importlib import import_module
from typing import Any

from postsoviet import models
from postsoviet.data.config import Config, load_config
from postsoviet.errors import DataError, PostsovietError, Problem
from postsoviet.world import World, load_world

__version__ = "0.1.0"

_LAZY = {
    "Scenario": "postsoviet.scenarios.spec",
    "load_scenario": "postsoviet.scenarios.files",
    "run_scenario": "postsoviet.scenarios.run",
    "default_problem": "postsoviet.runs.problem",
    "run_uncertainty": "postsoviet.runs.run",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'postsoviet' has no attribute '{name}'")


__all__ = [
    "Config",
    "DataError",
    "PostsovietError",
    "Problem",
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
