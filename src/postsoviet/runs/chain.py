"""The whole chain of models under uncertainty: every registered model, per scenario, per draw.

For each scenario the world is shocked once and every registered model is prepared once on it at
the scenario's horizon (:meth:`~postsoviet.models.registry.ModelSpec.prepare`); a draw then only
evaluates each prepared model with its inputs (the maths; no world is read, no model's maths is
copied here). Two models are prepared for sampling: the landscape estimates its basins by seeded
steepest descent (``basins="sampled"``) and attrition evaluates one draw of its band
(``band=False``), so the run's own draws make the band.

Where one model feeds another, the draw carries through (:data:`LINKS`):

- ``landscape -> directions``: the alignment discount counts the targets on Russia's side in the
  draw's landscape (membership of Russia's blocs for targets outside the landscape);
- ``ladder -> frontier``: with the draw's probability that Belarus stands on the ladder's top rung
  (one state) at the horizon, the draw's frontier is that of the world with Belarus merged into
  Russia on the horizon; otherwise that of the scenario's world.

Outputs: every record a model gives for the horizon day, labelled ``<quantity>.<argument values
but the day>`` (``exposure.index.KAZ``, ``ladder.rung_at_least.5``, ``bargaining.position.
<issue>.bdm``, ``attrition.share_held``); a categorical record becomes one 0/1 output per value
(``landscape.side.ARM.Russia``), whose mean over the draws is the probability of that value.

Inputs by name: a model's own (``weight.<file>.<component>``, ``noise.<model>.<name>``, and the
exposure's ``data.<ISO3>.<component>``, nominal the world's value) go to it, with the nominal values
of its prepared form; ``parameter.next_direction.cost.<direction>`` is the directions' cost factor.
Each model gets its own seed from the draw's (``SeedSequence``), so a draw's outputs depend only on
its row and seed: the same bytes on every executor.

Several scenarios (:func:`chain_set`) share the models a shock leaves prepared alike (the same
pickled bytes: bargaining in every built-in scenario, attrition in all but one), and a draw
evaluates each shared model once for all of them: the outputs are exactly those of each scenario
alone (tested), at a fraction of the cost.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config, default_config
from postsoviet.errors import PostsovietError
from postsoviet.models import registry
from postsoviet.models.integration_ladder import PATRON, SUBJECT, merger_date
from postsoviet.models.registry import ModelResult
from postsoviet.models.registry.result import key_text, parse_keys
from postsoviet.models.registry.spec import PreparedModel
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.run import COST_PARAMETER, cost_factors
from postsoviet.scenarios.shocks import merge_actors
from postsoviet.scenarios.spec import Scenario
from postsoviet.world import World

Label = tuple[str, str]
# One draw's results by prepared model and what it was given, and their outputs by result.
Memo = dict[tuple[Any, ...], Any]
# How each model is prepared for sampling (module docstring).
SAMPLING_OPTIONS: Mapping[str, Mapping[str, Any]] = {
    "landscape": {"basins": "sampled"},
    "attrition": {"band": False},
}
# (upstream, downstream, what passes): the draws that carry through (module docstring).
LINKS = (
    ("landscape", "directions", "each actor's side"),
    ("ladder", "frontier", "Belarus merged into Russia, drawn with the top rung's probability"),
)
# Upstream models first; the frontier is read after the ladder (its link).
ORDER = (
    "ladder",
    "frontier",
    "exposure",
    "landscape",
    "directions",
    "bargaining",
    "attrition",
    "event_hazard",
)


def output_labels(result: ModelResult, day: pd.Timestamp) -> dict[str, float]:
    """The outputs of one result for ``day`` (module docstring): ``label -> value``."""
    spec = registry.get(result.model)
    on = key_text(day)
    found: dict[str, float] = {}
    for record in result.records:
        keys = parse_keys(record.keys)
        if keys.pop("on", on) != on:
            continue
        label = ".".join([record.quantity, *keys.values()])
        quantity = spec.quantity(record.quantity)
        if quantity.kind == "categorical":
            for value in quantity.categories:
                found[f"{label}.{value}"] = float(record.value == value)
        else:
            found[label] = float(record.value)
    return found


def _top_rung(result: ModelResult, day: pd.Timestamp) -> float:
    """The probability of the ladder's top rung on ``day``."""
    on = key_text(day)
    rungs = {
        int(parse_keys(r.keys)["rung"]): float(r.value)
        for r in result.records
        if r.quantity == "ladder.rung_at_least" and parse_keys(r.keys)["on"] == on
    }
    return rungs[max(rungs)]


