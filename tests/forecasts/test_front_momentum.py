"""Momentum on the front: a settlement taken within months is lost more often than one held for
years (control_hazard.fresh, control_hazard.taken_lately), and one whose neighbour a side has just taken
is taken more often by it (control_hazard.pressed); a settlement's losses and gains are pooled by them,
and a two-sided settlement's loss is the other side's gain."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from postsoviet.models.event_hazard import control_hazard, hazard
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


def test_a_hold_is_fresh_for_months_after_a_capture(world):
    # settlement_control.csv: Russia took Izium on 2022-04-01; Donetsk city since 2014; Crimea's
    # towns from 2014; Ukraine's own towns from independence are where the record starts
    facts = facts_of(world.known_on(D("2022-07-15")))
    assert control_hazard.fresh(facts, "UKR:Izium", "RUS", D("2022-07-15"))
    assert not control_hazard.fresh(facts, "UKR:Izium", "RUS", D("2022-12-01"))  # not held then
    assert not control_hazard.fresh(facts, "UKR:Donetsk", "RUS", D("2022-07-15"))
    assert not control_hazard.fresh(facts, "UKR:Kharkiv", "UKR", D("2022-07-15"))
    later = facts_of(world.known_on(D("2023-01-15")))
    assert control_hazard.fresh(later, "UKR:Kherson", "UKR", D("2023-01-15"))  # retaken 2022-11-11


def _held_since(world, settlement: str, since: str):
    """The world with ``settlement``'s Russian period moved to start on ``since``."""
    rows = world.settlement_control.copy()
    mine = (rows["settlement"] == settlement) & (rows["controller"] == "RUS")
    before = (rows["settlement"] == settlement) & (rows["controller"] == "UKR")
    rows.loc[mine, "since"] = D(since)
    rows.loc[mine, "known_from"] = D(since)
    rows.loc[before & (rows["until"] > D(since)), "until"] = D(since)
    return world.with_tables(settlement_control=rows)


def test_a_fresh_hold_is_more_likely_to_be_lost(world):
    """Mid-2022: Izium, taken in April, is more likely lost within half a year than the same town
    would be had Russia held it since 2015 (the northern withdrawal of spring 2022 and the 2014
    losses of Sloviansk and Kramatorsk were all losses of fresh holds: Ukraine's gains of places
    taken lately)."""
    cutoff = D("2022-07-15")
    fresh = facts_of(world.known_on(cutoff))
    old = facts_of(_held_since(world, "UKR:Izium", "2015-01-01").known_on(cutoff))
    assert not control_hazard.fresh(old, "UKR:Izium", "RUS", cutoff)
    args = {"place": "UKR:Izium", "controller": "RUS"}
    p_fresh = control_hazard.p_control(fresh, "control.holds", args, 0.46, True)
    p_old = control_hazard.p_control(old, "control.holds", args, 0.46, True)
    assert p_fresh < p_old - 0.05


def test_a_town_is_taken_lately_while_the_other_side_holds_it_from_a_recent_gain(world):
    # settlement_control.csv: Russia took Izium on 2022-04-01; Ukraine has held Kharkiv throughout
    facts = facts_of(world.known_on(D("2022-07-15")))
    assert control_hazard.taken_lately(facts, "UKR:Izium", "UKR", D("2022-07-15"))
    assert not control_hazard.taken_lately(facts, "UKR:Izium", "RUS", D("2022-07-15"))
    assert not control_hazard.taken_lately(facts, "UKR:Izium", "UKR", D("2021-07-15"))
    assert not control_hazard.taken_lately(facts, "UKR:Kharkiv", "RUS", D("2022-07-15"))


@pytest.mark.parametrize(
    ("place", "holder", "taker"),
    [("UKR:Izium", "RUS", "UKR"), ("UKR:Kharkiv", "UKR", "RUS"), ("UKR:Bakhmut", "UKR", "RUS")],
)
def test_a_two_sided_settlement_is_lost_exactly_when_the_other_side_gains_it(
    world, place, holder, taker
):
    """Mid-2022, for each horizon: P(holder keeps it) = 1 - P(the other side takes it), from
    the base rate (pooled=False) as from the model; both come from the taker's gains."""
    facts = facts_of(world.known_on(D("2022-07-15")))
    for years in (0.25, 0.96, 2.5):
        for pooled in (True, False):
            keeps = control_hazard.p_control(
                facts, "control.holds", {"place": place, "controller": holder}, years, pooled
            )
            taken = control_hazard.p_control(
                facts, "control.gains", {"place": place, "controller": taker}, years, pooled
            )
            assert keeps == pytest.approx(1.0 - taken, abs=1e-12)
            assert 0.0 < taken < 1.0


