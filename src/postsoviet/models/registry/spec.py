"""A registry entry: what a model is, what it reads, what it exposes, and one way to run it.

Every model runs through :meth:`ModelSpec.run` with one signature::

    spec.run(world, config, *, on, seed=0, inputs=None, **options) -> ModelResult

``on`` the day the answer is for; ``seed`` an int or a :class:`numpy.random.Generator` (used by
stochastic models only); ``inputs`` values for some of the model's uncertain inputs (by name,
e.g. ``{"weight.landscape.religion": 0.5}``), the others at their nominal values; ``options`` the
model's own keywords, listed in :attr:`ModelSpec.options`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from postsoviet.data.config import Config, default_config, judgment_range
from postsoviet.errors import ModelInputError
from postsoviet.models.registry.result import ModelResult
from postsoviet.world import World
from postsoviet.world.world import DateLike, as_timestamp

Kind = Literal["probability", "numeric", "categorical", "ranking"]
KINDS = ("probability", "numeric", "categorical", "ranking")
Seed = int | np.random.Generator


@dataclass(frozen=True)
class Quantity:
    """One quantity a model exposes: ``name`` (``model.quantity``), unit, kind and arguments."""

    name: str
    unit: str
    kind: Kind
    args: tuple[str, ...]
    description: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ModelInputError(
                f"quantity '{self.name}', field 'kind': expected one of {KINDS}, got {self.kind!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        """``{"name", "unit", "kind"}`` for the ``models`` command's JSON."""
        return {"name": self.name, "unit": self.unit, "kind": self.kind}


@dataclass(frozen=True)
class UncertainInput:
    """An input the model treats as uncertain: its nominal value and distribution, as plain data.

    ``distribution`` is ``{"kind": ..., "params": [...]}`` with the kinds and parameters of
    :class:`postsoviet.runs.distributions.Distribution` (``triangular``: low, mode, high).
    """

    name: str
    nominal: float
    distribution: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """``{"name", "nominal", "distribution"}``."""
        return {
            "name": self.name,
            "nominal": self.nominal,
            "distribution": {
                "kind": self.distribution["kind"],
                "params": list(self.distribution["params"]),
            },
        }


InputsRule = Callable[[Config], tuple[UncertainInput, ...]]
Runner = Callable[..., ModelResult]


def no_inputs(config: Config) -> tuple[UncertainInput, ...]:
    """The rule of a model without uncertain inputs."""
    return ()


def judgment_weights(
    model: str,
    *,
    fixed: tuple[str, ...] = (),
    bounds: Mapping[str, tuple[float, float]] | None = None,
) -> InputsRule:
    """The rule: every judgment weight of ``model`` (but ``fixed`` and zeros) with the default spread.

    Each is ``weight.<model>.<component>``, triangular +-50 % around its value
    (:func:`postsoviet.data.config.judgment_range`), clipped to ``bounds[component]``.
    """
    limits = dict(bounds or {})

    def rule(config: Config) -> tuple[UncertainInput, ...]:
        found = []
        for row in config.weight_rows[model]:
            if row.source != "judgment" or row.weight == 0 or row.component in fixed:
                continue
            low, high = limits.get(row.component, (-np.inf, np.inf))
            params = judgment_range(row.weight, low=low, high=high)
            found.append(
                UncertainInput(
                    f"weight.{model}.{row.component}",
                    row.weight,
                    {"kind": "triangular", "params": [float(p) for p in params]},
                )
            )
        return tuple(found)

    return rule


def weights_with(config: Config, model: str, inputs: Mapping[str, float]) -> dict[str, float]:
    """``config``'s weights of ``model`` with the ``weight.<model>.<component>`` values of ``inputs``."""
    weights = config.weights(model)
    prefix = f"weight.{model}."
    for name, value in inputs.items():
        if name.startswith(prefix):
            weights[name.removeprefix(prefix)] = float(value)
    return weights


