"""The EMA Workbench adapter (optional extra ``ema``; skipped when the workbench is not installed)."""

from __future__ import annotations

import pytest

from postsoviet.runs import default_problem
from postsoviet.runs.ema import ema_model
from postsoviet.scenarios.files import load_scenario


def test_a_scenario_runs_as_an_ema_model(world):
    ema = pytest.importorskip("ema_workbench")
    scenario = load_scenario("essay-redirect", world)
    model = ema_model(world, scenario, default_problem(scenario))
    with ema.SequentialEvaluator(model) as evaluator:
        _, outcomes = evaluator.perform_experiments(scenarios=8)
    assert len(outcomes["directions_net_ukraine"]) == 8
