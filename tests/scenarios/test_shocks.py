"""Shocks other than the merge: each changes the world as documented and leaves the original alone."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.errors import ShockError
from postsoviet.scenarios import shocks
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.files import load_scenario

DAY = "2027-06-01"
TABLES = (
    "actors", "attributes", "leaders", "memberships", "votes", "borders", "seas", "regions",
    "region_members", "region_control", "region_attributes", "sanctions", "events", "series",
)  # fmt: skip


def test_a_scenario_without_shocks_equals_the_baseline_exactly(world):
    changed = apply_scenario(world, load_scenario("baseline", world))
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(changed, name), getattr(world, name))


def test_sanctions_shock_adds_a_package(world):
    changed = shocks.add_sanctions(world, on=DAY, sender="EU", target="BLR", scope="energy")
    added = changed.sanctions.iloc[-1]
    assert (added["sender"], added["target"], added["date"]) == ("EU", "BLR", pd.Timestamp(DAY))
    assert len(changed.sanctions) == len(world.sanctions) + 1
    assert added["source"] == "judgment"


def test_joining_makes_a_member_from_that_day(world):
    changed = shocks.change_membership(
        world, on=DAY, iso3="UKR", organization="NATO", action="join"
    )
    assert "UKR" not in changed.members("NATO", on="2027-05-31")
    assert "UKR" in changed.members("NATO", on=DAY)
    assert "UKR" not in world.members("NATO", on=DAY)


def test_leaving_ends_membership_on_that_day(world):
    changed = shocks.change_membership(
        world, on=DAY, iso3="ARM", organization="CSTO", action="leave"
    )
    assert "ARM" in changed.members("CSTO", on="2027-05-31")
    assert "ARM" not in changed.members("CSTO", on=DAY)


def test_leaving_what_one_is_not_in_is_an_error(world):
    with pytest.raises(ShockError, match="UKR holds no running 'member' period in CSTO"):
        shocks.change_membership(world, on=DAY, iso3="UKR", organization="CSTO", action="leave")


def test_freezing_keeps_membership_in_law(world):
    changed = shocks.change_membership(
        world, on=DAY, iso3="KAZ", organization="CSTO", action="freeze"
    )
    assert "KAZ" in changed.members("CSTO", on=DAY)
    assert "KAZ" in changed.members("CSTO", on=DAY, status="frozen")


def test_control_shock_ends_the_running_period(world):
    changed = shocks.change_control(
        world, on=DAY, region="north_kazakhstan", controller="RUS", area_share=1.0
    )
    control = changed.at(DAY).region_control.query("region == 'north_kazakhstan'")
    assert list(control["controller"]) == ["RUS"]
    before = changed.at("2027-05-31").region_control.query("region == 'north_kazakhstan'")
    assert list(before["controller"]) == ["KAZ"]


def test_control_shocks_on_one_day_for_two_regions_both_hold(world):
    once = shocks.change_control(world, on=DAY, region="kostanay", controller="RUS")
    twice = shocks.change_control(once, on=DAY, region="pavlodar", controller="RUS")
    held = twice.at(DAY).region_control.set_index("region")["controller"]
    assert (held["kostanay"], held["pavlodar"]) == ("RUS", "RUS")


@pytest.mark.parametrize(
    ("shock", "fields", "series", "subject", "counterpart", "unit"),
    [
        (shocks.add_aid, {"recipient": "UKR", "donor": "USA", "usd": 5e10}, "military_aid_usd", "UKR", "USA", "USD"),
        (shocks.set_gas_price, {"buyer": "BLR", "seller": "RUS", "usd_per_1000m3": 100.0}, "gas_import_price_usd_per_1000m3", "BLR", "RUS", "USD/1000m3"),
        (shocks.add_loan, {"borrower": "BLR", "lender": "RUS", "usd": 1e9}, "state_loan_usd", "BLR", "RUS", "USD"),
    ],
)  # fmt: skip
def test_series_shocks_add_a_dated_value(world, shock, fields, series, subject, counterpart, unit):
    changed = shock(world, on=DAY, **fields)
    row = changed.series.iloc[-1]
    assert (row["series"], row["subject"], row["counterpart"]) == (series, subject, counterpart)
    assert (row["date"], row["unit"]) == (pd.Timestamp(DAY), unit)
    assert row["value"] == next(v for v in fields.values() if isinstance(v, float))


def test_leader_shock_changes_the_head_of_state_and_records_the_succession(world):
    changed = shocks.change_leader(
        world, on=DAY, iso3="BLR", name="A successor", succession="hereditary"
    )
    heads = changed.heads_of_state(DAY).set_index("iso3")["name"]
    assert heads["BLR"] == "A successor"
    assert "Lukashenko" in changed.heads_of_state("2027-05-31").set_index("iso3").loc["BLR", "name"]
    event = changed.events.iloc[-1]
    assert (event["kind"], event["actors"]) == ("succession", "BLR")
    assert event["title"].startswith("hereditary succession")


def test_builtin_essay_scenarios_change_the_world(world):
    for name in ("essay-belarus", "essay-ukraine", "essay-kazakhstan", "essay-eastern-flank"):
        changed = apply_scenario(world, load_scenario(name, world))
        assert any(not getattr(changed, table).equals(getattr(world, table)) for table in TABLES), (
            name
        )
