"""An election in a named state is answered by when its votes fall due and by an open crisis of
its head of state (elections.p_vote, elections.p_crisis_vote), with a calibration map of its own."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from postsoviet.forecasts.calibration import calibration_label
from postsoviet.models.event_hazard import (
    elections,
    leader_hazard,
    sanctions_and_events,
)
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


def _p(world, day: str, actor: str, by: str, tags=(), pooled: bool = True) -> float:
    facts = facts_of(world.known_on(D(day)))
    args = {
        "kind": "election",
        "actors": [actor],
        "tags": list(tags),
        "from": D(day),
        "by": D(by),
        "min_value": None,
    }
    years = (D(by) - D(day)).days / 365.25
    return sanctions_and_events.p_event(facts, "event.occurs", args, years, pooled)


def test_a_vote_due_in_the_window_is_likely_and_one_due_after_it_is_not(world):
    # Russia's presidential votes: 2012-03-04 and 2018-03-18, six years apart: the next is due
    # in March 2024
    assert _p(world, "2022-07-15", "RUS", "2024-06-30", ["presidential"]) > 0.7
    assert _p(world, "2022-07-15", "RUS", "2023-06-30", ["presidential"]) < 0.2


def test_the_base_rate_does_not_read_the_schedule(world):
    """The base_rate baseline (pooled=False) stays the rate of the kind in the state's history."""
    facts = facts_of(world.known_on(D("2022-07-15")))
    args = {"kind": "election", "actors": ["RUS"], "tags": ["presidential"], "min_value": None}
    with_schedule = sanctions_and_events.p_event(facts, "event.occurs", args, 1.96, True)
    base = sanctions_and_events.p_event(facts, "event.occurs", args, 1.96, False)
    assert base != pytest.approx(with_schedule, abs=0.05)


def test_the_rate_model_answers_what_the_schedule_cannot(world):
    facts = facts_of(world.known_on(D("2022-07-15")))
    window = (D("2022-07-15"), D("2023-07-15"))
    # a state with a single vote of a kind on record: its term is not known
    assert [len(elections.votes(facts, "USA", "parliamentary"))] == [1]
    assert elections.p_vote(facts, "USA", ["parliamentary"], *window) is None
    # a state with no vote of the kinds on record
    assert elections.p_vote(facts, "CHN", ["presidential", "parliamentary"], *window) is None
    # questions with two states or another tag go to the rate model
    args = {"kind": "election", "actors": ["RUS", "BLR"], "tags": [], "min_value": None}
    assert sanctions_and_events._p_scheduled_vote(facts, args, 1.0) is None
    args = {"kind": "election", "actors": ["RUS"], "tags": ["snap"], "min_value": None}
    assert sanctions_and_events._p_scheduled_vote(facts, args, 1.0) is None


def test_the_kinds_combine_as_independent_chances(world):
    facts = facts_of(world.known_on(D("2022-07-15")))
    window = (D("2022-07-15"), D("2024-12-31"))
    president = elections.p_vote(facts, "RUS", ["presidential"], *window)
    parliament = elections.p_vote(facts, "RUS", ["parliamentary"], *window)
    both = elections.p_vote(facts, "RUS", ["presidential", "parliamentary"], *window)
    assert both == pytest.approx(1 - (1 - president) * (1 - parliament), rel=1e-12)


def test_an_unscheduled_head_of_state_brings_a_vote_soon(world):
    """Kyrgyzstan, December 2020: the president resigned in October, his successors were acting;
    the next regular presidential vote was due in 2023, and one was held on 10 January 2021."""
    facts = facts_of(world.known_on(D("2020-12-04")))
    window = (D("2020-12-04"), D("2021-06-30"))
    crisis = elections.p_crisis_vote(facts, "KGZ", *window)
    assert crisis > 0.4
    assert elections.p_vote(facts, "KGZ", ["presidential"], *window) >= crisis
    # no open crisis: Russia in 2022 (Putin came in after a vote)
    calm = facts_of(world.known_on(D("2022-07-15")))
    assert elections.p_crisis_vote(calm, "RUS", D("2022-07-15"), D("2023-07-15")) == 0.0
    # the record: most crises end in a vote within the year, so the rate is above one a year
    assert elections.crisis_rate(calm) > 1.0


def test_elections_have_a_calibration_map_of_their_own():
    assert calibration_label("event.occurs", {"kind": "election"}) == "event.occurs:election"
    assert calibration_label("event.occurs", {"kind": "treaty"}) == "event.occurs"
    assert calibration_label("leader.changes", {"actor": "RUS"}) == "leader.changes"


def test_martial_law_holds_the_vote_until_the_war_ends(world):
    """Ukraine, July 2022: martial law since 24 February, no vote while it lasts; Armenia on
    1 January 2021: still under martial law, but the agreement of 10 November 2020 ended the war
    (the law was lifted in March and the vote held in June); Azerbaijan had lifted its own."""
    ukraine = facts_of(world.known_on(D("2022-07-15")))
    assert elections.waits_for_war_end(ukraine, "UKR")
    assert not elections.waits_for_war_end(ukraine, "RUS")
    schedule = elections.p_vote(ukraine, "UKR", ["presidential"], D("2022-07-15"), D("2024-12-31"))
    assert schedule > 0.8  # the term alone: due in March 2024
    # only if a general ceasefire comes first: the schedule times the chance of one (Ukraine's
    # activity in the force kinds makes it likelier than its record of ceasefires alone,
    # sanctions_and_events.activity_ratio; 0.54 by the end of 2024 with the history of 2026-12-02)
    war_ends = sanctions_and_events.p_war_end(
        ukraine, "UKR", (D("2024-12-31") - D("2022-07-15")).days / 365.25
    )
    held_back = _p(world, "2022-07-15", "UKR", "2024-12-31", ["presidential"])
    assert held_back == pytest.approx(schedule * war_ends)
    assert held_back < 0.7 * schedule
    before = facts_of(world.known_on(D("2022-02-01")))
    assert not elections.waits_for_war_end(before, "UKR")
    later = facts_of(world.known_on(D("2021-01-01")))
    assert not elections.waits_for_war_end(later, "ARM")
    assert not elections.waits_for_war_end(later, "AZE")
    autumn = facts_of(world.known_on(D("2020-10-15")))
    assert elections.waits_for_war_end(autumn, "ARM")


