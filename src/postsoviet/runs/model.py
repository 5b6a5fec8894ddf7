"""The scenario as a fast model of its uncertain inputs: shocks once, one weighted sum per draw.

A draw only changes weights, cost factors and the exposure index's inputs, none of which affects the
shocks or the models' raw inputs. So the world is shocked once per scenario and the two linear models
are reduced to arrays (:func:`scenario_model`); a draw is then a few dot products:

    E_s = sum_c w_c * min(max(x_sc / k_c, 0), 1)                 (exposure index, per state)
    N_d = (1 - a * b_d) * sum_g w_g * G_dg - m_d * sum_c w_c * C_dc   (next direction, net)

with the raw inputs x, saturation scales k, normalised gains G and costs C, aligned share b and cost
factor m of :mod:`postsoviet.models.exposure` and :mod:`postsoviet.models.next_direction`. Outputs per
scenario: ``exposure.index.<ISO3>``, ``exposure.rank.<ISO3>``, ``directions.net.<direction>`` and
``directions.rank.<direction>`` (rank 1 = first; ties share the lower rank). The frontier and the
bargaining forecasts do not depend on any input a run varies, so they are not re-run per draw.

Each draw's outputs depend on that draw's row only, and every sum runs over a fixed axis in a fixed
order, so a chunk of draws gives the same bytes however the draws are split among workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from postsoviet.data.config import Config, default_config
from postsoviet.models import exposure as exposure_model
from postsoviet.models import next_direction
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.run import COST_PARAMETER, cost_factors
from postsoviet.scenarios.spec import Scenario
from postsoviet.world import World

Label = tuple[str, str]


@dataclass(frozen=True)
class ScenarioModel:
    """One scenario reduced to arrays (see the module docstring); picklable and small."""

    scenario: str
    input_names: tuple[str, ...]
    states: tuple[str, ...]
    raw: np.ndarray  # states x exposure components, NaN where missing
    scale: np.ndarray  # exposure components
    exposure_weights: np.ndarray  # exposure components (nominal)
    directions: tuple[str, ...]
    gains: np.ndarray  # directions x GAINS, normalised
    costs: np.ndarray  # directions x COSTS, normalised
    aligned: np.ndarray  # directions: share of targets in Russia's blocs
    direction_weights: np.ndarray  # GAINS + COSTS + aligned_discount (nominal)
    cost_factors: np.ndarray  # directions (nominal, from the scenario)

    @property
    def labels(self) -> list[Label]:
        """``(scenario, output)`` of each output column."""
        return (
            [(self.scenario, f"exposure.index.{s}") for s in self.states]
            + [(self.scenario, f"exposure.rank.{s}") for s in self.states]
            + [(self.scenario, f"directions.net.{d}") for d in self.directions]
            + [(self.scenario, f"directions.rank.{d}") for d in self.directions]
        )

    def evaluate(self, values: np.ndarray) -> np.ndarray:
        """The outputs of each row of ``values`` (draws x inputs): draws x :attr:`labels`."""
        draws = len(values)
        columns = {name: values[:, j] for j, name in enumerate(self.input_names)}
        components = exposure_model.COMPONENTS
        w_e = np.tile(self.exposure_weights, (draws, 1))
        for c, name in enumerate(components):
            if f"weight.exposure.{name}" in columns:
                w_e[:, c] = columns[f"weight.exposure.{name}"]
        raw = np.broadcast_to(self.raw, (draws, *self.raw.shape)).copy()
        for s, state in enumerate(self.states):
            for c, name in enumerate(components):
                if f"data.{state}.{name}" in columns:
                    raw[:, s, c] = columns[f"data.{state}.{name}"]
        scores = np.nan_to_num(np.clip(raw / self.scale, 0.0, 1.0), nan=0.0)
        index = (scores * w_e[:, None, :] + 0.0).sum(axis=2)

        names = (*next_direction.GAINS, *next_direction.COSTS, next_direction.ALIGNED)
        w_d = np.tile(self.direction_weights, (draws, 1))
        for c, name in enumerate(names):
            if f"weight.next_direction.{name}" in columns:
                w_d[:, c] = columns[f"weight.next_direction.{name}"]
        factors = np.tile(self.cost_factors, (draws, 1))
        for d, name in enumerate(self.directions):
            key = f"parameter.{COST_PARAMETER}{name}"
            if key in columns:
                factors[:, d] = columns[key]
        n_gains = len(next_direction.GAINS)
        gain = (self.gains[None, :, :] * w_d[:, None, :n_gains]).sum(axis=2)
        cost = (self.costs[None, :, :] * w_d[:, None, n_gains:-1]).sum(axis=2)
        net = (1.0 - w_d[:, -1:] * self.aligned[None, :]) * gain - factors * cost
        return np.concatenate([index, _ranks(index), net, _ranks(net)], axis=1)


def _ranks(table: np.ndarray) -> np.ndarray:
    """Rank 1 for the largest value of each row; ties share the lower rank (``method='min'``)."""
    return 1.0 + (table[:, None, :] > table[:, :, None]).sum(axis=2)


def scenario_model(
    world: World,
    scenario: Scenario,
    input_names: Sequence[str],
    *,
    config: Config | None = None,
) -> ScenarioModel:
    """Shock ``world`` once and reduce the exposure and next-direction models to arrays.

    ``config`` is the models' configuration (default: the embedded one, read once per process).
    """
    config = config if config is not None else default_config()
    shocked = apply_scenario(world, scenario)
    weights = config.exposure
    result = exposure_model.exposure(shocked, scenario.horizon, weights=weights)
    components = list(exposure_model.COMPONENTS)
    by_name = {w.component: w for w in weights}
    inputs = result.inputs[components]
    table = config.weights("next_direction")
    directions = config.directions
    # With every weight 1, rank_directions' weighted columns are the normalised raw gains and costs.
    unit = dict.fromkeys(next_direction.COMPONENTS, 1.0)
    ranking = next_direction.rank_directions(shocked, directions, unit, on=scenario.horizon)
    order = [d.name for d in directions]
    frame = ranking.table.loc[order]
    factors = cost_factors(scenario)
    names = (*next_direction.GAINS, *next_direction.COSTS, next_direction.ALIGNED)
    return ScenarioModel(
        scenario=scenario.name,
        input_names=tuple(input_names),
        states=tuple(inputs.index),
        raw=inputs.to_numpy(dtype=float),
        scale=np.array([by_name[c].scale for c in components]),
        exposure_weights=np.array([by_name[c].weight for c in components]),
        directions=tuple(order),
        gains=frame[list(next_direction.GAINS)].to_numpy(dtype=float),
        costs=frame[list(next_direction.COSTS)].to_numpy(dtype=float),
        aligned=frame["in_russian_blocs"].to_numpy(dtype=float),
        direction_weights=np.array([float(table[n]) for n in names]),
        cost_factors=np.array([factors.get(d, 1.0) for d in order]),
    )


@dataclass(frozen=True)
class ScenarioSet:
    """Several scenarios evaluated on the same draws: their outputs side by side."""

    models: tuple[ScenarioModel, ...]

    @property
    def labels(self) -> list[Label]:
        """``(scenario, output)`` of each output column."""
        return [label for model in self.models for label in model.labels]

    def evaluate(self, values: np.ndarray, seeds: np.ndarray) -> np.ndarray:
        """The outputs of each draw; the models are deterministic, so ``seeds`` go unused."""
        return np.concatenate([model.evaluate(values) for model in self.models], axis=1)


def scenario_set(
    world: World,
    scenarios: Sequence[Scenario],
    input_names: Sequence[str],
    *,
    config: Config | None = None,
) -> ScenarioSet:
    """A :class:`ScenarioSet` of ``scenarios`` (each shocked once)."""
    return ScenarioSet(
        tuple(scenario_model(world, s, input_names, config=config) for s in scenarios)
    )
