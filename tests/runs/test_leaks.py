"""The leak audit: no model reads a row known after its cutoff, and the audit can see one."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet import load_world
from postsoviet.data.integration_ladder import read_ladder_stages
from postsoviet.data.model_weights import read_model_weights
from postsoviet.models.attrition import parameters_from, project_attrition
from postsoviet.models.integration_ladder import ladder_as_of
from postsoviet.runs.leaks import leak_report, table_leaks

# A territory figure and a sanctions package about days before 2024-01-15, first known after it.
LATE_SERIES = (
    "series,subject,counterpart,date,value,unit,source,note,known_from\n"
    "territory_held_km2,UKR,RUS,2023-11-01,300000,km2,judgment,Made up for the test,2024-06-01\n"
)
LATE_SANCTIONS = (
    "id,date,sender,target,name,scope,source,note,known_from\n"
    "late_pkg,2023-12-01,EU,BLR,Made-up package,comprehensive,judgment,Made up for the test,"
    "2024-03-01\n"
)
CUTOFF = "2024-01-15"


@pytest.mark.parametrize("cutoff", ["2015-06-30", "2022-07-15", "2024-01-15"])
def test_no_model_reads_a_row_known_after_the_cutoff(world, cutoff):
    report = leak_report(world, cutoff)
    assert report["cutoff"] == cutoff
    assert report["leaks"] == []
    assert any(model["answered"] for model in report["models"])


def test_the_audit_sees_rows_a_world_at_the_cutoff_would_leak(world):
    """``World.at`` keeps facts by the day they describe: SIPRI's 2022 figures on 2022-07-15."""
    day = pd.Timestamp("2022-07-15")
    leaks = table_leaks(world.at(day), {"attributes", "region_control"}, day)
    tables = {leak["table"] for leak in leaks}
    assert tables == {"attributes"} or tables == {"attributes", "region_control"}
    assert any(leak["key"]["variable"] == "milex_usd" for leak in leaks)


def test_a_fact_known_after_the_cutoff_changes_no_forecast(world, write_folder):
    overlaid = load_world(
        write_folder({"series.csv": LATE_SERIES, "sanctions.csv": LATE_SANCTIONS})
    )
    weights = read_model_weights("attrition").set_index("component")["weight"].to_dict()
    params = parameters_from(weights)
    ladder = read_model_weights("integration_ladder").set_index("component")["weight"].to_dict()
    stages = read_ladder_stages()
    for source in (world, overlaid):
        vintage = source.known_on(CUTOFF)
        path = project_attrition(vintage, params, horizon=2030, seed=3, draws=30).path
        chain = ladder_as_of(vintage, stages, ladder, horizon=2030).probabilities
        if source is world:
            expected = (path.to_csv(), chain.to_csv())
    assert (path.to_csv(), chain.to_csv()) == expected
    assert leak_report(overlaid, CUTOFF)["leaks"] == []
    full = project_attrition(overlaid, params, horizon=2030, seed=3, draws=30).path
    assert (
        full.to_csv()
        != project_attrition(world, params, horizon=2030, seed=3, draws=30).path.to_csv()
    )


def test_the_audit_sees_an_issue_snapshot_dated_after_the_cutoff():
    from postsoviet.data.issues import load_issue
    from postsoviet.runs.leaks import issue_leaks

    leaks = issue_leaks(load_issue("belarus-integration"), pd.Timestamp("2022-07-15"))
    assert {
        "table": "issues/belarus-integration/positions",
        "key": {"as_of": "2025-09-11"},
        "reason": "dated after the cutoff",
    } in leaks
