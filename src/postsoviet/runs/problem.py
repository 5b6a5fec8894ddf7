"""What is uncertain in a run: named inputs, each with a distribution.

The inputs come from the model registry (:mod:`postsoviet.models.registry`), so every registered
model is sampled; they are told apart by the first part of the name:

- ``weight.<file>.<component>``: a model weight of ``data/models/<file>_weights.csv`` (exposure,
  next_direction, landscape, attrition, integration_ladder);
- ``noise.<model>.<name>``: a model's other uncertain input (e.g. the size of the errors on the
  bargaining positions);
- ``parameter.<name>``: a scenario parameter, e.g. ``parameter.next_direction.cost.ukraine``;
- ``data.<ISO3>.<component>``: a data value as it enters the exposure index, e.g.
  ``data.KAZ.ethnic_russian_share`` (the state's raw input for that component, in its unit).

:func:`default_problem` takes each model's uncertain inputs with the distribution its registry entry
declares (judgment weights: the documented default spread, :func:`~postsoviet.runs.distributions.
judgment_spread`) and each scenario parameter with the default spread; an inputs file (YAML) adds inputs, replaces
a distribution or fixes an input (``fixed``)::

    inputs:
      weight.exposure.nato_member: {kind: uniform, params: [-0.4, -0.2]}
      data.KAZ.ethnic_russian_share: {kind: normal, params: [0.15, 0.01]}
      weight.exposure.eu_member: fixed
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from postsoviet.data.config import Config, default_config
from postsoviet.errors import PostsovietError
from postsoviet.models import exposure as exposure_model
from postsoviet.models import registry
from postsoviet.models.registry import ModelSpec
from postsoviet.runs.distributions import Distribution, judgment_spread
from postsoviet.scenarios.run import known_parameters
from postsoviet.scenarios.spec import Scenario

DATA_COMPONENTS = exposure_model.COMPONENTS
# Admissible ranges the default spread is clipped to.
BOUNDS = {
    "weight.next_direction.aligned_discount": (0.0, 1.0),
}
POSITIVE = 1e-6  # cost factors must stay > 0


def canonical_hash(value: Any) -> str:
    """The SHA-256 of ``value`` as canonical JSON (sorted keys, no spaces): stable across runs."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain input: its name, distribution, the value the data or scenario give, and why."""

    name: str
    distribution: Distribution
    nominal: float
    origin: str

    @property
    def kind(self) -> str:
        """``weight``, ``parameter`` or ``data``."""
        return self.name.split(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description (what :attr:`hash` covers)."""
        return {
            "name": self.name,
            "distribution": self.distribution.to_dict(),
            "nominal": self.nominal,
            "origin": self.origin,
        }

    @property
    def hash(self) -> str:
        """SHA-256 of :meth:`to_dict`."""
        return canonical_hash(self.to_dict())


@dataclass(frozen=True)
class SamplingProblem:
    """The uncertain inputs of a run, in a fixed order (the columns of a sample): SALib's
    "problem". Not :class:`postsoviet.errors.Problem` (a problem found in an input file)."""

    inputs: tuple[UncertainInput, ...]

    @property
    def names(self) -> list[str]:
        """The inputs' names, in column order."""
        return [i.name for i in self.inputs]

    @property
    def hash(self) -> str:
        """SHA-256 of every input's description, in order."""
        return canonical_hash([i.to_dict() for i in self.inputs])

    def transform(self, unit: np.ndarray) -> np.ndarray:
        """Values from points of the unit hypercube, column by column through each quantile function."""
        unit = np.asarray(unit, dtype=float)
        values = np.empty_like(unit)
        for column, item in enumerate(self.inputs):
            values[:, column] = item.distribution.ppf(unit[:, column])
        return values

    def to_salib(self) -> dict[str, Any]:
        """SALib's problem dict on the unit hypercube (values come from :meth:`transform`)."""
        return {
            "num_vars": len(self.inputs),
            "names": self.names,
            "bounds": [[0.0, 1.0]] * len(self.inputs),
        }

    def to_df(self) -> Any:
        """One row per input: ``name, kind, distribution, params, nominal, origin, hash``."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "name": i.name,
                    "kind": i.kind,
                    "distribution": i.distribution.kind,
                    "params": json.dumps(list(i.distribution.params)),
                    "nominal": i.nominal,
                    "origin": i.origin,
                    "hash": i.hash,
                }
                for i in self.inputs
            ],
            # named columns even without inputs (a backtest run has none)
            columns=["name", "kind", "distribution", "params", "nominal", "origin", "hash"],
        )

    def to_json(self) -> list[dict[str, Any]]:
        """Every input's :meth:`UncertainInput.to_dict`, in order."""
        return [i.to_dict() for i in self.inputs]

    @classmethod
    def from_json(cls, raw: Iterable[Mapping[str, Any]]) -> SamplingProblem:
        """The inverse of :meth:`to_json`."""
        return cls(
            tuple(
                UncertainInput(
                    name=str(r["name"]),
                    distribution=Distribution.from_dict(r["distribution"], where=str(r["name"])),
                    nominal=float(r["nominal"]),
                    origin=str(r["origin"]),
                )
                for r in raw
            )
        )


def _specs(models: Sequence[str] | None) -> list[ModelSpec]:
    names = registry.names() if models is None else tuple(models)
    return [registry.get(name) for name in names]


def nominal_values(
    scenario: Scenario, config: Config | None = None, *, models: Sequence[str] | None = None
) -> dict[str, tuple[float, str]]:
    """Every input a run may vary: ``name -> (value, origin)``.

    Every weight of every registered model (or of ``models``), with the weights file's ``source``
    (``judgment`` or a citation) as origin; each model's other uncertain inputs (``judgment``); and
    every scenario parameter (``judgment``: scenario files say their inputs are illustrative).
    ``config`` is the models' configuration (default: the embedded one, read once per process).
    """
    config = config if config is not None else default_config()
    values: dict[str, tuple[float, str]] = {}
    for spec in _specs(models):
        for entry in spec.config:
            if entry.startswith("weights."):
                model = entry.removeprefix("weights.")
                for row in config.weight_rows[model]:
                    values[f"weight.{model}.{row.component}"] = (row.weight, row.source)
        for item in spec.uncertain_inputs(config):
            values.setdefault(item.name, (item.nominal, "judgment"))
    for name, value in scenario.parameters.items():
        values[f"parameter.{name}"] = (float(value), "judgment")
    return values


def _spread(name: str, value: float) -> Distribution:
    low, high = BOUNDS.get(name, (-math.inf, math.inf))
    if name.startswith("parameter."):
        low = max(low, POSITIVE)
    return judgment_spread(value, low=low, high=high)


def default_problem(
    scenario: Scenario, config: Config | None = None, *, models: Sequence[str] | None = None
) -> SamplingProblem:
    """Every registered model's uncertain inputs (or ``models``'), with the distributions the
    registry declares, and every scenario parameter with the default spread.

    Sourced values stay fixed unless an inputs file gives them a distribution.
    """
    config = config if config is not None else default_config()
    inputs = []
    for spec in _specs(models):
        for item in spec.uncertain_inputs(config):
            where = f"model '{spec.name}', input '{item.name}'"
            distribution = Distribution.from_dict(dict(item.distribution), where=where)
            inputs.append(UncertainInput(item.name, distribution, item.nominal, "judgment"))
    for name, value in scenario.parameters.items():
        if value != 0:
            key = f"parameter.{name}"
            inputs.append(UncertainInput(key, _spread(key, float(value)), float(value), "judgment"))
    return SamplingProblem(tuple(inputs))


def check_name(
    name: str,
    scenario: Scenario,
    actors: Iterable[str],
    config: Config | None = None,
    *,
    models: Sequence[str] | None = None,
) -> None:
    """Raise :class:`PostsovietError` unless ``name`` is an input a run can vary."""
    parameters = known_parameters(config)
    if name in nominal_values(scenario, config, models=models):
        return
    if name.startswith("parameter.") and name.removeprefix("parameter.") in parameters:
        return
    parts = name.split(".")
    data = parts[0] == "data" and len(parts) == 3 and parts[1] in set(actors)
    if data and parts[2] in DATA_COMPONENTS:
        return
    raise PostsovietError(
        f"unknown uncertain input '{name}': expected a model's input (weight.<file>.<component>, "
        f"noise.<model>.<name>: see 'postsoviet models'), parameter.<one of {sorted(parameters)}> "
        f"or data.<ISO3>.<one of {list(DATA_COMPONENTS)}>"
    )


def problem_with(
    base: SamplingProblem,
    overrides: Mapping[str, Any],
    *,
    scenario: Scenario,
    actors: Iterable[str],
    label: str,
    config: Config | None = None,
) -> SamplingProblem:
    """``base`` with the inputs of an inputs file added, replaced or fixed (``fixed``)."""
    inputs = {i.name: i for i in base.inputs}
    nominal = nominal_values(scenario, config)
    actors = set(actors)
    for name, raw in overrides.items():
        try:
            check_name(name, scenario, actors, config)
        except PostsovietError as error:
            raise PostsovietError(f"{label}, input '{name}': {error}") from None
        if raw == "fixed":
            inputs.pop(name, None)
            continue
        distribution = Distribution.from_dict(raw, where=f"{label}, input '{name}'")
        value, origin = nominal.get(name, (distribution.center, "inputs file"))
        inputs[name] = UncertainInput(name, distribution, value, origin)
    return SamplingProblem(tuple(inputs.values()))


def read_inputs_file(path: str | Path) -> dict[str, Any]:
    """The ``inputs`` mapping of an inputs YAML file (safe loader)."""
    file = Path(path)
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PostsovietError(f"inputs file '{file}': cannot be read ({error})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("inputs"), dict) or len(raw) != 1:
        raise PostsovietError(f"inputs file '{file}': expected a mapping with one key 'inputs'")
    return {str(k): v for k, v in raw["inputs"].items()}


def __getattr__(name: str) -> Any:
    return deprecated_alias(__name__, name)


def deprecated_alias(module: str, name: str) -> Any:
    """``Problem``, the old name of :class:`SamplingProblem`, with a :class:`DeprecationWarning`
    (the module ``__getattr__`` of :mod:`postsoviet.runs` and this module)."""
    if name != "Problem":
        raise AttributeError(f"module '{module}' has no attribute '{name}'")
    warnings.warn(
        f"{module}.Problem is deprecated: use SamplingProblem (postsoviet.errors.Problem is "
        "a problem found in an input file)",
        DeprecationWarning,
        stacklevel=3,
    )
    return SamplingProblem
