"""The World: tidy views, date semantics, overlays, immutability."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet import PostsovietError, load_world
from postsoviet.errors import UnknownActorError

FORMER_SOVIET = {"RUS", "BLR", "UKR", "MDA", "EST", "LVA", "LTU", "GEO", "ARM", "AZE"}
FORMER_SOVIET |= {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
OUTSIDE = {"NOR", "POL", "FIN", "SWE", "DEU", "FRA", "GBR", "USA", "CHN", "TUR", "IRN"}


def test_world_holds_the_required_actors(world):
    actors = world.actors.set_index("iso3")["group"]
    assert set(actors.index) >= FORMER_SOVIET
    assert set(actors.index) >= OUTSIDE
    assert set(actors[actors == "former_soviet"].index) == FORMER_SOVIET


def test_attributes_are_a_long_table_with_the_documented_columns(world):
    attributes = world.attributes
    assert list(attributes.columns[:6]) == ["iso3", "year", "variable", "value", "unit", "source"]
    required = {"population", "gdp_usd", "milex_usd", "ethnic_russian_share"}
    assert required <= set(attributes["variable"])


def test_member_on_the_day_of_joining_and_after_not_before(world):
    assert "FIN" not in world.members("NATO", on="2023-04-03")
    assert "FIN" in world.members("NATO", on="2023-04-04")
    assert "FIN" in world.members("NATO", on="2023-04-05")
    assert "SWE" not in world.members("NATO", on="2024-03-06")
    assert "SWE" in world.members("NATO", on="2024-03-07")


def test_not_a_member_on_the_day_after_leaving(world):
    left = world.memberships.query("iso3 == 'GBR' and organization == 'EU' and status == 'member'")
    last_day = left["left"].iloc[0]
    assert "GBR" in world.members("EU", on=last_day - pd.Timedelta(days=1))
    assert "GBR" not in world.members("EU", on=last_day)
    assert "GBR" not in world.members("EU", on=last_day + pd.Timedelta(days=1))


def test_members_returns_a_frozenset_of_iso3(world):
    union_state = world.members("UNION_STATE", on="2022-07-01")
    assert isinstance(union_state, frozenset)
    assert union_state == {"RUS", "BLR"}


def test_georgia_left_the_cis(world):
    assert "GEO" in world.members("CIS", on="2008-01-01")
    assert "GEO" not in world.members("CIS", on="2010-01-01")


def test_unknown_organisation_is_a_clear_error(world):
    with pytest.raises(PostsovietError, match="unknown organisation 'WARSAW'"):
        world.members("WARSAW", on="1980-01-01")


def test_world_at_a_date_keeps_what_held_that_day(world):
    then = world.at("2021-06-30")
    assert then.date == pd.Timestamp("2021-06-30")
    full = then.memberships.query("organization == 'NATO' and status == 'member'")
    assert "FIN" not in set(full["iso3"])
    assert then.attributes["year"].max() <= 2021
    assert (then.leaders["took_office"] <= pd.Timestamp("2021-06-30")).all()
    assert set(then.votes["resolution"]) == {"68/262"}
    assert then.members("NATO") == world.members("NATO", on="2021-06-30")


def test_heads_of_state_follow_successions(world):
    before = world.heads_of_state("2022-03-01").set_index("iso3")["name"]
    after = world.heads_of_state("2022-03-20").set_index("iso3")["name"]
    assert before["TKM"] != after["TKM"]
    assert "Berdimuhamedov" in before["TKM"]
    assert "Serdar" in after["TKM"]


def test_attribute_gives_latest_value_up_to_a_year(world):
    population_2021 = world.attribute("population", year=2021)
    latest = world.attribute("population")
    assert population_2021.attrs["year"]["KAZ"] == 2021
    assert latest.attrs["year"]["KAZ"] > 2021
    assert population_2021["RUS"] > 1e8


def test_unknown_variable_is_a_clear_error(world):
    with pytest.raises(PostsovietError, match="unknown variable 'gdp'"):
        world.attribute("gdp")


def test_kaliningrad_is_a_region_of_russia_on_the_border_table(world):
    borders = world.borders
    lithuania = borders[(borders["a"] == "LTU") & (borders["b_state"] == "RUS")]
    assert list(lithuania["b"]) == ["kaliningrad"]
    assert not ((borders["a"] == "RUS") & (borders["b"] == "LTU")).any()


def test_every_border_is_listed_from_both_sides_with_one_length(world):
    borders = world.borders.set_index(["a", "b"])["km"]
    for (a, b), km in borders.items():
        assert borders[(b, a)] == km


def test_votes_have_dates_and_allowed_values(world):
    votes = world.votes
    assert list(votes.columns[:5]) == ["resolution", "date", "iso3", "vote", "source"]
    assert set(votes["vote"]) <= {"yes", "no", "abstain", "absent"}
    assert {"68/262", "ES-11/1", "ES-11/3", "ES-11/4", "ES-11/6"} <= set(votes["resolution"])
    es11_1 = votes[votes["resolution"] == "ES-11/1"].set_index("iso3")["vote"]
    assert es11_1["RUS"] == "no"
    assert es11_1["BLR"] == "no"
    assert es11_1["UKR"] == "yes"


def test_tables_cannot_be_changed_through_the_world(world):
    attributes = world.attributes
    attributes["value"] = 0
    assert (world.attributes["value"] != 0).any()


def test_facts_name_their_sources(world):
    facts = world.facts("KAZ")
    assert {"attribute", "membership", "UNGA vote", "land border", "leader"} <= set(facts["topic"])
    assert (facts["source"] != "").all()
    sourced = facts[facts["source"] != "judgment"]
    assert sourced["url"].str.startswith("http").all()


def test_unknown_actor_is_a_clear_error(world):
    with pytest.raises(UnknownActorError, match="unknown actor 'XYZ'"):
        world.facts("XYZ")


def test_overlay_replaces_a_row_with_the_same_key(write_folder):
    folder = write_folder(
        {
            "attributes.csv": "iso3,year,variable,value,unit,source,note\n"
            "KAZ,2021,population,1000,persons,judgment,test override\n"
        }
    )
    overlaid = load_world(folder)
    assert overlaid.attribute("population", year=2021)["KAZ"] == 1000
    assert overlaid.attribute("population", year=2021)["RUS"] > 1e8


def test_overlay_can_add_an_actor(write_folder):
    folder = write_folder(
        {
            "actors.csv": "iso3,name,group,source\nMNG,Mongolia,neighbour,iso3166_m49\n",
            "attributes.csv": "iso3,year,variable,value,unit,source,note\n"
            "MNG,2021,population,3000000,persons,judgment,test value\n",
        }
    )
    overlaid = load_world(folder)
    assert "MNG" in set(overlaid.actors["iso3"])
    assert overlaid.attribute("population", year=2021)["MNG"] == 3_000_000


def test_summary_has_one_row_per_actor(world):
    summary = world.summary("2022-07-01")
    assert len(summary) == len(world.actors)
    belarus = summary.set_index("iso3").loc["BLR"]
    assert "UNION_STATE" in belarus["memberships"].split()
    assert "Lukashenko" in belarus["head_of_state"]


def test_bad_date_argument_is_a_clear_error(world):
    with pytest.raises(PostsovietError, match="expected an ISO date"):
        world.at("yesterday")


def test_with_tables_returns_a_changed_copy(world):
    borders = world.borders
    without_kaliningrad = borders[(borders["a"] != "kaliningrad") & (borders["b"] != "kaliningrad")]
    changed = world.with_tables(borders=without_kaliningrad.drop(columns=["a_state", "b_state"]))
    assert "kaliningrad" not in set(changed.borders["a"])
    assert "kaliningrad" in set(world.borders["a"])


def test_with_tables_rejects_an_unknown_table(world):
    with pytest.raises(PostsovietError, match="unknown table 'bordres'"):
        world.with_tables(bordres=world.borders)
