"""Levers become ordinary scenario data: shocks and parameters the scenario schema accepts."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.errors import DataError
from postsoviet.scenarios.spec import Codes, Scenario, Shock
from postsoviet.serve.levers import LEVER_DAY, lever_shocks, scenario_document, view_scenario

CODES = Codes(
    actors=frozenset({"BLR", "RUS", "UKR"}),
    regions=frozenset({"donetsk"}),
    organizations=frozenset({"EU"}),
)
BASE = Scenario(
    name="essay-test",
    description="A base with one shock in 2029.",
    start=pd.Timestamp("2026-12-01"),
    horizon=pd.Timestamp("2030-12-31"),
    shocks=(Shock("merge", pd.Timestamp("2029-01-01"), {"absorbed": "BLR", "into": "RUS"}),),
)
DAY = pd.Timestamp("2030-12-31")


def test_no_levers_leave_the_base_as_it_is():
    assert view_scenario(BASE, {}, DAY, CODES) == BASE


def test_a_base_shock_after_the_day_has_not_happened_yet():
    early = view_scenario(BASE, {}, pd.Timestamp("2028-06-30"), CODES)
    assert early.shocks == ()


def test_a_cost_lever_is_the_directions_parameter_and_names_the_view():
    scenario = view_scenario(BASE, {"cost.ukraine": 2.0, "cost.belarus": 1.0}, DAY, CODES)
    assert scenario.parameters == {"next_direction.cost.ukraine": 2.0}
    assert scenario.name == "essay-test-levers"


def test_aid_is_paid_at_each_year_end_up_to_the_day():
    shocks = lever_shocks({"aid": 10.0}, pd.Timestamp("2029-06-30"))
    assert [s["date"] for s in shocks] == ["2027-12-31", "2028-12-31"]
    assert {s["usd"] for s in shocks} == {10e9}


def test_a_merger_after_the_day_is_left_out():
    assert lever_shocks({"merger": 2031}, DAY) == []
    assert lever_shocks({"merger": 2029}, DAY)[0]["date"] == "2029-01-01"


def test_every_lever_together_makes_a_valid_scenario():
    values = {
        "gas": 120.0,
        "credit": 2.0,
        "aid": 5.0,
        "sanctions": "financial",
        "succession": "yes",
    }
    scenario = view_scenario(BASE, values, DAY, CODES)
    kinds = [s.kind for s in scenario.shocks]
    assert kinds.count("aid") == 4 and {"gas_price", "loan", "sanctions", "leader"} <= set(kinds)
    assert min(s.date for s in scenario.shocks) == LEVER_DAY


def test_a_lever_the_world_cannot_take_is_reported_by_the_schema():
    with pytest.raises(DataError, match="shocks"):
        view_scenario(
            BASE,
            {"aid": 5.0},
            DAY,
            Codes(frozenset({"BLR", "RUS"}), frozenset(), frozenset({"EU"})),
        )


def test_the_document_of_a_scenario_reads_back_as_the_same_scenario():
    scenario = view_scenario(BASE, {"gas": 120.0, "cost.ukraine": 3.0}, DAY, CODES)
    document = scenario_document(scenario)
    assert document["shocks"][0] == {
        "kind": "gas_price",
        "date": "2027-01-01",
        "buyer": "BLR",
        "seller": "RUS",
        "usd_per_1000m3": 120.0,
    }
    assert view_scenario(scenario, {}, DAY, CODES) == scenario
