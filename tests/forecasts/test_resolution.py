"""Quantities resolve from the world's history on hand-checked cases from the data files."""

from __future__ import annotations

import pytest
from resolving import D, outcome

from postsoviet.forecasts.quantities import QUANTITIES
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import facts_of


@pytest.mark.parametrize(
    ("name", "asked_on", "raw", "expected"),
    [
        # memberships.csv: FIN joined NATO 2023-04-04, SWE 2024-03-07
        ("membership.starts", "2022-07-15", {"actor": "FIN", "org": "NATO", "by": "2023-12-31"}, True),
        ("membership.starts", "2022-07-15", {"actor": "SWE", "org": "NATO", "by": "2023-12-31"}, False),
        ("membership.holds", "2022-07-15", {"actor": "SWE", "org": "NATO", "on": "2024-03-07"}, True),
        ("membership.holds", "2022-07-15", {"actor": "SWE", "org": "NATO", "on": "2024-03-06"}, False),
        # UKR EU applicant 2022-02-28 to 2022-06-23, then candidate
        ("membership.ends", "2022-03-01", {"actor": "UKR", "org": "EU", "status": "applicant", "by": "2022-12-31"}, True),
        ("membership.ends", "2022-03-01", {"actor": "UKR", "org": "EU", "status": "any", "by": "2022-12-31"}, False),
        ("membership.starts", "2024-01-01", {"actor": "ARM", "org": "CSTO", "status": "frozen", "by": "2024-12-31"}, True),
        # leaders.csv: Tokayev from 2019-03-20; Putin back 2012-05-07
        ("leader.changes", "2019-01-01", {"actor": "KAZ", "by": "2019-12-31"}, True),
        ("leader.changes", "2020-01-01", {"actor": "KAZ", "by": "2024-12-31"}, False),
        ("leader.holds", "2010-01-01", {"actor": "RUS", "person": "vladimir putin", "on": "2012-05-07"}, True),
        # Putin acting from 1999-12-31, elected from 2000-05-07: one tenure, no change in 2000
        ("leader.changes", "2000-01-01", {"actor": "RUS", "by": "2000-12-31"}, False),
        ("leader.changes", "1999-06-01", {"actor": "RUS", "by": "1999-12-31"}, True),
        # defence ministers: Belousov follows Shoigu on 2024-05-14; Khrenin in Belarus since 2020
        ("leader.changes", "2022-07-15", {"actor": "RUS", "office": "defence_minister", "by": "2025-12-31"}, True),
        ("leader.changes", "2022-07-15", {"actor": "RUS", "office": "defence_minister", "by": "2024-05-01"}, False),
        ("leader.holds", "2022-07-15", {"actor": "RUS", "person": "Sergei Shoigu", "on": "2024-01-01"}, True),
        ("leader.changes", "2022-07-15", {"actor": "BLR", "office": "defence_minister", "by": "2025-12-31"}, False),
        # sanctions.csv: EU 8th package 2022-10-06 (energy)
        ("sanctions.new", "2022-07-15", {"sender": "EU", "target": "RUS", "scope": "energy", "by": "2022-12-31"}, True),
        # OFAC designations on Belarus of 2023-03-24; none between 2022-07-15 and 2023-03-23
        ("sanctions.new", "2022-07-15", {"sender": "USA", "target": "BLR", "by": "2024-12-31"}, True),
        ("sanctions.new", "2022-07-15", {"sender": "USA", "target": "BLR", "by": "2023-03-23"}, False),
        # region_control.csv: Kherson left bank held after 2022-11-11, Crimea since 2014
        ("control.holds", "2022-07-15", {"place": "UA-65", "controller": "RUS", "on": "2023-06-30"}, True),
        ("control.holds", "2013-01-01", {"place": "crimea", "controller": "RUS", "on": "2014-01-01"}, False),
        ("control.gains", "2023-01-01", {"place": "donetsk", "controller": "RUS", "by": "2023-12-31"}, True),
        # events.csv: Lithuania's transit restriction to Kaliningrad 2022-06-18
        ("event.occurs", "2022-01-01", {"kind": "transit_restriction", "actors": ["LTU"], "by": "2022-06-30"}, True),
        # ... and Gazprom's halt of Yamal transit through Poland (2022-05-12), none involving Estonia
        ("event.occurs", "2022-01-01", {"kind": "transit_restriction", "actors": ["POL"], "by": "2022-12-31"}, True),
        ("event.occurs", "2022-01-01", {"kind": "transit_restriction", "actors": ["EST"], "by": "2022-12-31"}, False),
        # Gazprom's halt of gas to Finland (2022-05-21) is a gas cut-off, and so a transit restriction
        ("event.occurs", "2022-01-01", {"kind": "transit_restriction", "actors": ["FIN"], "by": "2022-12-31"}, True),
        ("event.occurs", "2022-01-01", {"kind": "transit_restriction", "actors": ["FIN"], "tags": ["oil"], "by": "2022-12-31"}, False),
        # UCDP 2022: RUS and UKR on two sides; RUS and KAZ both on the government's side in the
        # Central African Republic (sides "FRA;KAZ;...;RUS;...|"): no clash between them
        ("event.occurs", "2022-01-01", {"kind": "armed_clash", "actors": ["RUS", "UKR"], "by": "2022-12-31"}, True),
        ("event.occurs", "2022-01-01", {"kind": "armed_clash", "actors": ["RUS", "KAZ"], "by": "2022-12-31"}, False),
        ("event.occurs", "2022-01-01", {"kind": "armed_clash", "actors": ["KAZ"], "by": "2022-12-31"}, True),
    ],
)  # fmt: skip
def test_outcome_matches_the_data(world, name, asked_on, raw, expected):
    assert outcome(world, name, asked_on, **raw) is expected


