"""``postsoviet data coverage``, run through the real console script."""

from __future__ import annotations

import json

from cli_runner import command

run = command("data", "coverage")


def test_json_gives_events_per_kind_and_source_and_the_tiers():
    result = run("--json")
    assert result.returncode == 0, result.stderr
    shape = json.loads(result.stdout)
    assert set(shape) == {
        "files",
        "tiers",
        "events_by_kind",
        "events_by_source",
        "missing_attributes",
    }
    events = next(f for f in shape["files"] if f["file"] == "events.csv")
    assert sum(k["rows"] for k in shape["events_by_kind"]) == events["rows"]
    assert {t["tier"] for t in shape["tiers"]} >= {"primary", "secondary", "tertiary"}


def test_the_tables_name_events_and_tiers():
    result = run()
    assert result.returncode == 0, result.stderr
    assert "Events by kind" in result.stdout
    assert "by tier" in result.stdout
