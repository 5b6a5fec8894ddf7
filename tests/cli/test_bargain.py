"""``postsoviet bargain FILE``, run through the real console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import command

EMISSION = Path(__file__).parents[1] / "data" / "bargaining" / "emission_bdm1994_inputs.csv"


run = command("bargain")


def test_bdm_json_has_the_documented_shape():
    result = run(str(EMISSION), "--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert list(shape) == ["model", "rounds", "forecast"]
    assert shape["model"] == "bdm"
    assert len(shape["rounds"]) == 9
    start = shape["rounds"][0]
    assert list(start) == ["round", "median", "mean", "positions"]
    assert start["round"] == 0
    assert start["median"] == 7.0
    assert start["mean"] == pytest.approx(7.389956, abs=5e-7)
    assert start["positions"]["Germany"] == 4.0
    assert round(shape["rounds"][1]["median"], 1) == 8.4


@pytest.mark.parametrize(("model", "forecast"), [("mean", 7.389956), ("median", 7.0)])
def test_static_models_forecast_round_0(model, forecast):
    result = run(str(EMISSION), "--model", model, "--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert shape["model"] == model
    assert len(shape["rounds"]) == 1
    assert shape["forecast"] == pytest.approx(forecast, abs=5e-7)


def test_rounds_and_q_reach_the_model():
    result = run(str(EMISSION), "--rounds", "2", "--q", "0.5", "--json")
    assert result.returncode == 0, result.stderr
    assert [r["round"] for r in json.loads(result.stdout)["rounds"]] == [0, 1, 2]


def test_table_states_the_salience_scale_and_forecast():
    result = run(str(EMISSION), "--rounds", "1")
    assert result.returncode == 0, result.stderr
    assert "salience read on 0-100" in result.stdout
    assert "forecast: 8.42" in result.stdout


def test_salience_on_0_1_is_detected(tmp_path):
    path = tmp_path / "unit.csv"
    path.write_text("actor,capability,position,salience\nA,1,0,0.5\nB,1,10,1\n")
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    assert "salience read on 0-1" in result.stdout


BAD = {
    "missing column": (
        "actor,capability,position\nA,1,0\nB,1,1\n",
        "missing column 'salience'",
    ),
    "duplicate actor": (
        "actor,capability,position,salience\nA,1,0,50\nB,1,1,50\nA,1,2,50\n",
        "row 4, field 'actor': duplicate actor 'A' (first on row 2)",
    ),
    "salience out of range": (
        "actor,capability,position,salience\nA,1,0,50\nB,1,1,120\n",
        "row 3, field 'salience': expected a value on 0-1 or 0-100, got 120",
    ),
    "negative salience": (
        "actor,capability,position,salience\nA,1,0,-5\nB,1,1,50\n",
        "row 2, field 'salience': expected a value >= 0, got -5",
    ),
    "one actor": (
        "actor,capability,position,salience\nA,1,0,50\n",
        "expected at least 2 actors, got 1",
    ),
    "equal positions": (
        "actor,capability,position,salience\nA,1,3,50\nB,1,3,50\n",
        "field 'position': every actor holds the same position (3)",
    ),
    "not a number": (
        "actor,capability,position,salience\nA,1,0,50\nB,lots,1,50\n",
        "row 3, field 'capability': expected a number, got 'lots'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gets_one_line_naming_file_row_and_field(tmp_path, case):
    text, message = BAD[case]
    path = tmp_path / "actors.csv"
    path.write_text(text)
    result = run(str(path), "--json")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}")
    assert message in lines[0]


def test_missing_file_is_a_one_line_error(tmp_path):
    result = run(str(tmp_path / "absent.csv"))
    assert result.returncode != 0
    assert "cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_model_is_refused():
    result = run(str(EMISSION), "--model", "oracle")
    assert result.returncode != 0
    assert "oracle" in result.stderr
