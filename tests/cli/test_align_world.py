"""``postsoviet align --world [--date D] [--json]``, run through the real console script on the
embedded world data."""

from __future__ import annotations

import json

import pytest
from cli_runner import command

run = command("align")


@pytest.fixture(scope="module")
def output_2021() -> dict:
    result = run("--world", "--date", "2021-12-31", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_the_file_modes_shape_plus_components_and_least_stable(output_2021):
    assert {"configurations", "components", "least_stable"} <= set(output_2021)
    for config in output_2021["configurations"]:
        assert set(config) == {"energy", "coalitions", "basin_share", "global"}
    energies = [c["energy"] for c in output_2021["configurations"]]
    assert energies == sorted(energies)
    assert sum(c["basin_share"] for c in output_2021["configurations"]) == pytest.approx(1.0)


def test_json_2021_puts_belarus_with_russia_and_poland_with_the_us(output_2021):
    best = next(c for c in output_2021["configurations"] if c["global"])
    side = {actor: k for k, group in enumerate(best["coalitions"]) for actor in group}
    assert side["BLR"] == side["RUS"]
    assert side["POL"] == side["USA"] != side["RUS"]


def test_json_components_list_every_pair_with_missing_as_null(output_2021):
    rows = output_2021["components"]
    assert len(rows) == 25 * 24 // 2
    rus_pol = next(r for r in rows if {r["actor_a"], r["actor_b"]} == {"RUS", "POL"})
    assert rus_pol["memberships"] == -1
    assert rus_pol["gas_dependence"] is None
    weights = output_2021["weights"]
    expected = sum(weights[k] * (rus_pol[k] or 0.0) for k in weights)
    assert rus_pol["propensity"] == pytest.approx(expected)


def test_json_least_stable_are_sorted_by_margin(output_2021):
    margins = [row["margin"] for row in output_2021["least_stable"]]
    assert margins == sorted(margins)
    assert {"actor", "side", "margin"} == set(output_2021["least_stable"][0])


def test_json_sensitivity_doubles_and_zeroes_each_weight(output_2021):
    rows = output_2021["sensitivity"]
    assert {(r["component"], r["factor"]) for r in rows} == {
        (k, f) for k in output_2021["weights"] for f in (0.0, 2.0)
    }


def test_table_shows_the_blocs_and_the_components_behind_them():
    result = run("--world", "--date", "2021-12-31")
    assert result.returncode == 0, result.stderr
    for text in (
        "Post-Soviet landscape on 2021-12-31",
        "Least stable",
        "Components",
        "Sensitivity",
    ):
        assert text in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--world", "--date", "2021-13-45"], "argument 'date': expected an ISO date"),
        (["--world", "--coalitions", "3"], "--world: the post-Soviet landscape has two coalitions"),
        (["--world", "--actors", "a.csv"], "--world: expected no --actors or --propensities"),
        (["--date", "2021-12-31"], "--date and --data: expected only with --world"),
    ],
)
def test_bad_world_options_get_a_one_line_error(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
