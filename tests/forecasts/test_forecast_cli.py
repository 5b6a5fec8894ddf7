"""``postsoviet forecast``, ``backtest`` and ``targets quantities`` through the real console script."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "cli"))
from cli_runner import run_postsoviet

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_quantities_are_listed_with_their_arguments():
    done = run_postsoviet("targets", "quantities", "--json")
    assert done.returncode == 0, done.stderr
    quantities = {q["name"]: q for q in json.loads(done.stdout)["quantities"]}
    assert {"membership.starts", "control.gains", "event.occurs", "frontier.length"} <= set(
        quantities
    )
    args = {a["name"] for a in quantities["event.occurs"]["args"]}
    assert args == {"kind", "by", "actors", "tags", "min_value", "from"}


def test_event_kinds_are_listed_with_their_tags_as_known_on_a_day():
    """Every kind of the vocabulary, with the tags its events carry; a vintage counts only the
    events known on its day (the 2023 tank deliveries are not known in mid-2022, the Czech and
    Polish T-72s of April 2022 are)."""
    from postsoviet.data.schema import EVENT_KINDS

    now = json.loads(run_postsoviet("targets", "kinds", "--json").stdout)["kinds"]
    then = json.loads(
        run_postsoviet("targets", "kinds", "--json", "--known-on", "2022-07-15").stdout
    )["kinds"]
    assert [k["kind"] for k in now] == sorted(EVENT_KINDS)
    delivered = {k["kind"]: k for k in now}["weapons_delivery"]
    assert delivered["events"] >= 10 and delivered["tags"]["tanks"] >= 2
    earlier = {k["kind"]: k for k in then}["weapons_delivery"]
    assert earlier["events"] < delivered["events"]
    assert earlier["tags"].get("tanks", 0) < delivered["tags"]["tanks"]
    assert earlier["last"] <= "2022-07-15"
    table = run_postsoviet("targets", "kinds").stdout
    assert "weapons_delivery" in table and "tanks (" in table


def test_forecast_repeats_for_a_seed():
    runs = [
        run_postsoviet("forecast", str(EXAMPLES / "targets.yaml"), "--draws", "300", "--seed", "2", "--raw", "--json")
        for _ in range(2)
    ]  # fmt: skip
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout


def test_forecast_answers_the_examples(tmp_path):
    out = tmp_path / "forecasts.json"
    # 200 draws: the test reads the output's shape and the calibration, not the quantiles' precision
    done = run_postsoviet(
        "forecast", str(EXAMPLES / "targets.yaml"), "--draws", "200", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    shape = json.loads(out.read_text())
    assert shape["calibrated"] is True
    # every cutoff's maps are listed; by 2022 enough asked questions had resolved for an asked map
    maps = shape["calibration"]
    assert set(maps) == {f["cutoff"] for f in shape["forecasts"] if f["cutoff"]}
    assert all(m["asked"]["change"]["n"] >= 20 for day, m in maps.items() if day >= "2022")
    forecasts = shape["forecasts"]
    answered = [f for f in forecasts if f["answered"]]
    assert len(answered) >= 0.8 * len(forecasts)
    for f in answered:
        assert ("p" in f and 0 < f["p"] < 1) or "quantiles" in f
        assert f["cutoff"] == "2022-07-15" and f["data_version"]
    assert all(f["reason"] for f in forecasts if not f["answered"])


def test_backtest_scores_against_baselines_and_is_stored(tmp_path):
    store = str(tmp_path / "runs.duckdb")
    done = run_postsoviet(
        "backtest", str(EXAMPLES / "targets.yaml"), "--resolutions", str(EXAMPLES / "resolutions.csv"),
        "--raw", "--store", store, "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result["scores"]) == {"project", "flat", "persistence", "base_rate"}
    assert result["scores"]["flat"]["brier"] == pytest.approx(0.25)
    assert result["n"] == len(result["targets"]) and result["answered"] <= result["n"]
    listed = json.loads(run_postsoviet("runs", "list", "--store", store, "--json").stdout)
    assert [r["run_id"] for r in listed] == [result["run_id"]]
    rerun = run_postsoviet("runs", "rerun", result["run_id"], "--store", store)
    assert rerun.returncode == 2 and "is a backtest" in rerun.stderr


def test_history_backtest_on_a_slice(tmp_path):
    done = run_postsoviet(
        "backtest", "--history", "--from", "2020-01-01", "--to", "2020-07-01",
        "--store", str(tmp_path / "runs.duckdb"), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["n"] == result["answered"] > 500
    assert {"project", "raw", "flat", "persistence", "base_rate"} == set(result["scores"])


def test_history_backtest_of_one_family(tmp_path):
    done = run_postsoviet(
        "backtest", "--history", "--from", "2020-01-01", "--to", "2020-01-01", "--family", "event",
        "--store", str(tmp_path / "runs.duckdb"), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)["by_family"]) == {"event"}


def test_an_unknown_family_is_one_line_and_exit_2():
    done = run_postsoviet("backtest", "--history", "--family", "weather")
    assert done.returncode == 2 and "--family 'weather'" in done.stderr


def test_an_unreadable_targets_file_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("targets: 3\n")
    done = run_postsoviet("forecast", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith("error: targets file") and "Traceback" not in done.stderr


def test_backtest_prints_tables(tmp_path):
    done = run_postsoviet(
        "backtest", "--history", "--from", "2020-01-01", "--to", "2020-01-01",
        "--store", str(tmp_path / "runs.duckdb"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Brier score per family" in done.stdout and "base_rate" in done.stdout


def test_the_table_shows_the_models_own_p_where_the_maps_moved_it():
    from postsoviet.cli.forecast import answer_text
    from postsoviet.forecasts.forecast import Forecast

    def answer(**values):
        return Forecast(id="a", quantity="event.occurs", cutoff="2022-07-15", **values)

    assert answer_text(answer(answered=True, p=0.456, p_raw=0.012)) == "p=0.456 (models 0.012)"
    assert answer_text(answer(answered=True, p=0.99, p_raw=0.99)) == "p=0.990"
    assert answer_text(answer(answered=False)) == "-"
