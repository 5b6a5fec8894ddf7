"""Scenario files: the built-in ones load; a typo gets a clear error naming file, shock and field."""

from __future__ import annotations

import pytest

from postsoviet.errors import DataError, PostsovietError
from postsoviet.scenarios.files import builtin_names, load_scenario

HEAD = "name: test\ndescription: a test\nstart: 2027-01-01\nhorizon: 2030-12-31\n"


def write(tmp_path, text):
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path, world, text):
    with pytest.raises(DataError) as raised:
        load_scenario(write(tmp_path, text), world)
    return [(p.field, p.message) for p in raised.value.problems]


def test_builtin_scenarios_are_the_essays_impacts():
    assert builtin_names() == [
        "baseline",
        "essay-belarus",
        "essay-belarus-levers",
        "essay-eastern-flank",
        "essay-kazakhstan",
        "essay-redirect",
        "essay-ukraine",
    ]


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_scenario_loads(world, name):
    scenario = load_scenario(name, world)
    assert scenario.name == name
    assert scenario.start <= scenario.horizon
    assert all(scenario.start <= shock.date <= scenario.horizon for shock in scenario.shocks)


def test_shocks_are_sorted_by_date(world):
    scenario = load_scenario("essay-belarus", world)
    dates = [shock.date for shock in scenario.shocks]
    assert dates == sorted(dates)
    assert scenario.shocks[-1].kind == "merge"


def test_misspelt_shock_kind(tmp_path, world):
    text = HEAD + "shocks:\n  - {kind: merger, date: 2028-01-01, absorbed: BLR, into: RUS}\n"
    assert problems_of(tmp_path, world, text) == [
        (
            "shocks[1].kind",
            "unknown kind 'merger': expected one of ['aid', 'control', 'gas_price', "
            "'leader', 'loan', 'membership', 'merge', 'sanctions']",
        )
    ]


def test_misspelt_field_and_unknown_code_are_both_reported(tmp_path, world):
    text = HEAD + "shocks:\n  - {kind: merge, date: 2028-01-01, absorbd: BLR, into: RUSS}\n"
    problems = problems_of(tmp_path, world, text)
    assert (
        "shocks[1].absorbd",
        "unknown field of a merge shock: expected ['absorbed', 'into']",
    ) in problems
    assert ("shocks[1].absorbed", "is missing from the merge shock") in problems
    assert ("shocks[1].into", "expected an actor's ISO3 code, got 'RUSS'") in problems


def test_bad_date_and_share(tmp_path, world):
    text = HEAD + (
        "shocks:\n  - {kind: control, date: 2028-02-30, region: crimea, controller: UKR, "
        "area_share: 1.5}\n"
    )
    problems = problems_of(tmp_path, world, text)
    assert (
        "shocks[1].date",
        "expected an ISO date YYYY-MM-DD, got '2028-02-30'",
    ) in problems
    assert (
        "shocks[1].area_share",
        "expected a share in [0, 1], got 1.5",
    ) in problems


def test_shock_outside_the_scenario_window(tmp_path, world):
    text = HEAD + "shocks:\n  - {kind: merge, date: 2035-01-01, absorbed: BLR, into: RUS}\n"
    assert problems_of(tmp_path, world, text) == [
        ("shocks[1].date", "expected a date between start and horizon")
    ]


def test_merging_a_state_into_itself(tmp_path, world):
    text = HEAD + "shocks:\n  - {kind: merge, date: 2028-01-01, absorbed: BLR, into: BLR}\n"
    assert problems_of(tmp_path, world, text) == [
        ("shocks[1].into", "a state cannot merge into itself")
    ]


def test_missing_and_unknown_top_level_fields(tmp_path, world):
    problems = problems_of(tmp_path, world, "name: test\nhorizon: 2030-01-01\nshoks: []\n")
    assert (
        "shoks",
        "unknown field: expected one of ['name', 'description', 'start', "
        "'horizon', 'shocks', 'parameters']",
    ) in problems
    assert ("start", "is missing") in problems
    assert ("description", "is missing") in problems


def test_yaml_tags_cannot_run_code(tmp_path, world):
    text = HEAD + "shocks: !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(DataError, match="is not valid YAML"):
        load_scenario(write(tmp_path, text), world)


def test_broken_yaml_names_the_line(tmp_path, world):
    with pytest.raises(DataError) as raised:
        load_scenario(write(tmp_path, HEAD + "shocks: [\n"), world)
    assert raised.value.problems[0].row is not None


def test_unknown_scenario_name(world):
    with pytest.raises(PostsovietError, match="unknown scenario 'essay-mars'"):
        load_scenario("essay-mars", world)
