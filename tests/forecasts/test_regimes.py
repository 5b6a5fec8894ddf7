"""The leader hazard reads the state's regime class (Freedom House status, as it could be read on
the day) and, in a free state, when its votes fall (leader_hazard.regime_on, tenure_hazard;
elections)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from postsoviet.models.event_hazard import elections, hazard, leader_hazard
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


@pytest.fixture(scope="module")
def facts_2022(world):
    return facts_of(world.known_on(D("2022-07-15")))


def test_the_status_read_on_a_day_is_the_one_published_by_then(world, facts_2022):
    # attributes.csv: Russia PF for 1991-2003 and NF from 2004; Türkiye PF to 2016 and NF from 2017.
    # Year Y is known from the end of Y+1, so on a day of year D the latest readable year is D-2.
    assert leader_hazard.regime_on(facts_2022, "RUS", D("2005-06-01")) == "PF"
    assert leader_hazard.regime_on(facts_2022, "RUS", D("2006-01-01")) == "NF"
    assert leader_hazard.regime_on(facts_2022, "TUR", D("2018-12-31")) == "PF"
    assert leader_hazard.regime_on(facts_2022, "TUR", D("2019-01-01")) == "NF"
    assert leader_hazard.regime_on(facts_2022, "FIN", D("2022-07-15")) == "F"
    # before any status is readable the class is unknown
    assert leader_hazard.regime_on(facts_2022, "RUS", D("1992-06-01")) == leader_hazard.ANY_REGIME
    # a vintage holds only the statuses known by its cutoff: 2021's is not known in mid-2022
    assert max(year for year, _ in facts_2022.regimes["RUS"]) == 2020
    facts_1995 = facts_of(world.known_on(D("1995-03-01")))
    assert max(year for year, _ in facts_1995.regimes["RUS"]) == 1993


def test_the_classes_split_the_years_and_ends_of_every_tenure(facts_2022):
    history = leader_hazard.derived(facts_2022, "tenure", leader_hazard.tenure_history)
    for office in ("head_of_state", "head_of_government"):
        everyone = history[(office, leader_hazard.ANY_REGIME)]
        classes = [history[(office, c)] for c in ("F", "PF", "NF") if (office, c) in history]
        for k, level in enumerate(everyone):
            # the classes hold no more than every state does (less: the years before a status
            # could be read count under no class)
            assert sum(c[k].years for c in classes) <= level.years + 1e-9
            assert sum(c[k].events for c in classes) <= level.events + 1e-9
        assert sum(c[0].years for c in classes) > 0.9 * everyone[0].years


def test_autocrats_stay_longer_than_democrats_early_in_a_tenure(facts_2022):
    """Four years into a tenure, the next two years' hazard of a not free state's head of state is
    below a free state's and every state's: free states' presidents leave at their term's end."""
    args = ("head_of_state", 4.0, 2.0)
    free = leader_hazard.tenure_hazard(facts_2022, *args, regime="F")
    not_free = leader_hazard.tenure_hazard(facts_2022, *args, regime="NF")
    anyone = leader_hazard.tenure_hazard(facts_2022, *args)
    assert not_free < min(free, anyone)


def test_rounds_are_one_vote_and_the_term_is_the_last_regular_interval():
    days = [D("2010-01-17"), D("2010-02-07"), D("2014-05-25"), D("2019-03-31"), D("2019-04-21")]
    merged = elections._rounds_merged(days)
    assert merged == [D("2010-01-17"), D("2014-05-25"), D("2019-03-31")]
    # 2014 was a snap vote: the term is 2014 -> 2019, the last interval ending in a regular vote
    assert elections.usual_interval(merged, snap={D("2014-05-25")}) == D("2019-03-31") - D(
        "2014-05-25"
    )
    # every interval ended early: their median
    assert elections.usual_interval(merged, snap=set(merged[1:])) == pd.Timedelta(
        (merged[1] - merged[0] + merged[2] - merged[1]).value // 2
    )


def test_votes_fall_due_on_the_term_and_not_when_long_overdue():
    held = [D("2015-10-25"), D("2019-10-13")]  # a four-year term, less a fortnight
    term = held[1] - held[0]
    due = elections.due_votes(held, D("2022-07-15"), D("2027-01-01"))
    assert due == [held[1] + term]  # 2023-10; the next, 2027-09, falls after the window's end
    assert elections.due_votes(held, D("2022-07-15"), D("2028-01-01"))[1] == held[1] + 2 * term
    # the next vote was due more than a year before the cutoff and was not held: none assumed
    assert elections.due_votes(held, D("2025-06-01"), D("2027-01-01")) == []
    assert elections.due_votes([], D("2022-07-15"), D("2028-01-01")) == []


def test_a_window_with_a_vote_due_raises_the_hazard_of_a_free_state(world):
    """Poland's parliament was elected on 13 October 2019, the next one due in autumn 2023: asked
    in September 2022, a window over the vote scales the prime minister's hazard up, and a window
    that ends before it scales it down."""
    facts = facts_of(world.known_on(D("2022-09-01")))
    assert leader_hazard.regime_on(facts, "POL", D("2022-09-01")) == "F"
    over_the_vote = elections.timing_factor(facts, "POL", "head_of_government", 1.83)
    before_it = elections.timing_factor(facts, "POL", "head_of_government", 0.5)
    assert before_it < 1.0 < over_the_vote
    after, other = elections.timing_rates(facts, "head_of_government")
    assert after.events / after.years > other.events / other.years


def test_votes_time_the_hazard_of_free_states_only(world, facts_2022):
    """Belarus (not free) had a presidential vote due in 2025: the chance that Lukashenko goes by
    mid-2025 is the regime-level tenure hazard alone, not scaled by the vote."""
    assert leader_hazard.regime_on(facts_2022, "BLR", D("2022-07-15")) == "NF"
    assert elections.timing_factor(facts_2022, "BLR", "head_of_state", 2.96) != 1.0
    args = {"actor": "BLR", "office": "head_of_state"}
    p = leader_hazard.p_leader_change(facts_2022, args, 2.96, True)
    holder = facts_2022.leaders[("BLR", "head_of_state")][-1]
    tenure = hazard.years_between(
        leader_hazard.power_start(facts_2022, "BLR", "head_of_state", holder), D("2022-07-15")
    )
    frailty = leader_hazard.tenure_frailty(facts_2022, "BLR", "head_of_state")
    tenure_rate = leader_hazard.tenure_hazard(facts_2022, "head_of_state", tenure, 2.96, "NF")
    born = facts_2022.born[leader_hazard.q.plain(holder.label)]
    mortality = leader_hazard._mortality(born, D("2022-07-15"), 2.96)
    assert p == pytest.approx(1.0 - math.exp(-frailty * tenure_rate - mortality), rel=1e-12)


def test_a_state_whose_rulers_go_faster_than_its_class_expects_gets_a_frailty_above_one(facts_2022):
    """Kazakhstan (not free) replaced its prime minister a dozen times from 1991 to 2022, far more
    often than the long-serving prime ministers of the other not free states (Uzbekistan,
    Tajikistan): its frailty is above 1 and theirs below. A state without a record gets 1."""
    assert leader_hazard.regime_on(facts_2022, "KAZ", D("2022-07-15")) == "NF"
    kazakhstan = leader_hazard.tenure_frailty(facts_2022, "KAZ", "head_of_government")
    assert kazakhstan > 1.1
    assert leader_hazard.tenure_frailty(facts_2022, "TJK", "head_of_government") < 1.0
    assert leader_hazard.tenure_frailty(facts_2022, "UZB", "head_of_government") < 1.0
    assert leader_hazard.tenure_frailty(facts_2022, "KAZ", "no_such_office") == 1.0


def test_the_frailty_is_the_record_over_what_the_tenure_hazard_expects(facts_2022):
    """f = ((O + S r) / (T + S)) / r with r = E / T, summed over the state's tenures: recomputed
    here from the tenure pieces and the bucket rates."""
    observed = expected = years = 0.0
    for actor, office, k, regime, span, ended in leader_hazard._tenure_pieces(
        facts_2022, D("2022-07-15")
    ):
        if (actor, office) == ("ARM", "head_of_government"):
            observed += ended
            expected += span * leader_hazard.bucket_rates(facts_2022, office, regime)[k]
            years += span
    rate = expected / years
    strength = leader_hazard.LEADER_STRENGTH
    assert observed > 0 and expected > 0
    assert leader_hazard.tenure_frailty(facts_2022, "ARM", "head_of_government") == pytest.approx(
        (observed + strength * rate) / (years + strength) / rate, rel=1e-12
    )


def test_a_class_scales_every_tenure_bucket_by_its_ratio_over_all_of_them(facts_2022):
    """theta_c = (O_c + S) / (E_c + S) over the class's tenures in every bucket; the not free
    heads of state leave at about half the rate every state's buckets expect (0.47 of them in
    July 2022), so a not free bucket with few years of its own, four to eight years into a
    tenure, falls well below every state's rate instead of staying at it."""
    history = leader_hazard.derived(facts_2022, "tenure", leader_hazard.tenure_history)
    rates = leader_hazard.bucket_rates(facts_2022, "head_of_state")
    within = history[("head_of_state", "NF")]
    observed = sum(level.events for level in within)
    expected = sum(level.years * r for level, r in zip(within, rates, strict=True))
    strength = leader_hazard.CLASS_RATIO_STRENGTH
    ratio = leader_hazard.class_ratio(within, rates)
    assert ratio == pytest.approx((observed + strength) / (expected + strength), rel=1e-12)
    assert ratio < 0.75
    not_free = leader_hazard.bucket_rates(facts_2022, "head_of_state", "NF")
    assert within[1].years < 10  # few recency-weighted years of its own in the bucket
    assert not_free[1] < 0.75 * rates[1]
    assert not_free[1] == pytest.approx(
        (within[1].events + leader_hazard.REGIME_STRENGTH * ratio * rates[1])
        / (within[1].years + leader_hazard.REGIME_STRENGTH),
        rel=1e-12,
    )
