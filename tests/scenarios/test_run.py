"""Running scenarios: every model under the scenario against the baseline."""

from __future__ import annotations

import pytest

from postsoviet.errors import PostsovietError
from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.run import run_scenario
from postsoviet.scenarios.spec import Scenario


def run(world, name):
    return run_scenario(world, load_scenario(name, world)).to_dict()


def test_the_baseline_scenario_equals_the_baseline(world):
    result = run(world, "baseline")
    assert result["results"] == result["baseline"]
    assert result["scenario"] == "baseline"


def test_json_shape(world):
    result = run(world, "essay-redirect")
    assert set(result) >= {"scenario", "results", "baseline"}
    assert set(result["results"]) == set(result["baseline"])


def test_absorbing_belarus_removes_the_buffer_and_closes_suwalki(world):
    result = run(world, "essay-eastern-flank")
    after, before = result["results"]["frontier"], result["baseline"]["frontier"]
    assert after["nato_land_border_km"] > before["nato_land_border_km"]
    assert "BLR" in before["buffer_states"]
    assert "BLR" not in after["buffer_states"]
    assert after["suwalki_flanked_by_bloc"] and not before["suwalki_flanked_by_bloc"]


def test_a_stalled_ukraine_lowers_its_net_value(world):
    result = run(world, "essay-redirect")
    after, before = result["results"]["directions"], result["baseline"]["directions"]
    assert after["net"]["ukraine"] < before["net"]["ukraine"]
    assert after["net"]["kazakhstan"] == before["net"]["kazakhstan"]


def test_taking_northern_kazakhstan_narrows_its_lead(world):
    """Gains are scaled by their largest value over the directions, so what falls is Kazakhstan's
    lead over the others once Russia holds the Russian-populated north."""
    result = run(world, "essay-kazakhstan")
    after, before = result["results"]["directions"], result["baseline"]["directions"]

    def lead(net):
        return net["kazakhstan"] - max(v for k, v in net.items() if k != "kazakhstan")

    assert lead(after["net"]) < lead(before["net"])


def test_unknown_parameter_is_a_clear_error(world):
    scenario = load_scenario("essay-redirect", world)
    broken = Scenario(
        name="broken",
        description="x",
        start=scenario.start,
        horizon=scenario.horizon,
        parameters={"next_direction.cost.mars": 2.0},
    )
    with pytest.raises(PostsovietError, match=r"unknown parameter 'next_direction\.cost\.mars'"):
        run_scenario(world, broken)
