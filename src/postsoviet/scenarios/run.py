"""Run a scenario: apply its shocks, run every model on the changed world, and compare with the baseline.

Each registered model (:mod:`postsoviet.models.registry`) contributes a *scenario output*, keyed by
its registry name: a function ``(world, scenario, config) -> dict`` that runs the model through the
registry on the world as it stands at the scenario's horizon and summarises the answer in a
JSON-ready dict. The baseline is the same outputs on the unshocked world, at the same horizon, with no
parameters, so the two columns differ only by the scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from postsoviet.data.config import Config, default_config
from postsoviet.errors import PostsovietError, Problem
from postsoviet.models import registry
from postsoviet.models.registry import ModelResult
from postsoviet.scenarios.apply import apply_scenario, apply_shock
from postsoviet.scenarios.spec import Scenario
from postsoviet.world import World

Output = Callable[[World, Scenario, Config], dict[str, Any]]
COST_PARAMETER = "next_direction.cost."
TOP = 5


def _run(name: str, world: World, scenario: Scenario, config: Config | None, **options: Any) -> Any:
    """The registered model ``name`` at the scenario's horizon: its own, richer result."""
    result: ModelResult = registry.get(name).run(world, config, on=scenario.horizon, **options)
    return result.detail


def cost_factors(scenario: Scenario) -> dict[str, float]:
    """The scenario's cost multipliers of the next directions, by direction."""
    return {
        name.removeprefix(COST_PARAMETER): value
        for name, value in scenario.parameters.items()
        if name.startswith(COST_PARAMETER)
    }


def frontier_output(
    world: World, scenario: Scenario, config: Config | None = None
) -> dict[str, Any]:
    """Russia's land border with NATO, the buffer states and the Suwalki corridor at the horizon."""
    result = _run("frontier", world, scenario, config)
    return {
        "nato_land_border_km": result.nato_land_border_km,
        "buffer_states": list(result.buffer_states),
        "suwalki_flanked_by_bloc": result.suwalki.flanked_by_bloc,
    }


def exposure_output(
    world: World, scenario: Scenario, config: Config | None = None
) -> dict[str, Any]:
    """The most exposed states at the horizon and their index."""
    ranking = _run("exposure", world, scenario, config).ranking
    return {
        "top": [
            {"iso3": row.iso3, "index": round(float(row.index), 6)}
            for row in ranking.head(TOP).itertuples()
        ]
    }


def directions_output(
    world: World, scenario: Scenario, config: Config | None = None
) -> dict[str, Any]:
    """Where Russia pushes next at the horizon, with the scenario's cost factors."""
    ranking = _run("directions", world, scenario, config, cost_factors=cost_factors(scenario))
    return {
        "top": ranking.top,
        "net": {name: round(float(net), 6) for name, net in ranking.table["net"].items()},
    }


def bargaining_output(
    world: World, scenario: Scenario, config: Config | None = None
) -> dict[str, Any]:
    """Each of the essay's issues: the three models' forecasts, capabilities from the world."""
    forecasts = _run("bargaining", world, scenario, config)
    return {
        issue_id: {model: round(r.forecast, 6) for model, r in results.items()}
        for issue_id, results in forecasts.items()
    }


def attrition_output(
    world: World, scenario: Scenario, config: Config | None = None
) -> dict[str, Any]:
    """The share of Ukraine held by Russia at the horizon, its band, and the fitted aid trend.

    ``config`` defaults to the embedded configuration, as for every output. The band uses the
    configuration's fixed seed and draws (``attrition.seed``,
    ``attrition.draws``), so the scenario and the baseline differ only by their worlds.
    """
    seed = int((config or default_config()).parameter("attrition.seed"))
    result = _run("attrition", world, scenario, config, seed=seed)
    last = result.path.iloc[-1]
    return {
        "share_held": round(float(last["share_held"]), 6),
        "share_low": round(float(last["share_low"]), 6),
        "share_high": round(float(last["share_high"]), 6),
        "aid_per_year_of_war_usd": round(float(result.aid.per_year_usd), 0),
    }


def landscape_output(
    world: World, scenario: Scenario, config: Config | None = None
) -> dict[str, Any]:
    """The predicted blocs (Axelrod & Bennett) at the horizon: who sides with Russia, who wavers."""
    result = _run("landscape", world, scenario, config)
    sides = result.sides()
    return {
        "with_russia": sorted(sides.index[sides == "Russia"]),
        "stable_configurations": len(result.landscape.minima),
        "least_stable": list(result.least_stable(3)["actor"]),
    }


def ladder_output(world: World, scenario: Scenario, config: Config | None = None) -> dict[str, Any]:
    """Belarus's integration ladder from the scenario's start year to its horizon."""
    forecast = _run("ladder", world, scenario, config, start=scenario.start.year)
    last = forecast.horizon
    return {
        "expected_stage": round(float(forecast.expected[last]), 6),
        "p_energy_market_or_higher": round(float(forecast.at_least(2)[last]), 6),
        "p_one_state": round(float(forecast.at_least(len(forecast.stages) - 1)[last]), 6),
    }


