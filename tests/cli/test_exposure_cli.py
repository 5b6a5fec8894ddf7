"""``postsoviet exposure``, run through the real console script."""

from __future__ import annotations

import json

import pytest
from cli_runner import command

run = command("exposure")


def test_json_ranks_states_with_their_contributions():
    result = run("--date", "2024-06-01", "--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert shape["date"] == "2024-06-01"
    assert shape["data_year"] == 2024
    ranking = shape["ranking"]
    assert [r["index"] for r in ranking] == sorted((r["index"] for r in ranking), reverse=True)
    for entry in ranking:
        assert sum(entry["contributions"].values()) == pytest.approx(entry["index"])
    assert ranking[0]["iso3"] == "KAZ"


def test_data_year_reaches_back_for_a_historical_date():
    early = json.loads(run("--date", "2013-06-01", "--json").stdout)
    later = json.loads(run("--date", "2013-06-01", "--data-year", "2026", "--json").stdout)
    assert early["ranking"][0]["iso3"] == "UKR"
    assert later["data_year"] == 2026
    assert later["ranking"][0]["iso3"] == "KAZ"


def test_the_table_shows_contributions_and_missing_inputs():
    result = run("--date", "2024-06-01")
    assert result.returncode == 0, result.stderr
    assert "contributions in index points" in result.stdout
    assert "gas_import_share_russia" in result.stdout
    assert "-0.000" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "soon"), "error: argument '--date'"),
        (("--data-year", "3"), "error: --data-year"),
    ],
)
def test_bad_arguments_give_a_one_line_error(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr
