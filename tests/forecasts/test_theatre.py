"""Gains cluster in a war's theatre: a controller's gains in one state's regions say little about
another state's, where it never held ground."""

from __future__ import annotations

import pandas as pd

from postsoviet.models.event_hazard import control_hazard, places
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


def test_a_place_belongs_to_its_state_de_jure(world):
    facts = facts_of(world.known_on(D("2022-07-15")))
    assert places.state_of(facts, "crimea") == "UKR"  # regions.de_jure
    assert places.state_of(facts, "north_kazakhstan") == "KAZ"
    assert places.state_of(facts, "kharkiv") == "UKR"  # an oblast of the gazetteer
    assert places.state_of(facts, "UKR:Izium") == "UKR"
    assert places.state_of(facts, "atlantis") == ""


def test_russias_gains_in_ukraine_do_not_spill_into_kazakhstan(world):
    """Mid-2022: Russia on the move in Donetsk oblast is very likely to gain more there, while
    northern Kazakhstan, where it never held ground, stays unlikely (it was 0.21 when every
    region shared Russia's rate off the move, 2022 gains in Ukraine included)."""
    facts = facts_of(world.known_on(D("2022-07-15")))
    kazakhstan = control_hazard._p_gains(facts, "north_kazakhstan", "RUS", 3.46, True)
    donetsk = control_hazard._p_gains(facts, "donetsk", "RUS", 3.46, True)
    assert kazakhstan < 0.03
    assert donetsk > 0.9
    # the same holds for Ukraine, which never held ground in Kazakhstan either
    assert control_hazard._p_gains(facts, "north_kazakhstan", "UKR", 3.46, True) < 0.03


def test_a_state_never_gained_in_is_counted_at_risk(world):
    """The state level of a controller with no record there: no gains over every region of the
    state, each observed from 1991."""
    facts = facts_of(world.known_on(D("2022-07-15")))
    levels = control_hazard._control_levels(facts, "north_kazakhstan", "RUS", 0)
    in_state = levels[2]
    assert in_state.events == 0 and in_state.years > 10


def test_a_side_driven_out_of_an_oblast_is_not_on_the_move_there(world):
    """Mid-2022: Russia took Dymer, Chornobyl and Slavutych in Kyiv oblast in February and March
    and left the oblast by 2 April; it is on the move in Donetsk oblast, where it still holds ground,
    and not in Kyiv oblast, so its gains there are far less likely."""
    day = D("2022-07-15")
    facts = facts_of(world.known_on(day))
    assert control_hazard.active(facts, "donetsk", "RUS", day)
    assert not control_hazard.active(facts, "UA-32", "RUS", day)
    assert control_hazard.active(facts, "UA-32", "RUS", D("2022-03-15"))
    kyiv = control_hazard._p_gains(facts, "UA-32", "RUS", 3.46, True)
    donetsk = control_hazard._p_gains(facts, "donetsk", "RUS", 3.46, True)
    assert kyiv < donetsk - 0.2


def test_a_region_with_its_own_record_is_not_lost_like_an_oblast_of_towns(world):
    """Mid-2022: Russia had left the Kyiv, Chernihiv and Sumy oblasts, each held while any of its
    listed towns was; it had lost no region with control periods of its own (an administration and
    a share). Donetsk oblast, held through the DPR since 2014, is pooled with the latter before its
    own record, so Russia keeps part of it to mid-2025 with a high probability (0.45 when pooled
    with the oblasts)."""
    day = D("2022-07-15")
    facts = facts_of(world.known_on(day))
    table = control_hazard.derived(facts, "control", control_hazard.control_history)
    band = control_hazard.band_of(facts, "donetsk", "RUS", day)
    state = ("UKR",)
    oblasts = control_hazard._band_level(
        facts, table, 1, band, "RUS", False, state, None, recorded=False
    )
    regions = control_hazard._band_level(
        facts, table, 1, band, "RUS", False, state, None, recorded=True
    )
    assert oblasts.events > 1 and regions.events == 0 and regions.years > 1
    args = {"place": "donetsk", "controller": "RUS", "on": D("2025-06-30")}
    assert control_hazard.p_control(facts, "control.holds", args, 2.96, True) > 0.6
