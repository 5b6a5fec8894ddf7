"""Revised values: a second row of the same fact with a later known_from, picked by the cutoff."""

from __future__ import annotations

import pandas as pd

from postsoviet import load_world

REVISED = (
    "iso3,year,variable,value,unit,source,note,known_from\n"
    "RUS,2021,population,150000000,persons,judgment,A made-up revision for the test,2024-03-01\n"
)


def _population(world) -> float:
    table = world.attributes
    row = table[
        (table["iso3"] == "RUS") & (table["year"] == 2021) & (table["variable"] == "population")
    ]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def test_a_revision_replaces_the_value_from_its_known_from_day(write_folder) -> None:
    world = load_world(write_folder({"attributes.csv": REVISED}))
    original = _population(load_world())
    assert _population(world) == 150000000
    assert _population(world.known_on("2024-02-29")) == original
    assert _population(world.known_on("2024-03-01")) == 150000000


def test_a_stated_known_from_overrides_the_rule(write_folder) -> None:
    """A fact stated as known later than its rule says is withheld until that day."""
    late = (
        "iso3,year,variable,value,unit,source,note,known_from\n"
        "KAZ,1990,population,1,persons,judgment,A made-up late fact,2025-01-01\n"
    )
    world = load_world(write_folder({"attributes.csv": late}))
    table = world.known_on("2024-06-30").attributes
    fact = (table["iso3"] == "KAZ") & (table["year"] == 1990) & (table["variable"] == "population")
    assert not fact.any()
    assert (world.attributes["known_from"] == pd.Timestamp("2025-01-01")).any()
