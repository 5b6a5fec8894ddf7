"""World.known_on: a data vintage keeps what was known on the cutoff and censors later ends."""

from __future__ import annotations

import pandas as pd

from postsoviet import World
from postsoviet.data.vintage_rules import read_vintage_rules


def test_known_on_drops_rows_known_after_the_cutoff(world: World) -> None:
    """Annual figures of 2022 are not out on 2022-07-15; a figure set in advance of its year (a
    law's floor, vintage basis ``source``) is, once the law is published."""
    vintage = world.known_on("2022-07-15")
    assert (vintage.sanctions["date"] <= pd.Timestamp("2022-07-15")).all()
    in_advance = {r.variable for r in read_vintage_rules() if r.basis == "source"}
    assert in_advance == {"milex_floor_share_gdp_pct"}
    ahead = vintage.attributes["variable"].isin(in_advance)
    assert (vintage.attributes.loc[~ahead, "year"] <= 2021).all()
    assert (vintage.attributes.loc[ahead, "year"] > 2022).any()
    assert vintage.cutoff == pd.Timestamp("2022-07-15")


def test_known_on_censors_end_dates_after_the_cutoff(world: World) -> None:
    control = world.known_on("2022-07-15").region_control
    assert (control["until"].isna() | (control["until"] <= pd.Timestamp("2022-07-15"))).all()
    assert len(control) > 0


def test_known_on_keeps_history_before_the_cutoff(world: World) -> None:
    memberships = world.known_on("2022-07-15").memberships
    assert (memberships["left"].dropna() <= pd.Timestamp("2022-07-15")).all()
    assert memberships["left"].notna().any()


def test_sipri_figures_are_known_from_their_april_release(world: World) -> None:
    """SIPRI publishes year Y in April of Y+1: on 2022-07-15 the 2022 figure is not known."""
    milex = world.known_on("2022-07-15").attributes
    milex = milex[milex["variable"] == "milex_usd"]
    assert max(milex["year"]) == 2021
    later = world.known_on("2023-07-15").attributes
    assert 2022 in set(later[later["variable"] == "milex_usd"]["year"])


def test_votes_are_known_from_their_resolution_date(world: World) -> None:
    vintage = world.known_on("2022-03-01")
    assert set(vintage.votes["resolution"]) <= set(vintage.resolutions["resolution"])
    assert (vintage.votes["date"] <= pd.Timestamp("2022-03-01")).all()


def test_organizations_are_known_from_their_founding(world: World) -> None:
    codes = set(world.known_on("2010-01-01").organizations["code"])
    assert "CSTO" in codes
    assert "EAEU" not in codes


def test_census_shares_wait_two_years_after_the_census(world: World) -> None:
    """Region attributes of a 2021 census are not known on 2022-07-15 (vintage_rules.csv)."""
    regions = world.known_on("2022-07-15").region_attributes
    shares = regions[regions["variable"] == "ethnic_russian_share"]
    assert (shares["year"] <= 2020).all()


def test_every_kept_row_is_known_by_the_cutoff(world: World) -> None:
    vintage = world.known_on("2024-01-15")
    for name in ("attributes", "series", "memberships", "leaders", "region_attributes", "votes"):
        table = getattr(vintage, name)
        assert (table["known_from"] <= pd.Timestamp("2024-01-15")).all(), name
