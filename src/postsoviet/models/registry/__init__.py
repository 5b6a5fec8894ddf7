"""The registry of models: one :class:`ModelSpec` per model, each run the same way.

>>> import postsoviet
>>> spec = postsoviet.models.get("ladder")
>>> result = spec.run(world, config, on="2030-12-31")          # doctest: +SKIP
>>> result.value("ladder.rung_at_least", rung=2, on="2030-12-31")  # doctest: +SKIP

Adding a model: write its module (the maths), a registry module beside these with its ``SPEC``
(metadata, quantities, uncertain inputs and a ``run`` wrapper returning a :class:`ModelResult`),
add it to :data:`MODELS`, and the contract test runs it (``docs/models.md``).
"""

from __future__ import annotations

from collections.abc import Iterator

from postsoviet.errors import ModelInputError
from postsoviet.models.registry import (
    attrition,
    bargaining,
    directions,
    event_hazard,
    exposure,
    frontier,
    ladder,
    landscape,
)
from postsoviet.models.registry.result import ModelResult, Record, parse_keys
from postsoviet.models.registry.spec import ModelSpec, Quantity, UncertainInput

MODELS: tuple[ModelSpec, ...] = (
    frontier.SPEC,
    exposure.SPEC,
    directions.SPEC,
    bargaining.SPEC,
    attrition.SPEC,
    landscape.SPEC,
    ladder.SPEC,
    event_hazard.SPEC,
)
_BY_NAME = {spec.name: spec for spec in MODELS}


def names() -> tuple[str, ...]:
    """The registered models' names, in registry order."""
    return tuple(_BY_NAME)


def get(name: str) -> ModelSpec:
    """The registry entry of model ``name`` (e.g. ``"ladder"``).

    Raises :class:`~postsoviet.errors.ModelInputError` naming the argument for an unknown name.
    """
    if name not in _BY_NAME:
        raise ModelInputError(f"argument 'name': unknown model '{name}': expected one of {names()}")
    return _BY_NAME[name]


def specs() -> Iterator[ModelSpec]:
    """Every registry entry, in registry order."""
    return iter(MODELS)


__all__ = [
    "MODELS",
    "ModelResult",
    "ModelSpec",
    "Quantity",
    "Record",
    "UncertainInput",
    "get",
    "names",
    "parse_keys",
    "specs",
]
