"""The world and data commands, run through the real ``postsoviet`` console script."""

from __future__ import annotations

import json

import pytest
from cli_runner import run_on_terminal, run_postsoviet

from postsoviet.cli.facts import number

run = run_postsoviet


def test_world_prints_a_table_of_the_actors():
    result = run("world")
    assert result.returncode == 0, result.stderr
    assert "Kazakhstan" in result.stdout
    assert "head of state" in result.stdout


def test_world_json_lists_every_actor_as_of_a_date():
    result = run("world", "--date", "2021-06-30", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    by_iso3 = {row["iso3"]: row for row in rows}
    assert len(by_iso3) >= 26
    assert "NATO" not in by_iso3["FIN"]["memberships"].split()
    assert by_iso3["RUS"]["population"] > 1e8


def test_world_show_lists_facts_with_sources():
    result = run("world", "show", "KAZ", "--json")
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert all(fact["source"] for fact in facts)
    assert any(fact["topic"] == "membership" and fact["fact"] == "CSTO" for fact in facts)


def test_world_show_on_a_narrow_terminal_keeps_urls_whole_and_formats_numbers():
    code, shown, errors = run_on_terminal("world", "show", "KAZ", stream="stdout", columns=80)
    assert code == 0, errors
    text = shown.decode()
    gdp = (
        "https://github.com/datasets/gdp/blob/822019c80142c162e4ca4eb1a63699ae36075078/data/gdp.csv"
    )
    assert f"econ_gh_gdp: {gdp}" in text
    assert "https://data..." not in text
    assert "197112255361.0" not in text
    assert "197.1 bn USD" in text  # GDP 2021
    assert "19,743,603" in text  # population 2021
    assert "15.5%" in text  # the ethnic Russian share, a fraction


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("197112255361.0", "USD", "197.1 bn USD"),
        ("2257115447000.0", "m3", "2,257 bn m3"),
        ("19743603.0", "persons", "19,743,603 persons"),
        ("0.1554", "fraction", "15.5%"),
        ("23.0", "score_0_100", "23 of 100"),
        ("1234.5678", "km", "1,235 km"),
        ("Islam", "text", "Islam"),
        ("1765 km", "", "1765 km"),
    ],
)
def test_a_facts_number_is_shown_with_separators_and_its_unit(value, unit, shown):
    assert number(value, unit) == shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("world", "show", "XYZ"), "error: unknown actor 'XYZ'"),
        (("world", "--date", "2021-13-01"), "error: argument '--date': expected an ISO date"),
    ],
)
def test_bad_arguments_get_one_line_and_no_traceback(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_data_check_passes_a_good_folder(tmp_path):
    (tmp_path / "attributes.csv").write_text(
        "iso3,year,variable,value,unit,source,note\nKAZ,2021,population,1,persons,judgment,test\n"
    )
    result = run("data", "check", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "no problems found" in result.stdout


def test_data_check_reports_every_problem_and_fails(tmp_path):
    (tmp_path / "attributes.csv").write_text(
        "iso3,year,variable,value,unit,source,note\n"
        "XYZ,2021,population,1,persons,judgment,test\n"
        "KAZ,2021,ethnic_russian_share,1.5,fraction,judgment,test\n"
    )
    result = run("data", "check", str(tmp_path), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(2, "iso3"), (3, "value")]


def test_broken_overlay_on_world_reports_file_and_row(tmp_path):
    (tmp_path / "borders.csv").write_text("a,b,km,source,note\nARM,KGZ,10,judgment,test\n")
    result = run("world", "--data", str(tmp_path))
    assert result.returncode == 1
    assert "borders.csv, row 2" in result.stderr
    assert "listed one way only" in result.stderr
    assert "Traceback" not in result.stderr


def test_world_known_on_shows_what_the_vintage_holds_back():
    result = run("world", "--known-on", "2022-07-15", "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["known_on"] == "2022-07-15"
    held = {row["table"]: row for row in shown["held_back"]}
    assert held["attributes"]["known_later"] > 0
    assert held["region_control"]["ends_censored"] > 0
    assert {row["iso3"] for row in shown["summary"]} >= {"RUS", "KAZ"}


def test_world_known_on_and_date_together_is_an_error():
    result = run("world", "--known-on", "2022-07-15", "--date", "2022-07-15")
    assert result.returncode == 2
    assert "expected one of --date or --known-on" in result.stderr


def test_data_leaks_json_is_empty_for_the_embedded_world():
    result = run("data", "leaks", "--cutoff", "2022-07-15", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["cutoff"] == "2022-07-15"
    assert report["leaks"] == []
    assert "data/models/attrition_weights.csv:weight_milex" in report["hindsight"]


def test_data_leaks_with_a_bad_cutoff_is_a_one_line_error():
    result = run("data", "leaks", "--cutoff", "2022-13-01")
    assert result.returncode == 2
    assert "argument '--cutoff'" in result.stderr
