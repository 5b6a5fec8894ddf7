"""``postsoviet attrition`` through the real console script."""

from __future__ import annotations

import json


def test_attrition_json_gives_the_path_to_the_horizon(postsoviet):
    result = postsoviet("attrition", "--horizon", "2028", "--seed", "3", "--draws", "50", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["horizon"] == 2028 and report["seed"] == 3
    assert report["path"][-1]["date"] == "2028-12-31"
    assert report["fit"]["rmse_share"] < 0.007
    for row in report["path"]:
        assert row["share_low"] <= row["share_held"] <= row["share_high"]


def test_same_seed_same_output(postsoviet):
    args = ("attrition", "--seed", "5", "--draws", "50", "--json")
    assert postsoviet(*args).stdout == postsoviet(*args).stdout


def test_table_names_the_fit(postsoviet):
    result = postsoviet("attrition", "--draws", "20")
    assert result.returncode == 0, result.stderr
    assert "fit RMSE" in result.stdout and "2030-12-31" in result.stdout


def test_horizon_before_the_data_is_a_one_line_error(postsoviet):
    result = postsoviet("attrition", "--horizon", "2020")
    assert result.returncode == 2
    assert result.stderr.startswith("error: argument 'horizon'")
    assert "Traceback" not in result.stderr
