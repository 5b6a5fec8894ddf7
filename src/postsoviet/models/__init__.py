"""Models: pure functions with published definitions (numpy arrays in, dataclasses out).

The registry (:mod:`postsoviet.models.registry`) lists them with their metadata and runs each the
same way: ``postsoviet.models.get("ladder").run(world, config, on=...)``. It is imported on first
use, so importing a single model stays light.
"""

from __future__ import annotations

from typing import Any

_REGISTRY = ("MODELS", "ModelResult", "ModelSpec", "Quantity", "get", "names", "specs")


def __getattr__(name: str) -> Any:
    if name in _REGISTRY:
        from postsoviet.models import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'postsoviet.models' has no attribute '{name}'")
