"""``postsoviet ladder`` through the real console script."""

from __future__ import annotations

import json

import pytest


def test_ladder_json_gives_each_years_probabilities(postsoviet):
    result = postsoviet("ladder", "--start", "2026", "--horizon", "2030", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["initial_stage"] == "customs_union"
    assert report["merged"] is None
    assert [year["year"] for year in report["years"]] == [2026, 2027, 2028, 2029, 2030]
    names = [stage["name"] for stage in report["stages"]]
    assert names[0] == "separate_states" and names[-1] == "one_state"
    for year in report["years"]:
        assert sum(year["probabilities"].values()) == pytest.approx(1.0)
        assert set(year["probabilities"]) == set(names)
    expected = [year["expected_stage"] for year in report["years"]]
    assert expected == sorted(expected)


def test_ladder_default_runs_to_2030(postsoviet):
    result = postsoviet("ladder", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["horizon"] >= 2030


def test_ladder_json_reports_the_drivers(postsoviet):
    result = postsoviet("ladder", "--start", "2000", "--horizon", "2001", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)["years"][0]
    assert first["drivers"]["war"] == 0
    assert "gas price" in first["drivers"]["missing"]


def test_ladder_table_names_the_rungs(postsoviet):
    result = postsoviet("ladder", "--start", "2026", "--horizon", "2027")
    assert result.returncode == 0, result.stderr
    assert "single_energy_market" in result.stdout
    assert "Drivers" in result.stdout


def test_horizon_before_start_is_a_one_line_error(postsoviet):
    result = postsoviet("ladder", "--start", "2030", "--horizon", "2020")
    assert result.returncode == 2
    assert result.stderr.startswith("error: --horizon: expected a year between --start (2030)")
    assert "Traceback" not in result.stderr
