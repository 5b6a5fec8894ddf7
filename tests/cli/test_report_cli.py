"""``postsoviet report``: writes one file and prints its path; bad options give one line."""

from __future__ import annotations

import json

DAY = "2026-06-01"


def test_report_writes_json_and_prints_its_path(postsoviet, tmp_path):
    out = tmp_path / "r.json"
    result = postsoviet(
        "report", "--format", "json", "--scenario", "baseline", "--date", DAY, "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out.resolve())
    assert "--samples" in result.stderr  # the one-line hint, and no sampling
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["date"] == DAY
    assert "uncertainty" not in data


def test_report_with_samples_adds_the_sampled_runs(postsoviet, tmp_path):
    out = tmp_path / "r.json"
    result = postsoviet(
        "report", "--format", "json", "--scenario", "baseline", "--samples", "10",
        "--date", DAY, "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    sampled = json.loads(out.read_text(encoding="utf-8"))["uncertainty"]
    assert (sampled["samples"], sampled["seed"], sampled["method"]) == (10, 0, "mc")
    assert [run["draws"] for run in sampled["runs"]] == [10]
    assert all(o["q05"] <= o["q50"] <= o["q95"] for o in sampled["outputs"])


def test_report_rejects_a_sample_count_below_one(postsoviet, tmp_path):
    result = postsoviet("report", "--samples", "0", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "error: option '--samples': expected an integer from 1 to 100,000, got 0"
    )


def test_report_rejects_an_unknown_format_in_one_line(postsoviet, tmp_path):
    result = postsoviet("report", "--format", "pdf", "--out", str(tmp_path / "r.pdf"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "error: option '--format': expected one of html, md, json, got 'pdf'"
    )


def test_report_names_an_unknown_scenario(postsoviet, tmp_path):
    result = postsoviet("report", "--scenario", "nowhere", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 2
    assert "unknown scenario 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_write_leaves_no_file_behind(tmp_path):
    """The report is written to a temporary file beside the target and renamed only when whole."""
    from postsoviet.cli.common import atomic_path

    target = tmp_path / "report.html"
    try:
        with atomic_path(target) as part:
            part.write_text("half", encoding="utf-8")
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    assert list(tmp_path.iterdir()) == []
    with atomic_path(target) as part:
        part.write_text("whole", encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert target.read_text(encoding="utf-8") == "whole"
    assert target.stat().st_mode & 0o777 == 0o644


def test_report_wants_targets_and_resolutions_together(postsoviet, tmp_path):
    result = postsoviet("report", "--targets", "t.yaml", "--out", str(tmp_path / "r.html"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: options '--targets' and '--resolutions': give both or neither"
    )
