"""The bad-input corpus, by family (CSV, YAML, dates, sizes, paths, markup, JSON): each case runs the
real command (in this process) and reads the one line the user gets. Cases that need the world are
checked at the reader where the command would spend seconds loading it first."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import invoke, refused
from postsoviet.data.read import read_folder
from postsoviet.errors import DataError
from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.run import scenario_problems

ACTORS_HEADER = "actor,capability,position,salience\n"
ACTORS = ACTORS_HEADER + "A,1,0,50\nB,1,10,50\nC,2,5,20\n"
HEAD = "name: bad\ndescription: x\nstart: 2022-07-01\nhorizon: 2030-12-31\n"
BIG = 128 * 1024 + 1


def _file(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join([*lines, "name: *a9"]) + "\n"


# --- CSV: bargaining and alignment inputs, through the real command -----------------------------

BARGAIN_CSV = {
    "extra cells": (ACTORS + "D,1,2,3,4\n", "row 5: has 5 cells: expected 4 like the header"),
    "duplicated column": (
        "actor,capability,position,salience,position\nA,1,0,50,1\n",
        "row 1, field 'position': is duplicated in the header",
    ),
    "field over 128 KiB": (
        ACTORS_HEADER + f'"{"x" * BIG}",1,0,50\n',
        "row 2: is not valid CSV: a field is over 131,072 characters",
    ),
    "float overflow": (
        ACTORS_HEADER + "A,1e400,0,50\nB,1,1,50\n",
        "row 2, field 'capability': expected a number, got '1e400'",
    ),
    "not UTF-8": (
        ACTORS.encode() + b"\xff\xfe,1,1,1\n",
        "row 5: is not UTF-8 text (byte 64: invalid start byte)",
    ),
    "too many actors": (
        ACTORS_HEADER + "".join(f"A{i},1,{i},50\n" for i in range(2000)),
        "holds 2,000 actors: expected at most 200",
    ),
}


@pytest.mark.parametrize("case", sorted(BARGAIN_CSV))
def test_bargain_input(tmp_path, case):
    text, message = BARGAIN_CSV[case]
    path = _file(tmp_path, "actors.csv", text.encode() if isinstance(text, str) else text)
    line = refused("bargain", str(path), "--json")
    assert line.startswith(f"error: {path}"), line
    assert message in line


def test_bargain_input_is_not_a_pipe(tmp_path):
    path = _fifo(tmp_path, "actors.csv")
    line = refused("bargain", str(path))
    assert line == (
        f"error: {path}: is not a regular file (a pipe, device or socket): expected a file"
    )


def test_bargain_input_with_a_byte_order_mark_is_read():
    path = Path(__file__).parent / "actors_bom.csv"
    outcome = invoke("bargain", str(path), "--json", "--model", "mean")
    assert outcome.code == 0, outcome.stderr


def test_align_input_with_extra_cells(tmp_path):
    actors = _file(tmp_path, "actors.csv", "actor,size\nA,1\nB,2,3\n")
    pairs = _file(tmp_path, "pairs.csv", "actor_a,actor_b,propensity\nA,B,1\n")
    line = refused("align", "--actors", str(actors), "--propensities", str(pairs))
    assert line == f"error: {actors}, row 3: has 3 cells: expected 2 like the header"


# --- CSV: data overlays (--data DIR) ------------------------------------------------------------


def test_data_overlay_pipe_is_refused_by_the_command(tmp_path):
    folder = tmp_path / "overlay"
    folder.mkdir()
    _fifo(folder, "actors.csv")
    outcome = invoke("data", "check", str(folder))
    assert outcome.code == 1 and outcome.exception is None
    assert f"{folder}/actors.csv: is not a regular file" in outcome.stdout


OVERLAY = {
    "device": (None, "is not a regular file (a pipe, device or socket): expected a file"),
    "field over 128 KiB": (
        f'iso3,name,group,source\nXXX,"{"n" * BIG}",g,s\n',
        "row 2: is not valid CSV: a field is over 131,072 characters",
    ),
    "extra cells": ("iso3,name,group,source\nXXX,n,g,s,extra\n", "row 2: has 5 cells"),
    "duplicated column": (
        "iso3,name,group,source,name\n",
        "row 1, field 'name': is duplicated in the header",
    ),
    "NUL byte": ("iso3,name,group,source\nXXX,n\x00,g,s\n", "row 2: holds a NUL character"),
}


@pytest.mark.parametrize("case", sorted(OVERLAY))
def test_data_overlay_file(tmp_path, case):
    text, message = OVERLAY[case]
    folder = tmp_path / "overlay"
    folder.mkdir()
    if text is None:
        (folder / "actors.csv").symlink_to("/dev/zero")
    else:
        _file(folder, "actors.csv", text)
    _, problems = read_folder(folder, complete=False, label_prefix="overlay/")
    assert [str(p) for p in problems if message in str(p)], [str(p) for p in problems]


# --- YAML: scenario and targets files, through the real command ----------------------------------

SCENARIO_YAML = {
    "billion laughs": (_bomb(), "row 1: expands to over 100,000 values through its aliases"),
    "deep nesting": (HEAD + "shocks: " + "[" * 3000 + "]" * 3000 + "\n", "nests deeper than 50"),
    "recursive alias": ("name: &a [*a]\n", "an alias refers to itself"),
    "duplicated key": (HEAD + "name: again\n", "row 5, field 'name': is duplicated"),
    "list as a key": (HEAD + "? [a, b]\n: 1\n", "a list or map is used as a key"),
    "huge integer": (HEAD + "parameters:\n  x: " + "9" * 5000 + "\n", "over 4,300 digits"),
    "over 1 MiB": (HEAD + "#" * 2**20 + "\n", "bytes: expected at most 1,048,576"),
    "not YAML": (HEAD + "shocks: [\n", "is not valid YAML"),
}


@pytest.mark.parametrize("case", sorted(SCENARIO_YAML))
def test_scenario_file(tmp_path, case):
    text, message = SCENARIO_YAML[case]
    path = _file(tmp_path, "bad.yaml", text)
    line = refused("scenario", "validate", str(path))
    assert line.startswith(f"error: {path}"), line
    assert message in line


def test_scenario_pipe(tmp_path):
    path = _fifo(tmp_path, "bad.yaml")
    assert "is not a regular file" in refused("scenario", "validate", str(path))


def test_targets_file_bomb(tmp_path):
    path = _file(tmp_path, "targets.yaml", _bomb())
    line = refused("forecast", str(path))
    assert line == (
        f"error: targets file '{path}', row 1: expands to over 100,000 values through its aliases"
    )


SCHEMA = {
    "list where a name is expected": (
        "shocks:\n  - {kind: merge, date: 2027-01-01, absorbed: [BLR], into: RUS}\n",
        "field 'shocks[1].absorbed': expected an actor's ISO3 code, got ['BLR']",
    ),
    "map as a kind": (
        "shocks:\n  - {kind: {a: 1}, date: 2027-01-01}\n",
        "field 'shocks[1].kind': unknown kind {'a': 1}",
    ),
    "NaN parameter": (
        "parameters:\n  next_direction.cost.ukraine: .nan\n",
        "field 'parameters.next_direction.cost.ukraine': expected a finite number >= 0, got nan",
    ),
    "infinite amount": (
        "shocks:\n  - {kind: aid, date: 2027-01-01, recipient: UKR, donor: USA, usd: .inf}\n",
        "field 'shocks[1].usd': expected a finite number >= 0, got inf",
    ),
    "negative parameter": (
        "parameters:\n  next_direction.cost.ukraine: -2\n",
        "expected a finite number >= 0, got -2",
    ),
    "NaN area share": (
        "shocks:\n  - {kind: control, date: 2027-01-01, region: crimea, controller: UKR, "
        "area_share: .nan}\n",
        "field 'shocks[1].area_share': expected a finite number >= 0, got nan",
    ),
    "integer past a float": (
        "parameters:\n  next_direction.cost.ukraine: " + "9" * 400 + "\n",
        "expected a finite number >= 0, got 9999",
    ),
}
APPLIED = {
    "unknown parameter": (
        "parameters:\n  next_direction.cost.mars: 2\n",
        "field 'parameters.next_direction.cost.mars': unknown parameter",
    ),
    "leaving an organisation the state is not in": (
        "shocks:\n  - {kind: membership, date: 2027-01-01, iso3: UKR, organization: CSTO, "
        "action: leave}\n",
        "field 'shocks[1]': membership shock: UKR holds no running 'member' period in CSTO",
    ),
    "merging a state already merged": (
        "shocks:\n  - {kind: merge, date: 2027-01-01, absorbed: BLR, into: RUS}\n"
        "  - {kind: merge, date: 2028-01-01, absorbed: BLR, into: KAZ}\n",
        "field 'shocks[2]': argument 'absorbed': 'BLR' was already merged into RUS",
    ),
}


@pytest.mark.parametrize("case", sorted(SCHEMA))
def test_scenario_schema(tmp_path, world, case):
    text, message = SCHEMA[case]
    path = _file(tmp_path, "bad.yaml", HEAD + text)
    with pytest.raises(DataError) as caught:
        load_scenario(path, world)
    assert message in str(caught.value)


@pytest.mark.parametrize("case", sorted(APPLIED))
def test_scenario_that_does_not_apply(tmp_path, world, case):
    text, message = APPLIED[case]
    path = _file(tmp_path, "bad.yaml", HEAD + text)
    problems = scenario_problems(world, load_scenario(path, world), label=str(path))
    assert any(message in str(p) for p in problems), [str(p) for p in problems]


def test_scenario_validate_reports_a_shock_the_world_refuses(tmp_path):
    path = _file(tmp_path, "bad.yaml", HEAD + APPLIED["merging a state already merged"][0])
    assert refused("scenario", "validate", str(path)) == (
        f"error: {path}, field 'shocks[2]': argument 'absorbed': 'BLR' was already merged into RUS"
    )


# --- Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["01/02/2021", "2021", "now", "2021-02-30", "2021-1-2"])
def test_date_option_is_iso_only(text):
    assert refused("directions", "--date", text) == (
        f"error: argument '--date': expected an ISO date YYYY-MM-DD, got '{text}'"
    )


def test_a_date_past_the_data_is_warned_about(world, capsys):
    from postsoviet.cli.common import day_or_today

    day_or_today("2099-01-01", world)
    assert capsys.readouterr().err.startswith("warning: --date 2099-01-01 is after the latest data")


# --- Sizes and ranges ----------------------------------------------------------------------------

SIZES = {
    ("attrition", "--draws", "100000000"): (
        "error: option '--draws': expected an integer from 1 to 1,000,000, got 100,000,000"
    ),
    ("attrition", "--horizon", "100000"): (
        "error: option '--horizon': expected an integer from 1,991 to 2,200, got 100,000"
    ),
    ("attrition", "--seed", "-1"): (
        "error: option '--seed': expected an integer from 0 to 2**64 - 1, got -1"
    ),
    ("directions", "--cost", "ukraine=inf"): (
        "error: option '--cost': ukraine: expected a finite factor above 0 and at most 1e+06, "
        "got inf"
    ),
    ("directions", "--cost", "ukraine=nan"): (
        "error: option '--cost': ukraine: expected a finite factor above 0 and at most 1e+06, "
        "got nan"
    ),
    ("scenario", "run", "baseline", "--samples", "0"): (
        "error: option '--samples': expected an integer from 1 to 100,000, got 0"
    ),
    ("sensitivity", "baseline", "--samples", "1000000000"): (
        "error: option '--samples': expected an integer from 1 to 100,000, got 1,000,000,000"
    ),
    ("bargain", "--list", "--rounds", "1000000"): (
        "error: option '--rounds': expected an integer from 0 to 100, got 1,000,000"
    ),
    ("report", "--samples", "-5"): (
        "error: option '--samples': expected an integer from 1 to 100,000, got -5"
    ),
}


@pytest.mark.parametrize("args", sorted(SIZES), ids=" ".join)
def test_size_is_refused_before_any_work(args):
    assert refused(*args) == SIZES[args]


# --- Paths ---------------------------------------------------------------------------------------


def test_report_out_does_not_follow_a_symlink(tmp_path):
    victim = _file(tmp_path, "victim.txt", "keep me")
    link = tmp_path / "report.html"
    link.symlink_to(victim)
    line = refused("report", "--out", str(link))
    assert line == (
        f"error: output '{link}' is a symbolic link: expected a plain file name "
        "(refusing to follow it)"
    )
    assert victim.read_text() == "keep me"


def test_forecast_out_is_not_a_folder(tmp_path):
    targets = _file(tmp_path, "targets.yaml", "[]\n")
    line = refused("forecast", str(targets), "--out", str(tmp_path))
    assert line == f"error: output '{tmp_path}' exists and is not a regular file"


def test_forecast_out_in_a_missing_folder(tmp_path):
    targets = _file(tmp_path, "targets.yaml", "targets: []\n")
    out = tmp_path / "missing" / "out.json"
    line = refused("forecast", str(targets), "--out", str(out))
    assert line == f"error: output '{out}': cannot be written (No such file or directory)"


def test_a_folder_given_as_a_scenario_file(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert refused("scenario", "validate", str(folder)).endswith("is a folder: expected a file")


# --- Markup and control characters ---------------------------------------------------------------

NAMES = ("[/bold]", "[link=https://example.org]x[/link]", "\x1b[31mred\x1b[0m", "bell\x07")


def test_names_with_markup_or_escapes_are_shown_as_text(tmp_path):
    rows = "".join(f'"{name}",1,{i},50\n' for i, name in enumerate(NAMES))
    path = _file(tmp_path, "actors.csv", ACTORS_HEADER + rows)
    outcome = invoke("bargain", str(path), "--model", "mean")
    assert outcome.code == 0 and outcome.exception is None, outcome.stderr
    assert "[/bold]" in outcome.stdout
    assert "[link=https://example.org]x[/link]" in outcome.stdout
    assert "\x1b" not in outcome.stdout and "\x07" not in outcome.stdout
    assert "red" in outcome.stdout


def test_an_error_naming_escapes_is_one_clean_line(tmp_path):
    path = _file(tmp_path, "actors.csv", ACTORS_HEADER + "A,\x1b[2Jx\nline,0,50\n")
    line = refused("bargain", str(path))
    assert "\x1b" not in line


# --- JSON ----------------------------------------------------------------------------------------


def _strict(text: str) -> object:
    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def test_numbers_near_the_float_limit_are_refused(tmp_path):
    path = _file(tmp_path, "actors.csv", ACTORS_HEADER + "A,1e308,0,50\nB,1,10,50\n")
    assert refused("bargain", str(path), "--json") == (
        f"error: {path}, row 2, field 'capability': expected a number of size at most 1e+12, "
        "got '1e308'"
    )


def test_render_dumps_writes_null_for_numbers_json_lacks():
    from postsoviet.cli.render import dumps

    text = dumps({"a": float("nan"), "b": [float("inf"), -float("inf"), 1.5]})
    assert _strict(text) == {"a": None, "b": [None, None, 1.5]}


OVERLAY_RULES = {
    "two heads of state at once": (
        "leaders.csv",
        "iso3,office,took_office,name,born,left_office,source,note\n"
        "RUS,head_of_state,2020-01-01,Someone Else,,,soc_cia_factbook,\n",
        "leaders.csv, row 2, field 'took_office': overlaps",
    ),
    "zero population": (
        "attributes.csv",
        "iso3,year,variable,value,unit,source,note,known_from\n"
        "RUS,2020,population,0,persons,soc_cia_factbook,,\n",
        "attributes.csv, row 2, field 'value': expected population >= 1, got 0",
    ),
}


@pytest.mark.parametrize("case", sorted(OVERLAY_RULES))
def test_data_overlay_rule(tmp_path, case):
    from postsoviet.data import check_folder

    name, text, message = OVERLAY_RULES[case]
    folder = tmp_path / "overlay"
    folder.mkdir()
    _file(folder, name, text)
    problems = [str(p) for p in check_folder(folder)]
    assert any(message in p for p in problems), problems


# --- Bugs ----------------------------------------------------------------------------------------


def test_an_unexpected_exception_is_one_line_and_exit_3(monkeypatch):
    import postsoviet.cli.directions as command

    def broken(items):
        raise ValueError("first line\nsecond line")

    monkeypatch.setattr(command, "parse_cost_factors", broken)
    outcome = invoke("directions")
    assert (outcome.code, outcome.exception) == (3, None)
    assert outcome.stderr == (
        "error: internal error (ValueError: first line second line); please report it "
        "(POSTSOVIET_DEBUG=1 shows the traceback)\n"
    )
