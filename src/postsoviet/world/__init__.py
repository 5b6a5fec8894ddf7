"""The world: the actors of the post-Soviet space and their dated, sourced facts."""

from postsoviet.world.world import World, load_world

__all__ = ["World", "load_world"]