def test_a_settlement_is_pressed_for_weeks_after_a_neighbour_falls(world):
    # settlement_control.csv: Russia took Soledar, about 10 km from Bakhmut, on 2023-01-12, and
    # Andriivka and Kurdiumivka on 2022-11-30; nothing near Bakhmut from August to mid-October 2022
    facts = facts_of(world.known_on(D("2023-01-15")))
    assert control_hazard.pressed(facts, "UKR:Bakhmut", "RUS", D("2023-01-15"))
    assert not control_hazard.pressed(facts, "UKR:Bakhmut", "UKR", D("2023-01-15"))
    assert not control_hazard.pressed(facts, "UKR:Bakhmut", "RUS", D("2022-10-15"))
    assert not control_hazard.pressed(facts, "UKR:Bakhmut", "RUS", D("2023-12-31"))
    assert not control_hazard.pressed(facts, "UKR:Lviv", "RUS", D("2023-01-15"))


def test_a_pressed_settlement_is_more_likely_to_be_taken(world):
    """January 2023: Bakhmut, three days after Soledar fell, is more likely taken by mid-2023 than
    it would be had Soledar fallen a year earlier (Andriivka and Kurdiumivka still press)."""
    cutoff = D("2023-01-15")
    rows = world.settlement_control.copy()
    soledar = rows["settlement"] == "UKR:Soledar"
    rows.loc[soledar & (rows["controller"] == "RUS"), "since"] = D("2022-01-12")
    rows.loc[soledar & (rows["controller"] == "RUS"), "known_from"] = D("2022-01-12")
    rows.loc[soledar & (rows["controller"] == "UKR"), "until"] = D("2022-01-12")
    rows.loc[soledar & (rows["controller"] == "UKR"), "since"] = D("1991-08-24")
    earlier = world.with_tables(settlement_control=rows)
    now = facts_of(world.known_on(cutoff))
    then = facts_of(earlier.known_on(cutoff))
    args = {"place": "UKR:Bakhmut", "controller": "RUS"}
    p_pressed = control_hazard.p_control(now, "control.gains", args, 0.46, True)
    p_quiet = control_hazard.p_control(then, "control.gains", args, 0.46, True)
    assert p_pressed > p_quiet + 0.05


def test_a_burst_dies_down_in_the_window(world):
    """A settlement's rate, read from the last year, is counted as decaying over the window: the
    window of t years counts BURST_YEARS (1 - exp(-t / BURST_YEARS)) years, so a long window adds
    little; a region's window and the base rate's (pooled=False) count whole. (Kramatorsk: within
    Russia's reach in July 2022; Kyiv, beyond it, is taken only in an opening, test_openings.py.)"""
    assert control_hazard._burst_years("UKR:Kyiv", 0.5, True) == pytest.approx(1 - math.exp(-0.5))
    assert control_hazard._burst_years("UKR:Kyiv", 10.0, True) < hazard.BURST_YEARS
    assert control_hazard._burst_years("donetsk", 3.0, True) == 3.0
    assert control_hazard._burst_years("UKR:Kyiv", 3.0, False) == 3.0
    facts = facts_of(world.known_on(D("2022-07-15")))
    args = {"place": "UKR:Kramatorsk", "controller": "RUS"}
    by_2025 = control_hazard.p_control(facts, "control.gains", args, 3.46, True)
    by_2032 = control_hazard.p_control(facts, "control.gains", args, 10.0, True)
    assert by_2032 - by_2025 < 0.05


@pytest.mark.parametrize(("p_lost", "p_retaken"), [(0.3, 0.6), (0.6, 0.3), (0.2, 0.2), (0.9, 0.01)])
def test_a_retaking_needs_a_loss_first(p_lost, p_retaken):
    """The two stages in turn are rarer than either alone, symmetric in the two, and the Gamma(2)
    waiting time where their counts are equal."""
    both = control_hazard.p_lost_then_retaken(p_lost, p_retaken)
    assert 0.0 < both < min(p_lost, p_retaken)
    assert both == pytest.approx(control_hazard.p_lost_then_retaken(p_retaken, p_lost))
    x = -math.log1p(-0.2)
    assert control_hazard.p_lost_then_retaken(0.2, 0.2) == pytest.approx(1 - math.exp(-x) * (1 + x))
    assert control_hazard.p_lost_then_retaken(0.2, 0.2 + 1e-7) == pytest.approx(
        control_hazard.p_lost_then_retaken(0.2, 0.2), rel=1e-5
    )
    assert control_hazard.p_lost_then_retaken(0.0, p_retaken) == 0.0