def _sides(result: ModelResult) -> dict[str, str]:
    return {
        parse_keys(r.keys)["actor"]: str(r.value)
        for r in result.records
        if r.quantity == "landscape.side"
    }


@dataclass(frozen=True)
class ScenarioChain:
    """One scenario with every model prepared on its shocked world; picklable.

    ``frontiers`` holds the frontier's (deterministic, input-free) result on the scenario's world
    and, when Belarus is not already merged, on the world with it merged (the ladder link).
    """

    scenario: str
    horizon: pd.Timestamp
    input_names: tuple[str, ...]
    models: tuple[PreparedModel, ...]
    frontiers: tuple[ModelResult, ...]
    cost_factors: Mapping[str, float]
    outputs: tuple[str, ...]

    @property
    def labels(self) -> list[Label]:
        """``(scenario, output)`` of each output column."""
        return [(self.scenario, output) for output in self.outputs]

    def results(
        self, row: np.ndarray, seed: int, memo: Memo | None = None
    ) -> dict[str, ModelResult]:
        """Every model's result for one draw (its input values ``row`` and its seed).

        ``memo`` (one per draw) holds the results already computed for that draw, by prepared
        model and what it was given: a model prepared alike in several scenarios (see
        :func:`chain_set`) is then evaluated once per draw.
        """
        memo = {} if memo is None else memo
        values = dict(zip(self.input_names, (float(v) for v in row), strict=True))
        seeds = np.random.SeedSequence(int(seed)).generate_state(len(self.models) + 1, np.uint64)
        found: dict[str, ModelResult] = {}
        for index, model in enumerate(self.models):
            own = {k: v for k, v in values.items() if k in model.nominal}
            feeds = self._feeds(model.model, values, found)
            key = (id(model), int(seeds[index]), tuple(own.items()), _feed_key(feeds))
            if key not in memo:
                memo[key] = model.evaluate(own, seed=int(seeds[index]), **feeds)
            found[model.model] = memo[key]
        if self.frontiers:
            merged = len(self.frontiers) > 1 and (
                np.random.default_rng(seeds[-1]).random() < _top_rung(found["ladder"], self.horizon)
            )
            found["frontier"] = self.frontiers[int(merged)]
        return found

    def _feeds(
        self, name: str, values: Mapping[str, float], found: Mapping[str, ModelResult]
    ) -> dict[str, Any]:
        feeds: dict[str, Any] = {}
        if name == "directions":
            factors = dict(self.cost_factors)
            for key, value in values.items():
                if key.startswith(f"parameter.{COST_PARAMETER}"):
                    factors[key.removeprefix(f"parameter.{COST_PARAMETER}")] = value
            feeds["cost_factors"] = factors
            if "landscape" in found:
                feeds["sides"] = _sides(found["landscape"])
        return feeds

    def draw(self, row: np.ndarray, seed: int, memo: Memo | None = None) -> np.ndarray:
        """The outputs of one draw, in the order of :attr:`outputs` (``memo``: :meth:`results`)."""
        memo = {} if memo is None else memo
        found = np.full(len(self.outputs), np.nan)
        for result in self.results(row, seed, memo).values():
            # A result shared between scenarios is labelled once per draw (the memo keeps it alive).
            key = ("labels", id(result), self.horizon)
            if key not in memo:
                memo[key] = output_labels(result, self.horizon)
            for label, value in memo[key].items():
                if label in self._where:
                    found[self._where[label]] = value
        return found

    @cached_property
    def _where(self) -> dict[str, int]:
        return {label: j for j, label in enumerate(self.outputs)}

    def evaluate(self, values: np.ndarray, seeds: np.ndarray) -> np.ndarray:
        """The outputs of each draw (rows of ``values``, one seed each): draws x :attr:`labels`."""
        table = np.full((len(values), len(self.outputs)), np.nan)
        for i, (row, seed) in enumerate(zip(values, seeds, strict=True)):
            table[i] = self.draw(row, int(seed))
        return table