def records_output(name: str) -> Output:
    """The summary of a model without one of its own: its records on the horizon.

    ``{quantity: {keys without on: value}}`` (``{quantity: value}`` for a quantity of ``on`` alone).
    """

    def output(world: World, scenario: Scenario, config: Config | None = None) -> dict[str, Any]:
        result = registry.get(name).run(world, config, on=scenario.horizon)
        day = f"on={scenario.horizon:%Y-%m-%d}"
        summary: dict[str, Any] = {}
        for record in result.records:
            parts = record.keys.split(";")
            if day not in parts:
                continue
            rest = ";".join(p for p in parts if p != day)
            value = record.value if isinstance(record.value, str) else round(record.value, 6)
            if rest:
                summary.setdefault(record.quantity, {})[rest] = value
            else:
                summary[record.quantity] = value
        return summary

    return output


# Each registered model's summary for a scenario table, keyed by its registry name; a model
# without one here is summarised by its records (records_output).
SUMMARIES: dict[str, Output] = {
    "frontier": frontier_output,
    "exposure": exposure_output,
    "directions": directions_output,
    "bargaining": bargaining_output,
    "attrition": attrition_output,
    "landscape": landscape_output,
    "ladder": ladder_output,
}
OUTPUTS: dict[str, Output] = {
    name: SUMMARIES.get(name, records_output(name)) for name in registry.names()
}


def known_parameters(config: Config | None = None) -> frozenset[str]:
    """The parameter names a scenario may set (``config`` default: the embedded one)."""
    directions = (config if config is not None else default_config()).directions
    return frozenset(f"{COST_PARAMETER}{d.name}" for d in directions)


def scenario_problems(
    world: World, scenario: Scenario, *, label: str, config: Config | None = None
) -> list[Problem]:
    """What a scenario's schema cannot see: unknown parameters, shocks the world refuses.

    The shocks are applied in date order to ``world``, so leaving an organisation the state is not
    in, or merging a state already merged, is found here (empty list when the scenario applies).
    """
    known = known_parameters(config)
    problems = [
        Problem(
            label, None, f"parameters.{name}", f"unknown parameter: expected one of {sorted(known)}"
        )
        for name in sorted(set(scenario.parameters) - known)
    ]
    for number, shock in enumerate(scenario.shocks, start=1):
        try:
            world = apply_shock(world, shock)
        except PostsovietError as error:
            problems.append(Problem(label, None, f"shocks[{number}]", str(error)))
            break
    return problems


@dataclass(frozen=True)
class ScenarioRun:
    """Every model's answer under the scenario and under the baseline, at the horizon."""

    scenario: Scenario
    results: Mapping[str, dict[str, Any]]
    baseline: Mapping[str, dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """``{"scenario": str, "results": {model: {...}}, "baseline": {model: {...}}}``."""
        return {
            "scenario": self.scenario.name,
            "horizon": f"{self.scenario.horizon:%Y-%m-%d}",
            "results": dict(self.results),
            "baseline": dict(self.baseline),
        }


def run_scenario(
    world: World,
    scenario: Scenario,
    *,
    config: Config | None = None,
    outputs: Mapping[str, Output] | None = None,
    baseline: Mapping[str, dict[str, Any]] | None = None,
) -> ScenarioRun:
    """Apply ``scenario`` to ``world`` and run every output on it and on the baseline.

    ``config`` is the models' configuration (default: the embedded one, read once per process);
    nothing is read from disk during the run. ``baseline`` is the baseline's outputs at the same
    horizon when already computed (:func:`run_scenarios` shares them).
    """
    config = config if config is not None else default_config()
    known = known_parameters(config)
    unknown = sorted(set(scenario.parameters) - known)
    if unknown:
        raise PostsovietError(
            f"scenario '{scenario.name}': unknown parameter '{unknown[0]}': expected one of "
            f"{sorted(known)}"
        )
    chosen = OUTPUTS if outputs is None else outputs
    shocked = apply_scenario(world, scenario)
    if baseline is None:
        baseline = baseline_outputs(world, scenario, config, chosen)
    return ScenarioRun(
        scenario=scenario,
        results={name: output(shocked, scenario, config) for name, output in chosen.items()},
        baseline=baseline,
    )


def baseline_outputs(
    world: World, scenario: Scenario, config: Config, outputs: Mapping[str, Output]
) -> dict[str, dict[str, Any]]:
    """Every output on the unshocked world at ``scenario``'s horizon, with no parameters."""
    baseline = Scenario(
        name="baseline", description="no shock", start=scenario.start, horizon=scenario.horizon
    )
    return {name: output(world, baseline, config) for name, output in outputs.items()}


def run_scenarios(
    world: World, scenarios: Sequence[Scenario], *, config: Config | None = None
) -> tuple[ScenarioRun, ...]:
    """:func:`run_scenario` of each scenario, the baseline computed once per horizon and start."""
    config = config if config is not None else default_config()
    shared: dict[tuple[Any, Any], dict[str, dict[str, Any]]] = {}
    runs = []
    for scenario in scenarios:
        key = (scenario.start, scenario.horizon)
        if key not in shared:
            shared[key] = baseline_outputs(world, scenario, config, OUTPUTS)
        runs.append(run_scenario(world, scenario, config=config, baseline=shared[key]))
    return tuple(runs)
