"""postsoviet: a computable model of the essay "Post Soviet Union!" (July 2022).

The data flows one way: data files -> world -> models -> scenarios -> runs -> faces.
``load_world`` reads the sourced, dated world dataset shipped in the package.
"""

from postsoviet.errors import DataError, PostsovietError, Problem
from postsoviet.world import World, load_world

__version__ = "0.1.0"

__all__ = ["DataError", "PostsovietError", "Problem", "World", "__version__", "load_world"]
