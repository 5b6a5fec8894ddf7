"""A registry entry: what a model is, what it reads, what it exposes, and one way to run it.

Every model runs through :meth:`ModelSpec.run` with one signature::

    spec.run(world, config, *, on, seed=0, inputs=None, **options) -> ModelResult

``on`` the day the answer is for; ``seed`` an int or a :class:`numpy.random.Generator` (used by
stochastic models only); ``inputs`` values for some of the model's uncertain inputs (by name,
e.g. ``{"weight.landscape.religion": 0.5}``), the others at their nominal values; ``options`` the
model's own keywords, listed in :attr:`ModelSpec.options`.

A run is two steps, and a sampled run repeats only the second::

    ready = spec.prepare(world, config, on=day, **options)   # read the world once
    ready.evaluate(inputs, seed=seed, **feeds)              # the maths, once per draw

``prepare`` does everything that does not depend on the uncertain inputs (reading tables, fitting
what the inputs do not touch); a prepared form may list in ``world_inputs`` the inputs whose nominal
values it read from the world (``data.<ISO3>.<component>`` of the exposure index), which a draw may
then set like any other; ``evaluate`` applies the model's equations to the inputs of one
draw. ``feeds`` are values another model hands over in a chain (:attr:`ModelSpec.feeds`, e.g. the
actors on Russia's side in a landscape draw). ``run`` is ``prepare`` then ``evaluate``, so a single
run and a sampled draw share one path through the maths.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

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
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind == "categorical" and not self.categories:
            raise ModelInputError(
                f"quantity '{self.name}', field 'categories': a categorical quantity lists its values"
            )
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


class Prepared(Protocol):
    """A model made ready for one world and day: the maths of one draw per :meth:`evaluate`."""

    def evaluate(
        self, inputs: Mapping[str, float], seed: Seed, **feeds: Any
    ) -> ModelResult: ...  # pragma: no cover - a protocol


Preparer = Callable[..., Prepared]


@dataclass(frozen=True)
class Rerun:
    """The prepared form of a model with no cheaper path: every evaluation runs it whole."""

    runner: Runner
    world: World
    config: Config
    day: pd.Timestamp
    options: Mapping[str, Any]

    def evaluate(self, inputs: Mapping[str, float], seed: Seed, **feeds: Any) -> ModelResult:
        """``runner(world, config, day, seed=, inputs=, **options, **feeds)``."""
        return self.runner(
            self.world,
            self.config,
            self.day,
            seed=seed,
            inputs=dict(inputs),
            **self.options,
            **feeds,
        )


def rerun(runner: Runner) -> Preparer:
    """The preparer that keeps the world and runs ``runner`` whole on each evaluation."""

    def prepare(world: World, config: Config, day: pd.Timestamp, **options: Any) -> Rerun:
        return Rerun(runner, world, config, day, options)

    return prepare


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


def weights_from(inputs: Mapping[str, float], model: str) -> dict[str, float]:
    """The ``weight.<model>.<component>`` values of ``inputs`` (a prepared model's full inputs), by
    component."""
    prefix = f"weight.{model}."
    return {k.removeprefix(prefix): v for k, v in inputs.items() if k.startswith(prefix)}


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
    preparer : callable
        ``preparer(world, config, day, **options) -> Prepared`` (module docstring); :func:`rerun`
        for a model with no cheaper path.
    options : tuple of str
        The keywords its ``prepare`` and ``run`` accept besides the common ones.
    feeds : tuple of str
        The keywords its prepared form's ``evaluate`` accepts from another model in a chain.
    """

    name: str
    summary: str
    citations: tuple[str, ...]
    reads: tuple[str, ...]
    config: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    stochastic: bool
    preparer: Preparer = field(repr=False)
    inputs_rule: InputsRule = field(default=no_inputs, repr=False)
    options: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for quantity in self.quantities:
            if not quantity.name.startswith(f"{self.name}."):
                raise ModelInputError(
                    f"quantity '{quantity.name}': expected a name starting with '{self.name}.'"
                )

    def uncertain_inputs(self, config: Config | None = None) -> tuple[UncertainInput, ...]:
        """The uncertain inputs with their nominal values under ``config`` (default embedded)."""
        return self.inputs_rule(config if config is not None else default_config())

    def weight_inputs(self, config: Config) -> dict[str, float]:
        """Every weight the model reads, as ``weight.<file>.<component> -> value``.

        A sampled run may vary any of them (an inputs file can free a sourced weight), not only the
        judgment weights :meth:`uncertain_inputs` spreads by default.
        """
        found = {}
        for entry in self.config:
            if entry.startswith("weights."):
                model = entry.removeprefix("weights.")
                for component, value in config.weights(model).items():
                    found[f"weight.{model}.{component}"] = float(value)
        return found

    def quantity(self, name: str) -> Quantity:
        """The quantity ``name``."""
        for quantity in self.quantities:
            if quantity.name == name:
                return quantity
        raise ModelInputError(
            f"argument 'name': model '{self.name}' has no quantity '{name}': expected one of "
            f"{[q.name for q in self.quantities]}"
        )

    def prepare(
        self, world: World, config: Config | None = None, *, on: DateLike, **options: Any
    ) -> PreparedModel:
        """The model made ready on ``world`` for day ``on`` (module docstring).

        Raises
        ------
        PostsovietError
            Naming the argument at fault: ``on`` not a date, an unknown option; and the model's own
            errors (an actor or table it needs missing from the world).
        """
        config = config if config is not None else default_config()
        day = as_timestamp(on, argument="on")
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            raise ModelInputError(
                f"argument '{unknown[0]}': not an option of model '{self.name}': expected one of "
                f"{list(self.options)}"
            )
        nominal = {
            **self.weight_inputs(config),
            **{i.name: i.nominal for i in self.uncertain_inputs(config)},
        }
        core = self.preparer(world, config, day, **options)
        # Inputs whose nominal values the world holds (e.g. exposure's raw data), if any.
        nominal.update(getattr(core, "world_inputs", {}))
        return PreparedModel(self.name, self.feeds, nominal, core)

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
        """Run the model on ``world`` for day ``on``: :meth:`prepare`, then one evaluation.

        Raises
        ------
        PostsovietError
            Naming the argument at fault: ``on`` not a date, ``seed`` not an int or Generator, an
            ``inputs`` name the model does not have or a value that is not finite, an unknown option;
            and the model's own errors (an actor or table it needs missing from the world).
        """
        check_seed(seed)
        ready = self.prepare(world, config, on=on, **options)
        ready.check_inputs(inputs or {})
        return ready.evaluate(inputs, seed=seed)

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


def check_seed(seed: Any) -> None:
    """Raise :class:`ModelInputError` unless ``seed`` is an int or a Generator."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer | np.random.Generator):
        raise ModelInputError(f"argument 'seed': expected an int or a Generator, got {seed!r}")


@dataclass(frozen=True)
class PreparedModel:
    """A registered model prepared on one world and day (:meth:`ModelSpec.prepare`); picklable.

    ``nominal`` holds every input it accepts with its nominal value; :meth:`evaluate` fills the
    inputs a draw does not give from it.
    """

    model: str
    feeds: tuple[str, ...]
    nominal: Mapping[str, float]
    core: Prepared = field(repr=False)

    def check_inputs(self, inputs: Mapping[str, float]) -> None:
        """Raise :class:`ModelInputError` naming an unknown input or a value that is not finite."""
        for name, value in inputs.items():
            if name not in self.nominal:
                raise ModelInputError(
                    f"argument 'inputs': model '{self.model}' has no uncertain input '{name}': "
                    f"expected one of {sorted(self.nominal)}"
                )
            if isinstance(value, bool) or not np.isfinite(value):
                raise ModelInputError(
                    f"argument 'inputs': input '{name}': expected a finite number, got {value!r}"
                )

    def evaluate(
        self, inputs: Mapping[str, float] | None = None, *, seed: Seed = 0, **feeds: Any
    ) -> ModelResult:
        """The model's answer for one draw: ``inputs`` over the nominal values, ``feeds`` handed
        over by other models (:attr:`ModelSpec.feeds`)."""
        unknown = sorted(set(feeds) - set(self.feeds))
        if unknown:
            raise ModelInputError(
                f"argument '{unknown[0]}': model '{self.model}' takes no such feed: expected one "
                f"of {list(self.feeds)}"
            )
        values = dict(self.nominal)
        if inputs:
            values.update({k: float(v) for k, v in inputs.items()})
        return self.core.evaluate(values, seed, **feeds)


def year_end(year: int) -> pd.Timestamp:
    """31 December of ``year``."""
    return pd.Timestamp(year=year, month=12, day=31)
