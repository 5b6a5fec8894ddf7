"""The frontier model: Russia-NATO land border, buffers, the Suwalki corridor and Kaliningrad."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postsoviet import PostsovietError, load_world
from postsoviet.errors import ModelInputError
from postsoviet.models.frontier import frontier
from postsoviet.scenarios.shocks import merge_actors

WORLD = load_world()
ACTORS = sorted(set(WORLD.actors["iso3"]) - {"RUS"})
# CIA World Factbook land boundaries (borders.csv): Russia-Estonia 324, Russia-Latvia 332,
# Russia-Norway 191, Kaliningrad-Lithuania 261, Kaliningrad-Poland 209, Russia-Finland 1,309;
# Belarus-Lithuania 640, Belarus-Latvia 161, Belarus-Poland 375.
BEFORE_FINLAND = 324 + 332 + 191 + 261 + 209
FINLAND = 1309
BELARUS_NATO = 640 + 161 + 375


def pairs(result):
    return sorted((s.territory, s.b, s.km) for s in result.segments)


def test_the_2021_frontier_is_the_baltic_states_norway_and_kaliningrad():
    result = frontier(WORLD, "2021-06-01")
    assert result.nato_land_border_km == BEFORE_FINLAND == 1317
    assert pairs(result) == [
        ("RUS", "EST", 324),
        ("RUS", "LVA", 332),
        ("RUS", "NOR", 191),
        ("kaliningrad", "LTU", 261),
        ("kaliningrad", "POL", 209),
    ]
    assert all(s.a == "RUS" for s in result.segments)


def test_finlands_accession_adds_1309_km_from_its_first_day():
    """Finland joined NATO on 2023-04-04 (memberships.csv)."""
    assert frontier(WORLD, "2023-04-03").nato_land_border_km == BEFORE_FINLAND
    assert frontier(WORLD, "2023-04-04").nato_land_border_km == BEFORE_FINLAND + FINLAND
    assert frontier(WORLD, "2023-04-05").nato_land_border_km == 2626


def test_swedens_accession_adds_no_land_border():
    assert (
        frontier(WORLD, "2024-03-08").nato_land_border_km
        == frontier(WORLD, "2024-03-06").nato_land_border_km
    )


def test_merging_belarus_adds_its_borders_with_lithuania_latvia_and_poland():
    merged = merge_actors(WORLD, "BLR", "RUS", "2024-03-08")
    result = frontier(merged, "2024-03-08")
    assert result.nato_land_border_km == BEFORE_FINLAND + FINLAND + BELARUS_NATO == 3802


def test_buffer_states_by_date_and_scenario():
    assert frontier(WORLD, "2021-06-01").buffer_states == ("AZE", "BLR", "FIN", "GEO", "UKR")
    assert frontier(WORLD, "2023-04-05").buffer_states == ("AZE", "BLR", "GEO", "UKR")
    merged = merge_actors(WORLD, "BLR", "RUS", "2024-03-08")
    assert frontier(merged, "2024-03-08").buffer_states == ("AZE", "GEO", "UKR")


def test_the_suwalki_corridor_is_flanked_by_russia_only_after_belarus_is_merged():
    baseline = frontier(WORLD, "2024-03-08").suwalki
    assert baseline.km == 100
    assert [(e.territory, e.state) for e in baseline.ends] == [
        ("BLR", "BLR"),
        ("kaliningrad", "RUS"),
    ]
    assert not baseline.flanked_by_bloc
    merged = frontier(merge_actors(WORLD, "BLR", "RUS", "2024-03-08"), "2024-03-08").suwalki
    assert [e.state for e in merged.ends] == ["RUS", "RUS"]
    assert merged.flanked_by_bloc


def test_kaliningrad_borders_only_nato_members_since_2004():
    """Lithuania and Poland: NATO members from 2004-03-29 and 1999-03-12."""
    neighbours = frontier(WORLD, "2021-06-01").kaliningrad
    assert [(n.state, n.km, n.nato) for n in neighbours] == [("LTU", 261, True), ("POL", 209, True)]
    assert frontier(WORLD, "2021-06-01").to_dict()["kaliningrad"]["surrounded_by_nato"]
    assert not frontier(WORLD, "2003-06-01").to_dict()["kaliningrad"]["surrounded_by_nato"]


def test_to_dict_opens_with_the_documented_keys():
    shape = frontier(WORLD, "2021-06-01").to_dict()
    assert list(shape)[:4] == ["date", "nato_land_border_km", "segments", "buffer_states"]
    assert shape["date"] == "2021-06-01"
    assert all(list(s)[:3] == ["a", "b", "km"] for s in shape["segments"])


def test_segments_df_sums_to_the_total():
    result = frontier(WORLD, "2024-03-08")
    assert result.segments_df()["km"].sum() == result.nato_land_border_km


def test_an_unknown_bloc_is_an_error_naming_the_argument():
    with pytest.raises(ModelInputError, match="argument 'bloc'"):
        frontier(WORLD, "2021-06-01", bloc="SUN")


def test_a_bad_date_is_an_error_naming_the_argument():
    with pytest.raises(PostsovietError, match="argument 'on'"):
        frontier(WORLD, "yesterday-ish")


def nato_km(world, state, on):
    borders = world.borders
    nato = world.members("NATO", on) - {state}
    return borders[(borders["a_state"] == state) & borders["b_state"].isin(nato)]["km"].sum()


days = st.sampled_from(["2003-06-01", "2015-01-01", "2021-06-01", "2023-04-05", "2024-03-08"])


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ACTORS), days)
def test_merging_a_state_adds_exactly_its_nato_border_less_any_it_shared_with_russia(state, on):
    """Invariant: L' = L + (state's border with NATO) - (Russia's border with state if NATO)."""
    before = frontier(WORLD, on).nato_land_border_km
    after = frontier(merge_actors(WORLD, state, "RUS", on), on).nato_land_border_km
    lost = 0.0
    if state in WORLD.members("NATO", on):
        borders = WORLD.borders
        lost = borders[(borders["a_state"] == "RUS") & (borders["b_state"] == state)]["km"].sum()
    assert after == pytest.approx(before + nato_km(WORLD, state, on) - lost)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ACTORS), days)
def test_merging_a_state_without_nato_neighbours_leaves_the_border_unchanged(state, on):
    if state in WORLD.members("NATO", on) or nato_km(WORLD, state, on) > 0:
        return
    before = frontier(WORLD, on).nato_land_border_km
    assert frontier(merge_actors(WORLD, state, "RUS", on), on).nato_land_border_km == before


def test_a_merger_can_create_a_buffer_state():
    """Moldova merged into Russia in 2003 makes Romania (NATO only from 2004) a buffer state."""
    assert "ROU" not in frontier(WORLD, "2003-06-01").buffer_states
    merged = merge_actors(WORLD, "MDA", "RUS", "2003-06-01")
    assert "ROU" in frontier(merged, "2003-06-01").buffer_states
