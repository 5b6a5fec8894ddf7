"""``postsoviet bargain --issue NAME`` and ``--list``, run through the real console script."""

from __future__ import annotations

import json

import pytest
from cli_runner import command

ISSUES = ("belarus-integration", "ukraine-settlement", "kazakhstan-alignment")


run = command("bargain")


def test_list_shows_the_three_issues():
    result = run("--list")
    assert result.returncode == 0, result.stderr
    for issue in ISSUES:
        assert issue in result.stdout


def test_list_json_gives_id_title_question_and_snapshots():
    result = run("--list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == list(ISSUES)
    assert set(rows[0]) == {"id", "title", "question", "snapshots"}


@pytest.mark.parametrize("issue", ISSUES)
def test_issue_table_runs_the_three_models_side_by_side(issue):
    result = run("--issue", issue)
    assert result.returncode == 0, result.stderr
    assert f"{issue}: the three models side by side" in result.stdout
    for model in ("bdm", "mean", "median"):
        assert f"│ {model} " in result.stdout
    assert "nearest named point" in result.stdout
    assert "capability: share of the actors' population, gdp_usd, milex_usd" in result.stdout


def test_issue_json_has_the_documented_shape():
    result = run("--issue", "kazakhstan-alignment", "--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert list(shape) == ["issue", "scale", "models"]
    assert shape["issue"] == "kazakhstan-alignment"
    assert set(shape["scale"]) == {"min", "max", "question", "points"}
    assert shape["scale"]["points"][0] == {
        "point": 0.0,
        "label": "Western alignment",
        "meaning": "Out of the CSTO and the EAEU, with security ties to the West",
    }
    assert list(shape["models"]) == ["bdm", "mean", "median"]
    for name, model in shape["models"].items():
        assert list(model) == ["model", "rounds", "forecast"]
        assert model["model"] == name
        start = model["rounds"][0]
        assert list(start) == ["round", "median", "mean", "positions"]
        assert start["positions"]["KAZ"] == 50.0
    assert len(shape["models"]["bdm"]["rounds"]) == 9
    assert len(shape["models"]["mean"]["rounds"]) == 1


def test_as_of_runs_the_historical_snapshot():
    """The Belarus check of docs/models/bargaining.md: positions of 2020-02-17, 8 rounds."""
    result = run("--issue", "belarus-integration", "--as-of", "2020-12-31", "--json")
    assert result.returncode == 0, result.stderr
    models = json.loads(result.stdout)["models"]
    assert models["bdm"]["rounds"][0]["positions"] == {
        "RUS": 60.0,
        "BLR": 40.0,
        "USA": 20.0,
        "POL": 20.0,
        "DEU": 20.0,
    }
    assert models["bdm"]["forecast"] == pytest.approx(40.0)
    assert models["mean"]["forecast"] == pytest.approx(32.3, abs=0.05)
    assert models["median"]["forecast"] == pytest.approx(20.0)


def test_rounds_and_q_reach_the_bdm_model():
    result = run("--issue", "ukraine-settlement", "--rounds", "2", "--q", "0.5", "--json")
    assert result.returncode == 0, result.stderr
    rounds = json.loads(result.stdout)["models"]["bdm"]["rounds"]
    assert [r["round"] for r in rounds] == [0, 1, 2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--issue", "narnia"),
            "error: unknown issue 'narnia': expected one of belarus-integration, "
            "kazakhstan-alignment, ukraine-settlement",
        ),
        ((), "error: expected exactly one of FILE, --issue NAME or --list; got none"),
        (("--list", "--issue", "ukraine-settlement"), "got --issue, --list"),
        (("--issue", "ukraine-settlement", "--model", "mean"), "argument '--model'"),
        (
            ("--issue", "belarus-integration", "--as-of", "2019-01-01"),
            "issue 'belarus-integration' has no positions on or before 2019-01-01",
        ),
        (("--issue", "belarus-integration", "--as-of", "soon"), "argument '--as-of'"),
    ],
)
def test_bad_requests_get_one_line_and_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