def test_an_election_names_the_state_that_votes(world):
    """A vote staged in occupied land or a foreign interference is a tag, not a second actor: the
    schedule reads each election as a vote of its actor."""
    events = world.events
    elections_rows = events[events["kind"] == "election"]
    assert len(elections_rows) > 500
    assert not elections_rows["actors"].str.contains(";").any()


def test_martial_law_keeps_the_holder_while_no_vote_can_fall(world):
    """Ukraine, January 2023: the president's term ran to May 2024, but no vote is held under
    martial law until a ceasefire, so the hazard keeps only the changes that come away from votes
    (Zelensky stayed). The same world without its martial-law rows gives the usual hazard."""
    day = D("2023-01-15")
    vintage = world.known_on(day)
    events = vintage.events
    lawless = vintage.with_tables(events=events[events["kind"] != "martial_law"])
    at_war, usual = facts_of(vintage), facts_of(lawless)
    no_vote = elections.no_vote_factor(at_war, "UKR", "head_of_state")
    assert no_vote < 0.8
    args = {"actor": "UKR", "office": "head_of_state"}
    held = leader_hazard.p_leader_change(at_war, args, 2.0, True)
    free = leader_hazard.p_leader_change(usual, args, 2.0, True)
    assert held < free
    # the succession hazard (mortality aside) is scaled by the expected share of the window after
    # the war's end, and by the hazard away from votes for the rest (Ukraine, partly free, has no
    # vote timing of its own)
    assert leader_hazard.regime_on(at_war, "UKR", day) not in elections.TIMED_REGIMES
    holder = at_war.leaders[("UKR", "head_of_state")][-1]
    born = at_war.born[leader_hazard.q.plain(holder.label)]
    mortality = leader_hazard._mortality(born, day, 2.0)
    after = leader_hazard.share_after_end(sanctions_and_events.p_war_end(at_war, "UKR", 2.0))
    ratio = (-math.log(1 - held) - mortality) / (-math.log(1 - free) - mortality)
    assert ratio == pytest.approx(after + (1 - after) * no_vote, rel=1e-9)
    # a state without martial law is untouched
    russia = {"actor": "RUS", "office": "head_of_state"}
    assert leader_hazard.p_leader_change(at_war, russia, 2.0, True) == pytest.approx(
        leader_hazard.p_leader_change(usual, russia, 2.0, True)
    )


def test_only_a_general_ceasefire_ends_the_wait_for_a_vote(world):
    """Humanitarian pauses, one side's truces and a day's truce do not end a war, so they do not
    count as ceasefires toward the chance that martial law ends: dropping them from the world
    leaves P(war end) almost unchanged (they still count in the rate of every kind and in the
    state's activity), while dropping the general ceasefires lowers it."""
    day = D("2023-01-15")
    vintage = world.known_on(day)
    events = vintage.events
    ceasefires = events["kind"] == "ceasefire"
    tags = events["tags"].fillna("").str.split(";").map(set)
    partial = ceasefires & tags.map(lambda t: bool(t & elections.NOT_AN_END))
    assert partial.sum() >= 3
    ends = sanctions_and_events.p_war_end(facts_of(vintage), "UKR", 2.0)
    no_pauses = facts_of(vintage.with_tables(events=events[~partial]))
    assert sanctions_and_events.p_war_end(no_pauses, "UKR", 2.0) == pytest.approx(ends, rel=0.02)
    no_general = facts_of(vintage.with_tables(events=events[~(ceasefires & ~partial)]))
    assert sanctions_and_events.p_war_end(no_general, "UKR", 2.0) < 0.8 * ends
    # a question about any ceasefire counts the pauses too
    anything = {"kind": "ceasefire", "actors": ["UKR"], "tags": [], "min_value": None}
    assert (
        sanctions_and_events.p_event(facts_of(vintage), "event.occurs", anything, 2.0, True) > ends
    )


@pytest.mark.parametrize("p_end", [0.01, 0.3, 0.54, 0.9, 0.999])
def test_the_share_of_a_window_after_an_end_is_its_expected_remainder(p_end):
    """An end at a constant rate, within the window with probability ``p_end``: the share of the
    window left after it, integrated numerically over the end's day, is the closed form, and less
    than ``p_end`` (an end late in the window leaves little of it)."""
    rate = -math.log(1 - p_end)  # per window
    days = (np.arange(200_000) + 0.5) / 200_000
    remainder = np.sum((1 - days) * rate * np.exp(-rate * days)) / 200_000
    assert leader_hazard.share_after_end(p_end) == pytest.approx(remainder, rel=1e-6)
    assert 0 < leader_hazard.share_after_end(p_end) < p_end
    assert leader_hazard.share_after_end(0.0) == 0.0
    assert leader_hazard.share_after_end(1.0) == 1.0
