"""``postsoviet directions`` through the real console script."""

from __future__ import annotations

import json


def test_directions_json_ranks_the_four_directions(postsoviet):
    result = postsoviet("directions", "--date", "2021-12-31", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["date"] == "2021-12-31"
    assert report["top"] == "ukraine"
    assert [d["rank"] for d in report["directions"]] == [1, 2, 3, 4]


def test_a_cost_factor_moves_the_push(postsoviet):
    result = postsoviet("directions", "--date", "2021-12-31", "--cost", "ukraine=3", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["top"] != "ukraine"


def test_malformed_cost_is_a_one_line_error(postsoviet):
    result = postsoviet("directions", "--cost", "ukraine")
    assert result.returncode == 2
    assert result.stderr.startswith("error: --cost: expected DIRECTION=FACTOR")
    assert "Traceback" not in result.stderr