def test_a_held_settlement_is_gained_only_after_it_is_lost(world):
    """Mid-2022, Ukraine gaining Kharkiv, which it holds, within a year: below the chance it loses
    it at all, and far below its gains of a town Russia holds (Izium)."""
    facts = facts_of(world.known_on(D("2022-07-15")))
    held = {"place": "UKR:Kharkiv", "controller": "UKR"}
    regained = control_hazard.p_control(facts, "control.gains", held, 0.96, True)
    lost = 1 - control_hazard.p_control(facts, "control.holds", held, 0.96, True)
    izium = {"place": "UKR:Izium", "controller": "UKR"}
    assert 0.0 < regained < lost
    assert regained < control_hazard.p_control(facts, "control.gains", izium, 0.96, True) / 3


def test_an_oblast_held_whole_is_gained_only_after_some_of_it_is_lost(world):
    """January 2023: Ukraine held every listed town of Kharkiv oblast again (the September
    counter-offensive), so gaining ground there within a year needs a loss first; in July 2022,
    with Izium and Kupiansk held by Russia, it did not. Crimea's towns, all held by Russia, the
    same for Russia."""
    later = facts_of(world.known_on(D("2023-01-15")))
    kharkiv = {"place": "kharkiv", "controller": "UKR"}
    assert control_hazard._held_whole(later, "kharkiv", "UKR")
    whole = control_hazard.p_control(later, "control.gains", kharkiv, 1.0, True)
    assert whole < 0.25 * control_hazard._p_gains(later, "kharkiv", "UKR", 1.0, True)
    summer = facts_of(world.known_on(D("2022-07-15")))
    assert not control_hazard._held_whole(summer, "kharkiv", "UKR")
    assert control_hazard.p_control(summer, "control.gains", kharkiv, 1.0, True) == pytest.approx(
        control_hazard._p_gains(summer, "kharkiv", "UKR", 1.0, True)
    )
    crimea = {"place": "crimea", "controller": "RUS"}
    assert control_hazard.p_control(summer, "control.gains", crimea, 1.0, True) < 0.01


def test_a_state_retaking_ground_in_an_oblast_is_advancing_there(world):
    # settlement_control.csv: Ukraine retook Osokorivka (2022-04-06), Tavriiske (2022-06-11),
    # Lozove (2022-07-27), Arkhanhelske (2022-10-02), Davydiv Brid and Dudchany (2022-10-04) in
    # Kherson oblast, nothing in Zaporizhzhia oblast; Russia's gains in Ukraine are not retakes,
    # and none counts
    cutoff = D("2022-10-07")
    facts = facts_of(world.known_on(cutoff))
    assert control_hazard.advancing(facts, "UKR:Kherson", "UKR", cutoff)
    assert not control_hazard.advancing(facts, "UKR:Melitopol", "UKR", cutoff)
    assert not control_hazard.advancing(facts, "UKR:Kramatorsk", "RUS", cutoff)
    assert not control_hazard.advancing(facts, "UKR:Kherson", "UKR", D("2023-03-01"))
    for day, expected in (("2022-03-31", False), ("2022-04-20", True), ("2022-08-24", True)):
        vintage = facts_of(world.known_on(D(day)))
        assert control_hazard.advancing(vintage, "UKR:Kherson", "UKR", D(day)) is expected


def test_an_advance_in_the_oblast_makes_a_retaking_likelier(world, monkeypatch):
    """October 2022: Ukraine retaking Kherson by the end of the year is likelier with its retakes
    of the oblast's villages read as an advance than without (``ADVANCE`` of no days)."""
    cutoff = D("2022-10-07")
    args = {"place": "UKR:Kherson", "controller": "UKR"}
    advancing = control_hazard.p_control(
        facts_of(world.known_on(cutoff)), "control.gains", args, 0.23, True
    )
    monkeypatch.setattr(control_hazard, "ADVANCE", pd.Timedelta(0))
    still = control_hazard.p_control(
        facts_of(world.known_on(cutoff)), "control.gains", args, 0.23, True
    )
    assert advancing > 2 * still
