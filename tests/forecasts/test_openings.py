"""Openings: a settlement beyond a controller's reach is taken, if ever, in an opening, counted
once, not town by town."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.models.event_hazard import openings
from postsoviet.models.event_hazard.facts import OBSERVED_FROM, facts_of
from postsoviet.models.event_hazard.hazard import years_between
from postsoviet.models.event_hazard.world_models import p_world

DAY = pd.Timestamp("2022-07-15")


@pytest.fixture(scope="module")
def facts(world):
    return facts_of(world.known_on(DAY))


def test_the_record_holds_the_openings_of_2014_and_2022(facts):
    """Russia's openings known in July 2022: Crimea (27 February 2014), the Donbas (April 2014),
    the August 2014 offensive, and the invasion of 24 February 2022, which took the largest share."""
    russian = [o for o in openings.openings(facts) if o.controller == "RUS"]
    starts = [o.start for o in russian]
    assert pd.Timestamp("2014-02-27") in starts and pd.Timestamp("2022-02-24") in starts
    invasion = next(o for o in russian if o.start == pd.Timestamp("2022-02-24"))
    assert invasion.taken >= 20 and invasion.taken / invasion.at_risk > 0.2
    assert all(0 <= o.taken <= o.at_risk for o in openings.openings(facts))


def test_reach_is_the_front_not_the_rear(facts):
    assert not openings.within_reach(facts, "UKR:Kyiv", "RUS", DAY)
    assert not openings.within_reach(facts, "UKR:Odesa", "RUS", DAY)
    assert openings.within_reach(facts, "UKR:Bakhmut", "RUS", DAY)
    # a settlement the controller holds is within its reach
    assert openings.within_reach(facts, "UKR:Melitopol", "RUS", DAY)


def test_a_far_gain_is_the_thinned_poisson_of_openings(facts):
    """P = 1 - (T / (T + f t)) ** (k + 1/2), checked against its parts."""
    found = openings.openings(facts)
    share = (sum(o.taken for o in found) + 0.5) / (sum(o.at_risk for o in found) + 1.0)
    k = sum(o.controller == "RUS" for o in found)
    observed = years_between(OBSERVED_FROM, facts.cutoff)
    expected = 1.0 - (observed / (observed + share * 2.0)) ** (k + 0.5)
    assert openings.p_gain_far(facts, "RUS", 2.0) == pytest.approx(expected)
    assert openings.p_gain_far(facts, "RUS", 0.0) == 0.0
    assert openings.p_gain_far(facts, "RUS", 1.0) < openings.p_gain_far(facts, "RUS", 3.0)
    # a controller without an opening of its own: half an opening in the years observed
    assert openings.p_gain_far(facts, "BLR", 2.0) < openings.p_gain_far(facts, "RUS", 2.0)


def test_kyiv_far_behind_the_front_is_less_likely_taken_than_a_town_on_it(facts):
    """Asked in July 2022: Russia taking Kyiv by the end of 2025 comes from its openings (a few
    percent), Bakhmut by the end of 2023 from the front's hazard."""
    kyiv = p_world(facts, "control.gains", {"place": "UKR:Kyiv", "controller": "RUS"}, 3.46)
    bakhmut = p_world(facts, "control.gains", {"place": "UKR:Bakhmut", "controller": "RUS"}, 1.46)
    assert kyiv < 0.1 < bakhmut
    held = p_world(facts, "control.holds", {"place": "UKR:Kyiv", "controller": "UKR"}, 3.46)
    assert held == pytest.approx(1.0 - kyiv)


def test_a_region_with_no_listed_town_within_reach_is_gained_in_an_opening(facts):
    """Odesa oblast in July 2022 (Odesa and Snake Island, both beyond Russia's reach): any of its
    two listed settlements in an opening, more likely than one of them and far less than the
    rear's rate of 2022 (0.25 a year)."""
    args = {"place": "odesa", "controller": "RUS"}
    oblast = p_world(facts, "control.gains", args, 2.0)
    assert oblast == pytest.approx(openings.p_gain_far(facts, "RUS", 2.0, count=2))
    assert openings.p_gain_far(facts, "RUS", 2.0) < oblast < 0.15


def test_the_full_world_without_a_cutoff_has_its_openings_up_to_today(world):
    """A world that is not a vintage speaks up to today (``known_until``): its openings are read
    without a cutoff, the invasion's among them, and a far gain's answer is still a probability."""
    full = facts_of(world)
    assert full.cutoff is None
    assert pd.Timestamp("2022-02-24") in [o.start for o in openings.openings(full)]
    assert 0.0 < openings.p_gain_far(full, "RUS", 1.0) < 0.2
