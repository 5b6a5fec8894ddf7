"""The fast scenario model gives the scenario runner's answers at the nominal inputs."""

from __future__ import annotations

import numpy as np
import pytest

from postsoviet.runs.model import scenario_model
from postsoviet.runs.problem import default_problem
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.run import directions_output, exposure_output


@pytest.mark.parametrize("name", ["baseline", "essay-redirect", "essay-belarus"])
def test_nominal_draw_equals_the_scenario_runner(world, name):
    scenario = load_scenario(name, world)
    problem = default_problem(scenario)
    model = scenario_model(world, scenario, problem.names)
    row = model.evaluate(np.array([[i.nominal for i in problem.inputs]]))[0]
    outputs = dict(zip((o for _, o in model.labels), row, strict=True))
    shocked = apply_scenario(world, scenario)
    for entry in exposure_output(shocked, scenario)["top"]:
        assert outputs[f"exposure.index.{entry['iso3']}"] == pytest.approx(entry["index"], abs=1e-6)
    directions = directions_output(shocked, scenario)
    for direction, net in directions["net"].items():
        assert outputs[f"directions.net.{direction}"] == pytest.approx(net, abs=1e-6)
    assert outputs[f"directions.rank.{directions['top']}"] == 1


def test_default_problem_varies_judgment_values_only(world):
    problem = default_problem(load_scenario("essay-redirect", world))
    assert "parameter.next_direction.cost.ukraine" in problem.names
    assert all(i.origin == "judgment" for i in problem.inputs)
    aligned = next(i for i in problem.inputs if i.name.endswith("aligned_discount"))
    assert aligned.distribution.params[2] <= 1.0
