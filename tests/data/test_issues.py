"""The essay's issues as data: loading the embedded files, and every validation rule on a broken copy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from postsoviet.data.issues import check_issues, list_issues, load_issue
from postsoviet.errors import DataError, PostsovietError

ISSUES = ("belarus-integration", "ukraine-settlement", "kazakhstan-alignment")

VALID = {
    "issues.csv": "id,title,question\ntoy,A toy issue,How far: 0 none 100 all\n",
    "sources.csv": (
        "id,title,publisher,url,published,accessed,note\n"
        "toy_src,A report,A publisher,https://example.org/report,2024-01-02,,\n"
    ),
    "toy/scale.csv": (
        "point,label,meaning,source,note\n"
        "0,none,Nothing,judgment,Definition\n"
        "50,half,Half,toy_src,\n"
        "100,all,Everything,judgment,Definition\n"
    ),
    "toy/history.csv": "date,point,status,source,note\n2020-01-01,50,Half way,toy_src,\n",
    "toy/positions.csv": (
        "as_of,actor,variable,value,source,note\n"
        "2024-01-02,RUS,position,80,toy_src,\n"
        "2024-01-02,RUS,salience,90,judgment,Matters a lot\n"
        "2024-01-02,BLR,position,40,toy_src,\n"
        "2024-01-02,BLR,salience,95,judgment,Matters most\n"
        "2025-06-01,RUS,position,70,toy_src,\n"
        "2025-06-01,RUS,salience,90,judgment,Matters a lot\n"
        "2025-06-01,BLR,position,45,toy_src,\n"
        "2025-06-01,BLR,salience,95,judgment,Matters most\n"
    ),
}


def write_issues(root: Path, files: dict[str, str]) -> Path:
    folder = root / "issues"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def replace(name: str, old: str, new: str) -> Callable[[dict[str, str]], dict[str, str]]:
    def edit(files: dict[str, str]) -> dict[str, str]:
        assert old in files[name]
        return {**files, name: files[name].replace(old, new)}

    return edit


def append(name: str, line: str) -> Callable[[dict[str, str]], dict[str, str]]:
    return lambda files: {**files, name: files[name] + line}


def test_embedded_issues_have_no_problems():
    assert check_issues() == []


def test_list_issues_names_the_three_issues_with_their_snapshots():
    issues = list_issues()
    assert list(issues["id"]) == list(ISSUES)
    snapshots = dict(zip(issues["id"], issues["snapshots"], strict=True))
    assert snapshots["belarus-integration"] == "2020-02-17;2025-09-11"


@pytest.mark.parametrize("issue_id", ISSUES)
def test_each_issue_has_named_ends_cited_sources_and_a_snapshot(issue_id):
    issue = load_issue(issue_id)
    assert issue.scale["point"].iloc[0] == 0
    assert issue.scale["point"].iloc[-1] == 100
    assert issue.scale["point"].is_monotonic_increasing
    assert issue.history["date"].is_monotonic_increasing
    cited = {i for s in issue.positions["source"] for i in s.split(";")} - {"judgment"}
    assert cited <= set(issue.sources["id"])
    assert len(issue.snapshot()) >= 2


def test_snapshot_is_the_latest_on_or_before_the_date(tmp_path):
    issue = load_issue("toy", folder=write_issues(tmp_path, VALID))
    assert issue.snapshots == (dt.date(2024, 1, 2), dt.date(2025, 6, 1))
    latest = issue.snapshot()
    assert latest.attrs["as_of"] == dt.date(2025, 6, 1)
    assert list(latest.columns) == ["actor", "position", "salience"]
    assert latest.set_index("actor")["position"].to_dict() == {"RUS": 70.0, "BLR": 45.0}
    earlier = issue.snapshot(dt.date(2025, 5, 31))
    assert earlier.attrs["as_of"] == dt.date(2024, 1, 2)
    assert list(earlier["actor"]) == ["RUS", "BLR"]


def test_snapshot_before_the_first_names_the_known_ones(tmp_path):
    issue = load_issue("toy", folder=write_issues(tmp_path, VALID))
    with pytest.raises(
        PostsovietError, match="no positions on or before 2023-12-31; its snapshots"
    ):
        issue.snapshot(dt.date(2023, 12, 31))


def test_nearest_point_takes_the_lower_label_on_a_tie(tmp_path):
    issue = load_issue("toy", folder=write_issues(tmp_path, VALID))
    assert issue.nearest_point(60) == "half"
    assert issue.nearest_point(75) == "half"
    assert issue.nearest_point(76) == "all"


def test_scale_dict_lists_the_named_points(tmp_path):
    scale = load_issue("toy", folder=write_issues(tmp_path, VALID)).scale_dict()
    assert (scale["min"], scale["max"]) == (0.0, 100.0)
    assert [p["label"] for p in scale["points"]] == ["none", "half", "all"]


def test_unknown_issue_names_the_known_ones(tmp_path):
    with pytest.raises(PostsovietError, match="unknown issue 'narnia': expected one of toy"):
        load_issue("narnia", folder=write_issues(tmp_path, VALID))


def test_a_world_source_id_is_accepted(tmp_path):
    files = replace("toy/history.csv", ",toy_src,", ",mem_mfaby_eaeu,")(VALID)
    issue = load_issue("toy", folder=write_issues(tmp_path, files))
    assert "mem_mfaby_eaeu" in set(issue.sources["id"])


BROKEN = {
    "missing file": (
        lambda files: {k: v for k, v in files.items() if k != "toy/positions.csv"},
        "issues/toy/positions.csv: is missing",
    ),
    "missing column": (
        replace("toy/scale.csv", "point,label,meaning", "point,label,sense"),
        "issues/toy/scale.csv, row 1, field 'meaning': missing column",
    ),
    "unknown source": (
        replace("toy/history.csv", ",toy_src,", ",nobody_said,"),
        "issues/toy/history.csv, row 2, field 'source': unknown source 'nobody_said'",
    ),
    "judgment without reasoning": (
        replace("toy/positions.csv", "judgment,Matters most", "judgment,"),
        "issues/toy/positions.csv, row 5, field 'note': a 'judgment' row needs its reasoning",
    ),
    "position off the scale": (
        replace("toy/positions.csv", "RUS,position,80", "RUS,position,120"),
        "issues/toy/positions.csv, row 2, field 'value': expected a value on the scale 0-100, "
        "got 120",
    ),
    "negative salience": (
        replace("toy/positions.csv", "2024-01-02,RUS,salience,90", "2024-01-02,RUS,salience,-5"),
        "issues/toy/positions.csv, row 3, field 'value': expected a value on the scale 0-100",
    ),
    "history off the scale": (
        replace("toy/history.csv", "2020-01-01,50", "2020-01-01,101"),
        "issues/toy/history.csv, row 2, field 'point': expected a value on the scale 0-100",
    ),
    "scale without its upper end": (
        replace("toy/scale.csv", "100,all", "90,all"),
        "issues/toy/scale.csv, field 'point': expected a named point at 100",
    ),
    "unknown actor": (
        replace("toy/positions.csv", "2024-01-02,BLR", "2024-01-02,XYZ"),
        "issues/toy/positions.csv, row 4, field 'actor': unknown actor 'XYZ'",
    ),
    "actor without salience": (
        replace("toy/positions.csv", "2025-06-01,BLR,salience,95,judgment,Matters most\n", ""),
        "issues/toy/positions.csv, row 8, field 'variable': actor BLR on 2025-06-01: has no "
        "'salience' row",
    ),
    "one actor": (
        lambda files: {
            **files,
            "toy/positions.csv": "\n".join(files["toy/positions.csv"].splitlines()[:3]) + "\n",
        },
        "issues/toy/positions.csv, row 2, field 'actor': snapshot 2024-01-02: expected at least "
        "2 actors",
    ),
    "equal positions": (
        replace("toy/positions.csv", "2025-06-01,BLR,position,45", "2025-06-01,BLR,position,70"),
        "issues/toy/positions.csv, row 6, field 'value': snapshot 2025-06-01: every actor holds "
        "the same position (70)",
    ),
    "duplicate row": (
        append("toy/positions.csv", "2025-06-01,BLR,position,50,toy_src,\n"),
        "issues/toy/positions.csv, row 10: duplicate row",
    ),
    "bad date": (
        replace("toy/history.csv", "2020-01-01", "2020-13-01"),
        "issues/toy/history.csv, row 2, field 'date': expected an ISO date",
    ),
    "not a number": (
        replace("toy/positions.csv", "RUS,position,80", "RUS,position,lots"),
        "issues/toy/positions.csv, row 2, field 'value': expected a number, got 'lots'",
    ),
    "unknown variable": (
        replace("toy/positions.csv", "RUS,position,80", "RUS,capability,80"),
        "issues/toy/positions.csv, row 2, field 'variable': expected one of ['position', "
        "'salience']",
    ),
    "bad issue id": (
        lambda files: {**files, "issues.csv": files["issues.csv"] + "Bad Id,Bad,Bad\n"},
        "issues/issues.csv, row 3, field 'id': expected a lower-case id",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_rule_names_file_row_and_field(tmp_path, case):
    edit, message = BROKEN[case]
    folder = write_issues(tmp_path, edit(VALID))
    with pytest.raises(DataError) as raised:
        load_issue("toy", folder=folder)
    assert any(message in str(problem) for problem in raised.value.problems), [
        str(p) for p in raised.value.problems
    ]


def test_an_unlisted_issue_folder_is_a_problem(tmp_path):
    folder = write_issues(tmp_path, {**VALID, "stray/scale.csv": VALID["toy/scale.csv"]})
    messages = [str(p) for p in check_issues(folder=folder)]
    assert messages == [
        "issues/stray: is an issue folder not listed in issues.csv: expected a row for it"
    ]


def test_issue_as_known_keeps_snapshots_on_or_before_the_cutoff():
    from postsoviet.data.issues import issue_as_known

    issue = issue_as_known(load_issue("belarus-integration"), "2022-07-15")
    assert max(issue.snapshots) <= dt.date(2022, 7, 15)
    assert (issue.history["date"] <= dt.date(2022, 7, 15)).all()


def test_issue_as_known_before_every_snapshot_is_unanswered():
    from postsoviet.data.issues import issue_as_known

    with pytest.raises(PostsovietError, match="unanswered as of that day"):
        issue_as_known(load_issue("ukraine-settlement"), "2022-07-15")


def test_an_issue_is_read_again_when_its_files_change_and_each_load_is_a_copy(tmp_path):
    """Issues are parsed once per process for the same bytes of their files: a changed file is
    read again, and a caller changing its copy changes nobody else's."""
    folder = write_issues(tmp_path, VALID)
    first = load_issue("toy", folder=folder)
    first.history.loc[0, "point"] = 99.0
    assert load_issue("toy", folder=folder).history["point"].tolist() == [50.0]
    write_issues(tmp_path, replace("toy/history.csv", "2020-01-01,50", "2020-01-01,60")(VALID))
    assert load_issue("toy", folder=folder).history["point"].tolist() == [60.0]
    write_issues(tmp_path, replace("toy/history.csv", "2020-01-01,50", "2020-01-01,500")(VALID))
    with pytest.raises(DataError):
        load_issue("toy", folder=folder)
