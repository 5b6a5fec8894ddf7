"""``postsoviet claims``: each claim with the scenario's and the baseline's value."""

from __future__ import annotations

import json


def test_claims_json_lists_every_claim_with_both_values(postsoviet):
    result = postsoviet("claims", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    ids = {row["id"] for row in rows}
    assert {"buffer-disappears", "kazakhstan-most-exposed", "push-redirects"} <= ids
    for row in rows:
        assert {"scenario_value", "baseline_value", "borne_out", "output"} <= set(row)


def test_claims_table_shows_the_verdicts(postsoviet):
    result = postsoviet("claims")
    assert result.returncode == 0, result.stderr
    assert "borne_out" in result.stdout
    assert "essay-eastern-flank" in result.stdout
    # each claim's kind is shown, and only tests get a verdict: the others show "-"
    assert "premise" in result.stdout or "construction" in result.stdout
    assert "test" in result.stdout