def test_share_and_series_values(world):
    assert (
        outcome(
            world, "control.share", "2022-01-01", place="kherson", controller="RUS", on="2022-12-01"
        )
        == 0.73
    )
    assert (
        outcome(
            world, "control.share", "2022-01-01", place="UA-43", controller="RUS", on="2020-01-01"
        )
        == 1.0
    )
    value = outcome(world, "series.value", "2022-01-01", series="territory_held_share", subject="UKR", counterpart="RUS", period="2022-09-30")  # fmt: skip
    assert value == pytest.approx(0.194)


def test_a_window_the_world_does_not_cover_is_undecided(world):
    vintage = world.known_on("2022-07-15")
    quantity = QUANTITIES["membership.starts"]
    args = quantity.parse({"actor": "SWE", "org": "NATO", "by": "2023-12-31"}, D("2022-07-15"))
    assert quantity.outcome(facts_of(vintage), args) is None


def test_a_settlement_not_in_the_gazetteer_is_unanswerable(world):
    with pytest.raises(q.UnanswerableError, match="gazetteer"):
        q.normalised(facts_of(world), {"place": "UKR:Atlantis"})


@pytest.mark.parametrize(
    ("asked", "recorded", "same"),
    [
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Aliaksandr Lukashenka", "Alexander Lukashenko", True),
        ("Heydar Aliyev", "Ilham Aliyev", False),
        ("Serdar Berdimuhamedov", "Gurbanguly Berdimuhamedov", False),
    ],
)
def test_people_are_matched_across_transliterations(asked, recorded, same):
    assert q.same_person(asked, recorded) is same


def test_organisation_and_office_aliases(world):
    assert outcome(world, "membership.holds", "2022-01-01", actor="BLR", org="Union State", on="2022-01-01")  # fmt: skip
    assert outcome(world, "leader.changes", "2019-01-01", actor="KAZ", office="president", by="2019-12-31")  # fmt: skip


def test_an_organisation_the_world_does_not_record_is_unanswerable(world):
    with pytest.raises(q.UnanswerableError, match="not an organisation"):
        q.normalised(facts_of(world), {"org": "ASEAN"})
