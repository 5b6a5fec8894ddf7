"""The whole chain: every registered model sampled per draw, its links carried through."""

from __future__ import annotations

import numpy as np
import pytest

from postsoviet.models import registry
from postsoviet.runs.chain import chain_set, output_labels, scenario_chain
from postsoviet.runs.executors import draw_seeds
from postsoviet.runs.problem import default_problem
from postsoviet.runs.sample import sample
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.files import load_scenario


@pytest.fixture(scope="module")
def redirect(world):
    scenario = load_scenario("essay-redirect", world)
    problem = default_problem(scenario)
    return scenario, problem, scenario_chain(world, scenario, problem.names)


def test_every_registered_model_has_outputs(redirect):
    _, _, chain = redirect
    prefixes = {output.split(".")[0] for output in chain.outputs}
    assert prefixes == set(registry.names())


def test_every_model_with_inputs_has_them_in_the_default_problem(redirect):
    _, problem, _ = redirect
    owners = {name.split(".")[1] for name in problem.names if not name.startswith("parameter.")}
    assert {"exposure", "next_direction", "landscape", "attrition", "integration_ladder"} <= owners
    assert "bargaining" in owners


def test_a_nominal_draw_gives_the_deterministic_models_own_answers(world, redirect):
    scenario, problem, chain = redirect
    nominal = np.array([[i.nominal for i in problem.inputs]])
    row = dict(zip(chain.outputs, chain.evaluate(nominal, draw_seeds(0, 0, 1))[0], strict=True))
    shocked = apply_scenario(world, scenario)
    for name in ("exposure", "ladder", "bargaining"):
        expected = output_labels(
            registry.get(name).run(shocked, on=scenario.horizon), scenario.horizon
        )
        for label, value in expected.items():
            assert row[label] == pytest.approx(value, abs=1e-9), label


def test_draws_vary_every_model_with_uncertain_inputs_and_repeat_by_seed(redirect):
    _, problem, chain = redirect
    design = sample(problem, 6, seed=3)
    seeds = draw_seeds(design.seed, 0, design.draws)
    first = chain.evaluate(design.values, seeds)
    again = chain.evaluate(design.values, seeds)
    assert first.tobytes() == again.tobytes()
    spread = dict(zip(chain.outputs, np.nanstd(first, axis=0), strict=True))
    for model in ("exposure", "directions", "ladder", "attrition", "bargaining"):
        assert max(v for k, v in spread.items() if k.startswith(f"{model}.")) > 0, model


def test_categorical_sides_become_one_indicator_per_value(redirect):
    _, problem, chain = redirect
    design = sample(problem, 3, seed=5)
    table = chain.evaluate(design.values, draw_seeds(design.seed, 0, design.draws))
    columns = [j for j, o in enumerate(chain.outputs) if o.startswith("landscape.side.ARM.")]
    assert len(columns) == 3
    assert np.allclose(table[:, columns].sum(axis=1), 1.0)


def test_the_ladder_link_merges_belarus_in_the_frontier_of_some_draws(world):
    scenario = load_scenario("baseline", world)
    chain = scenario_chain(world, scenario, [])
    assert len(chain.frontiers) == 2
    merged = chain.frontiers[1]
    assert merged.value("frontier.length", on=scenario.horizon) != chain.frontiers[0].value(
        "frontier.length", on=scenario.horizon
    )


def test_a_chain_set_evaluates_a_model_prepared_alike_once_with_each_scenarios_own_outputs(world):
    scenarios = [load_scenario(name, world) for name in ("baseline", "essay-redirect")]
    problem = default_problem(scenarios[0])
    together = chain_set(world, scenarios, problem.names)
    first, second = ({m.model: m for m in c.models} for c in together.chains)
    assert first["bargaining"] is second["bargaining"]
    assert first["directions"] is not second["directions"]
    design = sample(problem, 3, seed=2)
    seeds = draw_seeds(design.seed, 0, design.draws)
    alone = [
        scenario_chain(world, s, problem.names).evaluate(design.values, seeds) for s in scenarios
    ]
    assert together.evaluate(design.values, seeds).tobytes() == np.hstack(alone).tobytes()


def test_a_data_input_of_the_run_reaches_the_exposure_index(world, redirect):
    scenario, _, _ = redirect
    name = "data.KAZ.ethnic_russian_share"
    chain = scenario_chain(world, scenario, [name], models=["exposure"])
    column = chain.outputs.index("exposure.index.KAZ")
    nominal = chain.models[0].nominal[name]
    table = chain.evaluate(np.array([[nominal], [nominal + 0.05]]), draw_seeds(0, 0, 2))
    assert table[1, column] > table[0, column]
