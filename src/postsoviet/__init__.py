"""postsoviet: a computable model of the essay "Post Soviet Union!" (July 2022).

The data flows one way: data files -> world -> models -> scenarios -> runs -> faces.
``load_world`` reads the sourced, dated world dataset shipped in the package; ``load_config`` the
models' configuration (weights, directions, ladder stages, issues); ``models.get(name)`` a model of the
registry, run the same way for every model.
"""

from postsoviet import models
from postsoviet.data.config import Config, load_config
from postsoviet.errors import DataError, PostsovietError, Problem
from postsoviet.world import World, load_world

__version__ = "0.1.0"

__all__ = [
    "Config",
    "DataError",
    "PostsovietError",
    "Problem",
    "World",
    "__version__",
    "load_config",
    "load_world",
    "models",
]
