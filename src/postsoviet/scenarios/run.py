"""Run a scenario: apply its shocks, run every model on the changed world, and compare with the baseline.

Each model contributes a *scenario output*: a function ``(world, scenario) -> dict`` that runs the
model on the world as it stands at the scenario's horizon and summarises the answer in a JSON-ready
dict. The baseline is the same outputs on the unshocked world, at the same horizon, with no
parameters, so the two columns differ only by the scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from postsoviet.data.directions import read_directions
from postsoviet.data.integration_ladder import read_ladder_stages
from postsoviet.data.issues import list_issues, load_issue
from postsoviet.data.model_weights import exposure_weights, read_model_weights
from postsoviet.errors import PostsovietError
from postsoviet.models.attrition import parameters_from, project_attrition
from postsoviet.models.bargaining.issues import forecast_issue
from postsoviet.models.exposure import exposure
from postsoviet.models.frontier import frontier
from postsoviet.models.integration_ladder import ladder_forecast
from postsoviet.models.landscape.postsoviet import world_landscape
from postsoviet.models.next_direction import rank_directions
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.spec import Scenario
from postsoviet.world import World

Output = Callable[[World, Scenario], dict[str, Any]]
COST_PARAMETER = "next_direction.cost."
TOP = 5
ATTRITION_DRAWS = 100
ATTRITION_SEED = 0


def frontier_output(world: World, scenario: Scenario) -> dict[str, Any]:
    """Russia's land border with NATO, the buffer states and the Suwalki corridor at the horizon."""
    result = frontier(world, scenario.horizon)
    return {
        "nato_land_border_km": result.nato_land_border_km,
        "buffer_states": list(result.buffer_states),
        "suwalki_flanked_by_bloc": result.suwalki.flanked_by_bloc,
    }


def exposure_output(world: World, scenario: Scenario) -> dict[str, Any]:
    """The most exposed states at the horizon and their index."""
    ranking = exposure(world, scenario.horizon, weights=exposure_weights()).ranking
    return {
        "top": [
            {"iso3": row.iso3, "index": round(float(row.index), 6)}
            for row in ranking.head(TOP).itertuples()
        ]
    }


def directions_output(world: World, scenario: Scenario) -> dict[str, Any]:
    """Where Russia pushes next at the horizon, with the scenario's cost factors."""
    factors = {
        name.removeprefix(COST_PARAMETER): value
        for name, value in scenario.parameters.items()
        if name.startswith(COST_PARAMETER)
    }
    weights = read_model_weights("next_direction").set_index("component")["weight"].to_dict()
    ranking = rank_directions(
        world, read_directions(), weights, on=scenario.horizon, cost_factors=factors
    )
    return {
        "top": ranking.top,
        "net": {name: round(float(net), 6) for name, net in ranking.table["net"].items()},
    }


def bargaining_output(world: World, scenario: Scenario) -> dict[str, Any]:
    """Each of the essay's issues: the three models' forecasts, capabilities from the world."""
    forecasts = {}
    for issue_id in list_issues()["id"]:
        results, _ = forecast_issue(load_issue(issue_id), world)
        forecasts[issue_id] = {model: round(r.forecast, 6) for model, r in results.items()}
    return forecasts


def attrition_output(world: World, scenario: Scenario) -> dict[str, Any]:
    """The share of Ukraine held by Russia at the horizon, its band, and the fitted aid trend.

    The band uses a fixed seed, so the scenario and the baseline differ only by their worlds.
    """
    weights = read_model_weights("attrition").set_index("component")["weight"].to_dict()
    result = project_attrition(
        world,
        parameters_from(weights),
        horizon=scenario.horizon.year,
        seed=ATTRITION_SEED,
        draws=ATTRITION_DRAWS,
    )
    last = result.path.iloc[-1]
    return {
        "share_held": round(float(last["share_held"]), 6),
        "share_low": round(float(last["share_low"]), 6),
        "share_high": round(float(last["share_high"]), 6),
        "aid_per_year_of_war_usd": round(float(result.aid.per_year_usd), 0),
    }


def landscape_output(world: World, scenario: Scenario) -> dict[str, Any]:
    """The predicted blocs (Axelrod & Bennett) at the horizon: who sides with Russia, who wavers."""
    weights = read_model_weights("landscape").set_index("component")["weight"].to_dict()
    result = world_landscape(world, scenario.horizon, weights)
    sides = result.sides()
    return {
        "with_russia": sorted(sides.index[sides == "Russia"]),
        "stable_configurations": len(result.landscape.minima),
        "least_stable": list(result.least_stable(3)["actor"]),
    }


def ladder_output(world: World, scenario: Scenario) -> dict[str, Any]:
    """Belarus's integration ladder from the scenario's start year to its horizon."""
    weights = read_model_weights("integration_ladder").set_index("component")["weight"].to_dict()
    stages = read_ladder_stages()
    forecast = ladder_forecast(
        world, stages, weights, start=scenario.start.year, horizon=scenario.horizon.year
    )
    last = forecast.horizon
    return {
        "expected_stage": round(float(forecast.expected[last]), 6),
        "p_energy_market_or_higher": round(float(forecast.at_least(2)[last]), 6),
        "p_one_state": round(float(forecast.at_least(len(stages) - 1)[last]), 6),
    }


OUTPUTS: dict[str, Output] = {
    "frontier": frontier_output,
    "exposure": exposure_output,
    "directions": directions_output,
    "bargaining": bargaining_output,
    "attrition": attrition_output,
    "landscape": landscape_output,
    "ladder": ladder_output,
}


def known_parameters() -> frozenset[str]:
    """The parameter names a scenario may set."""
    return frozenset(f"{COST_PARAMETER}{d.name}" for d in read_directions())


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
    world: World, scenario: Scenario, *, outputs: Mapping[str, Output] | None = None
) -> ScenarioRun:
    """Apply ``scenario`` to ``world`` and run every output on it and on the baseline."""
    unknown = sorted(set(scenario.parameters) - known_parameters())
    if unknown:
        raise PostsovietError(
            f"scenario '{scenario.name}': unknown parameter '{unknown[0]}': expected one of "
            f"{sorted(known_parameters())}"
        )
    chosen = OUTPUTS if outputs is None else outputs
    shocked = apply_scenario(world, scenario)
    baseline = Scenario(
        name="baseline",
        description="no shock",
        start=scenario.start,
        horizon=scenario.horizon,
    )
    return ScenarioRun(
        scenario=scenario,
        results={name: output(shocked, scenario) for name, output in chosen.items()},
        baseline={name: output(world, baseline) for name, output in chosen.items()},
    )
