"""``postsoviet frontier``, run through the real console script."""

from __future__ import annotations

import json

import pytest
from cli_runner import command

run = command("frontier")


def frontier_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_the_documented_shape():
    shape = frontier_json("--date", "2021-06-01")
    assert list(shape)[:4] == ["date", "nato_land_border_km", "segments", "buffer_states"]
    assert shape["date"] == "2021-06-01"
    assert isinstance(shape["nato_land_border_km"], float)
    assert all(list(s)[:3] == ["a", "b", "km"] for s in shape["segments"])
    assert shape["buffer_states"] == ["AZE", "BLR", "FIN", "GEO", "UKR"]


@pytest.mark.parametrize(
    ("args", "km"),
    [
        (("--date", "2021-06-01"), 1317.0),
        (("--date", "2023-04-05"), 2626.0),
        (("--date", "2024-03-08"), 2626.0),
        (("--date", "2024-03-08", "--merge", "BLR"), 3802.0),
    ],
)
def test_the_documented_figures(args, km):
    """docs/models/frontier.md: 2021, after Finland, after Sweden, with Belarus merged."""
    assert frontier_json(*args)["nato_land_border_km"] == km


def test_merging_belarus_closes_the_suwalki_corridor():
    shape = frontier_json("--date", "2024-03-08", "--merge", "blr")
    assert shape["merged"] == ["BLR"]
    assert shape["suwalki_corridor"]["flanked_by_bloc"]
    assert "BLR" not in shape["buffer_states"]


def test_the_table_names_the_total_buffers_and_corridor():
    result = run("--date", "2021-06-01")
    assert result.returncode == 0, result.stderr
    assert "total: 1,317 km" in result.stdout
    assert "buffer states: AZE, BLR, FIN, GEO, UKR" in result.stdout
    assert "not closed by the bloc" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--merge", "XXX"), "error: --merge: expected the ISO3 code of a state other than RUS"),
        (("--merge", "RUS"), "error: --merge"),
        (("--date", "2021-02-30"), "error: argument '--date'"),
    ],
)
def test_bad_arguments_give_a_one_line_error(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
