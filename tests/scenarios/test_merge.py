"""merge_actors: Belarus into Russia and the invariants of any merger."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postsoviet import PostsovietError, load_world
from postsoviet.errors import ShockError
from postsoviet.scenarios.shocks import merge_actors

WORLD = load_world()
ACTORS = sorted(WORLD.actors["iso3"])
DAY = "2024-03-08"


def km(world, a, b):
    borders = world.borders
    rows = borders[(borders["a"] == a) & (borders["b"] == b)]
    return rows["km"].sum() if not rows.empty else None


@pytest.fixture(scope="module")
def merged():
    return merge_actors(WORLD, "BLR", "RUS", DAY)


def test_the_internal_border_disappears(merged):
    assert km(WORLD, "RUS", "BLR") == 1312
    assert km(merged, "RUS", "BLR") is None
    assert km(merged, "RUS", "RUS") is None


def test_borders_with_a_common_third_state_are_summed(merged):
    """Factbook: Russia-Ukraine 1,944 km, Belarus-Ukraine 1,111 km, Russia-Latvia 332, Belarus-Latvia 161."""
    assert km(merged, "RUS", "UKR") == 1944 + 1111
    assert km(merged, "UKR", "RUS") == 1944 + 1111
    assert km(merged, "RUS", "LVA") == 332 + 161


def test_borders_of_the_absorbed_state_become_the_absorbers(merged):
    assert km(merged, "RUS", "POL") == 375
    assert km(merged, "LTU", "RUS") == 640
    assert not (merged.borders["a"] == "BLR").any()
    assert not (merged.borders["b"] == "BLR").any()


def test_a_region_border_of_the_absorber_stays_its_own_row(merged):
    assert km(merged, "kaliningrad", "LTU") == 261
    assert km(merged, "kaliningrad", "POL") == 209


def test_a_merged_border_keeps_its_sources_and_says_how_it_was_formed(merged):
    row = merged.borders.query("a == 'RUS' and b == 'UKR'").iloc[0]
    assert set(row["source"].split(";")) == {"geo_wfb_rus", "geo_wfb_ukr", "geo_wfb_blr"}
    assert "BLR merged into RUS on 2024-03-08" in row["note"]
    assert "1111" in row["note"]


def test_memberships_of_the_absorbed_state_end_on_the_day(merged):
    for organization in ("CSTO", "EAEU", "CIS", "UNION_STATE"):
        assert "BLR" in merged.members(organization, "2024-03-07")
        assert "BLR" not in merged.members(organization, DAY)


def test_memberships_that_would_start_later_are_dropped(merged):
    assert "BLR" in WORLD.members("SCO", "2025-01-01")
    assert "BLR" not in merged.members("SCO", "2025-01-01")
    assert "BLR" not in merged.members("SCO", "2025-01-01", status="observer")


def test_the_absorbers_memberships_do_not_change(merged):
    own = WORLD.memberships.query("iso3 == 'RUS'").reset_index(drop=True)
    after = merged.memberships.query("iso3 == 'RUS'").reset_index(drop=True)
    pd.testing.assert_frame_equal(own, after)


def test_the_absorbed_head_of_state_leaves_office_on_the_day(merged):
    assert "BLR" in set(merged.heads_of_state("2024-03-07")["iso3"])
    assert "BLR" not in set(merged.heads_of_state(DAY)["iso3"])
    assert "RUS" in set(merged.heads_of_state(DAY)["iso3"])


def test_actors_and_attributes_do_not_change(merged):
    pd.testing.assert_frame_equal(merged.actors, WORLD.actors)
    pd.testing.assert_frame_equal(merged.attributes, WORLD.attributes)


def test_the_given_world_is_left_unchanged():
    before = WORLD.borders
    merge_actors(WORLD, "BLR", "RUS", DAY)
    pd.testing.assert_frame_equal(WORLD.borders, before)


def test_regions_seas_and_belts_pass_to_the_absorber():
    merged = merge_actors(WORLD, "GEO", "RUS", DAY)
    assert merged.territory_states()["abkhazia"] == "RUS"
    belt = merged.region_members.query("region == 'black_sea_coast'")["member"]
    assert "GEO" not in set(belt)
    assert list(belt).count("RUS") == 1
    black_sea = merged.seas.query("sea == 'black_sea'").set_index("iso3")["coastline_km"]
    assert "GEO" not in black_sea.index
    assert pd.isna(black_sea["RUS"]), "Russia's Black Sea coastline is unknown, so is the sum"


def test_coastlines_are_added_on_a_shared_sea():
    """seas.csv: Kazakhstan 2,320 km and Russia 695 km of Caspian coast."""
    merged = merge_actors(WORLD, "KAZ", "RUS", DAY)
    caspian = merged.seas.query("sea == 'caspian_sea'").set_index("iso3")["coastline_km"]
    assert caspian["RUS"] == 2320 + 695
    assert "KAZ" not in caspian.index


def test_control_by_the_absorbed_state_passes_to_the_absorber_from_the_day():
    """Azerbaijan controls Nagorno-Karabakh from 2023-09-20 (region_control.csv)."""
    merged = merge_actors(WORLD, "AZE", "TUR", "2024-01-01")
    control = merged.region_control.query("region == 'nagorno_karabakh'")

    def controller(day):
        day = pd.Timestamp(day)
        held = control[
            (control["since"] <= day) & (control["until"].isna() | (day < control["until"]))
        ]
        return list(held["controller"])

    assert controller("2023-12-31") == ["AZE"]
    assert controller("2024-01-01") == ["TUR"]
    new = control[control["controller"] == "TUR"].iloc[0]
    assert new["source"] == "judgment"
    assert "AZE merged into TUR" in new["note"]


def test_backing_passes_to_the_absorber():
    merged = merge_actors(WORLD, "ARM", "RUS", "2021-01-01")
    control = merged.region_control.query("region == 'nagorno_karabakh'")
    on = pd.Timestamp("2022-01-01")
    held = control[(control["since"] <= on) & (control["until"].isna() | (on < control["until"]))]
    # the Armenian-backed authorities' period (Azerbaijan held the rest of the region then)
    backed = held[held["controller"] == "nagorno_karabakh"]
    assert list(backed["backer"]) == ["RUS"]
    assert set(held["controller"]) == {"nagorno_karabakh", "AZE"}


@pytest.mark.parametrize(
    ("absorbed", "into", "on", "argument"),
    [
        ("XXX", "RUS", DAY, "absorbed"),
        ("BLR", "YYY", DAY, "into"),
        ("RUS", "RUS", DAY, "absorbed"),
        ("BLR", "RUS", "2024-13-01", "on"),
    ],
)
def test_bad_arguments_are_errors_naming_the_argument(absorbed, into, on, argument):
    with pytest.raises(PostsovietError, match=f"argument '{argument}'"):
        merge_actors(WORLD, absorbed, into, on)


def test_an_unknown_actor_is_a_shock_error():
    with pytest.raises(ShockError, match="unknown actor 'XXX'"):
        merge_actors(WORLD, "XXX", "RUS", DAY)


pairs = st.tuples(st.sampled_from(ACTORS), st.sampled_from(ACTORS)).filter(lambda p: p[0] != p[1])


@settings(max_examples=40, deadline=None)
@given(pairs)
def test_total_border_length_falls_by_twice_the_internal_border(pair):
    absorbed, into = pair
    merged = merge_actors(WORLD, absorbed, into, DAY)
    borders = WORLD.borders
    internal = borders[
        borders["a_state"].isin(pair)
        & borders["b_state"].isin(pair)
        & (borders["a_state"] != borders["b_state"])
    ]["km"].sum()
    assert merged.borders["km"].sum() == pytest.approx(borders["km"].sum() - internal)


@settings(max_examples=40, deadline=None)
@given(pairs)
def test_borders_stay_symmetric_and_unique(pair):
    merged = merge_actors(WORLD, *pair, DAY).borders
    assert not merged.duplicated(["a", "b"]).any()
    forward = merged.set_index(["a", "b"])["km"]
    backward = merged.set_index(["b", "a"])["km"]
    backward.index = backward.index.set_names(["a", "b"])
    pd.testing.assert_series_equal(forward.sort_index(), backward.sort_index())


@settings(max_examples=40, deadline=None)
@given(pairs)
def test_the_absorber_borders_everything_either_bordered_but_itself(pair):
    absorbed, into = pair
    borders = WORLD.borders
    before = set(borders.loc[borders["a_state"].isin(pair), "b_state"]) - set(pair)
    merged = merge_actors(WORLD, absorbed, into, DAY).borders
    after = set(merged.loc[merged["a_state"] == into, "b_state"])
    assert after == before
    assert not (merged["a_state"] == absorbed).any()