@dataclass(frozen=True)
class ModelSpec:
    """One registered model (Axelrod's strategies and scikit-learn's estimators are the pattern).

    Attributes
    ----------
    name : str
        The registry name; every quantity's name starts with it and a dot.
    summary : str
        One line a user can understand.
    citations : tuple of str
        The publications the model implements.
    reads : tuple of str
        The world tables it reads.
    config : tuple of str
        What it reads of the :class:`~postsoviet.data.config.Config` (``weights.<model>``,
        ``exposure``, ``directions``, ``stages``, ``issues``, ``parameters.<name>``).
    quantities : tuple of Quantity
        What its results hold.
    stochastic : bool
        Whether ``seed`` changes its result.
    options : tuple of str
        The keywords its ``run`` accepts besides the common ones.
    """

    name: str
    summary: str
    citations: tuple[str, ...]
    reads: tuple[str, ...]
    config: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    stochastic: bool
    runner: Runner = field(repr=False)
    inputs_rule: InputsRule = field(default=no_inputs, repr=False)
    options: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for quantity in self.quantities:
            if not quantity.name.startswith(f"{self.name}."):
                raise ModelInputError(
                    f"quantity '{quantity.name}': expected a name starting with '{self.name}.'"
                )

    def uncertain_inputs(self, config: Config | None = None) -> tuple[UncertainInput, ...]:
        """The uncertain inputs with their nominal values under ``config`` (default embedded)."""
        return self.inputs_rule(config if config is not None else default_config())

    def quantity(self, name: str) -> Quantity:
        """The quantity ``name``."""
        for quantity in self.quantities:
            if quantity.name == name:
                return quantity
        raise ModelInputError(
            f"argument 'name': model '{self.name}' has no quantity '{name}': expected one of "
            f"{[q.name for q in self.quantities]}"
        )

    def run(
        self,
        world: World,
        config: Config | None = None,
        *,
        on: DateLike,
        seed: Seed = 0,
        inputs: Mapping[str, float] | None = None,
        **options: Any,
    ) -> ModelResult:
        """Run the model on ``world`` for day ``on`` (module docstring).

        Raises
        ------
        PostsovietError
            Naming the argument at fault: ``on`` not a date, ``seed`` not an int or Generator, an
            ``inputs`` name the model does not have or a value that is not finite, an unknown option;
            and the model's own errors (an actor or table it needs missing from the world).
        """
        config = config if config is not None else default_config()
        day = as_timestamp(on, argument="on")
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer | np.random.Generator):
            raise ModelInputError(f"argument 'seed': expected an int or a Generator, got {seed!r}")
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            raise ModelInputError(
                f"argument '{unknown[0]}': not an option of model '{self.name}': expected one of "
                f"{list(self.options)}"
            )
        values = self._inputs(config, inputs or {})
        result = self.runner(world, config, day, seed=seed, inputs=values, **options)
        return result

    def _inputs(self, config: Config, inputs: Mapping[str, float]) -> dict[str, float]:
        known = {i.name: i.nominal for i in self.uncertain_inputs(config)}
        for name, value in inputs.items():
            if name not in known:
                raise ModelInputError(
                    f"argument 'inputs': model '{self.name}' has no uncertain input '{name}': "
                    f"expected one of {sorted(known)}"
                )
            if isinstance(value, bool) or not np.isfinite(value):
                raise ModelInputError(
                    f"argument 'inputs': input '{name}': expected a finite number, got {value!r}"
                )
        return {**known, **{k: float(v) for k, v in inputs.items()}}

    def to_dict(self, config: Config | None = None) -> dict[str, Any]:
        """The ``models --json`` shape of this entry."""
        return {
            "name": self.name,
            "summary": self.summary,
            "citations": list(self.citations),
            "quantities": [q.to_dict() for q in self.quantities],
            "uncertain_inputs": [i.to_dict() for i in self.uncertain_inputs(config)],
            "stochastic": self.stochastic,
        }


def year_end(year: int) -> pd.Timestamp:
    """31 December of ``year``."""
    return pd.Timestamp(year=year, month=12, day=31)
