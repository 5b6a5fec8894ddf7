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
    assert json.loads(out.read_text(encoding="utf-8"))["date"] == DAY


def test_report_says_samples_are_not_used_yet(postsoviet, tmp_path):
    out = tmp_path / "r.md"
    result = postsoviet(
        "report", "--format", "md", "--scenario", "baseline", "--samples", "50",
        "--date", DAY, "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "--samples 50" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("# postsoviet")


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