def _feed_key(feeds: Mapping[str, Any]) -> tuple[Any, ...]:
    """A hashable form of a model's feeds (values are numbers or mappings of them)."""
    return tuple(
        (name, tuple(value.items()) if isinstance(value, Mapping) else value)
        for name, value in sorted(feeds.items())
    )


def scenario_chain(
    world: World,
    scenario: Scenario,
    input_names: Sequence[str],
    *,
    config: Config | None = None,
    models: Sequence[str] | None = None,
) -> ScenarioChain:
    """Shock ``world`` once and prepare every registered model (or ``models``) on it.

    The outputs are those of a draw at the nominal inputs (seed 0).
    """
    config = config if config is not None else default_config()
    chosen = registry.names() if models is None else tuple(models)
    for name in chosen:
        registry.get(name)
    shocked = apply_scenario(world, scenario)
    day = scenario.horizon
    factors = cost_factors(scenario)
    prepared = []
    frontiers: list[ModelResult] = []
    for name in (n for n in ORDER if n in chosen):
        spec = registry.get(name)
        if name == "frontier":
            # No input of its own: its result on the world, and with Belarus merged (the link).
            frontiers.append(spec.run(shocked, config, on=day))
            if "ladder" in chosen and merger_date(shocked) is None:
                merged = merge_actors(shocked, SUBJECT, PATRON, on=day)
                frontiers.append(spec.run(merged, config, on=day))
            continue
        options = dict(SAMPLING_OPTIONS.get(name, {}))
        if name == "directions":
            options["cost_factors"] = factors
        prepared.append(spec.prepare(shocked, config, on=day, **options))
    chain = ScenarioChain(
        scenario=scenario.name,
        horizon=day,
        input_names=tuple(input_names),
        models=tuple(prepared),
        frontiers=tuple(frontiers),
        cost_factors=factors,
        outputs=(),
    )
    _check_inputs(chain)
    nominal = np.array([[_nominal(chain, name) for name in chain.input_names]])
    outputs = []
    for result in chain.results(nominal[0], 0).values():
        outputs += list(output_labels(result, day))
    return dataclasses.replace(chain, outputs=tuple(outputs))


def _nominal(chain: ScenarioChain, name: str) -> float:
    for model in chain.models:
        if name in model.nominal:
            return float(model.nominal[name])
    if name.startswith(f"parameter.{COST_PARAMETER}"):
        return float(chain.cost_factors.get(name.removeprefix(f"parameter.{COST_PARAMETER}"), 1.0))
    raise PostsovietError(f"uncertain input '{name}': no model of the run reads it")


def _check_inputs(chain: ScenarioChain) -> None:
    for name in chain.input_names:
        _nominal(chain, name)


@dataclass(frozen=True)
class ChainSet:
    """Several scenarios evaluated on the same draws: their outputs side by side.

    A model prepared alike in several scenarios (the same bytes: a shock that leaves what it reads
    unchanged) is one object shared by their chains, evaluated once per draw (:meth:`ScenarioChain.
    results`); the outputs are those of evaluating each scenario on its own.
    """

    chains: tuple[ScenarioChain, ...]

    @property
    def labels(self) -> list[Label]:
        """``(scenario, output)`` of each output column."""
        return [label for chain in self.chains for label in chain.labels]

    def evaluate(self, values: np.ndarray, seeds: np.ndarray) -> np.ndarray:
        """The outputs of each draw, scenario after scenario."""
        table = np.full((len(values), len(self.labels)), np.nan)
        for i, (row, seed) in enumerate(zip(values, seeds, strict=True)):
            memo: Memo = {}
            table[i] = np.concatenate([chain.draw(row, int(seed), memo) for chain in self.chains])
        return table


def chain_set(
    world: World,
    scenarios: Sequence[Scenario],
    input_names: Sequence[str],
    *,
    config: Config | None = None,
    models: Sequence[str] | None = None,
) -> ChainSet:
    """A :class:`ChainSet` of ``scenarios`` (each shocked and prepared once), sharing the models
    prepared alike."""
    chains = [
        scenario_chain(world, s, input_names, config=config, models=models) for s in scenarios
    ]
    shared: dict[bytes, PreparedModel] = {}
    for k, chain in enumerate(chains):
        alike = tuple(
            shared.setdefault(hashlib.sha256(pickle.dumps(m)).digest(), m) for m in chain.models
        )
        chains[k] = dataclasses.replace(chain, models=alike)
    return ChainSet(tuple(chains))
