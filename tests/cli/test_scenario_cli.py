"""``postsoviet scenario`` through the real console script."""

from __future__ import annotations

import json


def test_scenario_list_names_the_builtins(postsoviet):
    result = postsoviet("scenario", "list", "--json")
    assert result.returncode == 0, result.stderr
    names = [row["name"] for row in json.loads(result.stdout)]
    assert names[0] == "baseline"
    assert len(names) == 7


def test_scenario_show_lists_the_shocks(postsoviet):
    result = postsoviet("scenario", "show", "essay-belarus", "--json")
    assert result.returncode == 0, result.stderr
    shocks = json.loads(result.stdout)["shocks"]
    assert shocks[-1] == {"kind": "merge", "date": "2030-01-01", "absorbed": "BLR", "into": "RUS"}


def test_scenario_run_json_has_results_and_baseline(postsoviet):
    result = postsoviet("scenario", "run", "essay-eastern-flank", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["scenario"] == "essay-eastern-flank"
    assert (
        report["results"]["frontier"]["nato_land_border_km"]
        > (report["baseline"]["frontier"]["nato_land_border_km"])
    )


def test_scenario_run_table_marks_what_changed(postsoviet):
    result = postsoviet("scenario", "run", "essay-eastern-flank")
    assert result.returncode == 0, result.stderr
    assert "frontier.nato_land_border_km" in result.stdout
    assert "yes" in result.stdout


def test_a_users_scenario_file_runs(postsoviet, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: mine\ndescription: Belarus merged early\nstart: 2026-12-01\nhorizon: 2028-12-31\n"
        "shocks:\n  - {kind: merge, date: 2027-01-01, absorbed: BLR, into: RUS}\n",
        encoding="utf-8",
    )
    result = postsoviet("scenario", "run", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"] == "mine"


def test_validate_reports_a_typo_with_file_shock_and_field(postsoviet, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(
        "name: typo\ndescription: x\nstart: 2026-12-01\nhorizon: 2028-12-31\n"
        "shocks:\n  - {kind: merge, date: 2027-01-01, absorbed: BLR, ino: RUS}\n",
        encoding="utf-8",
    )
    result = postsoviet("scenario", "validate", str(path))
    assert result.returncode == 1
    assert f"{path}, field 'shocks[1].ino': unknown field of a merge shock" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_accepts_a_builtin_file(postsoviet):
    from postsoviet.scenarios.files import BUILTIN_DIR

    result = postsoviet("scenario", "validate", str(BUILTIN_DIR / "essay-ukraine.yaml"))
    assert result.returncode == 0, result.stderr
    assert "is valid (6 shocks)" in result.stdout
