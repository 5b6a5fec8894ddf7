"""A president who may not run again leaves after the vote due (term_limits): the cap of the
state's constitution (``head_of_state_term_limit``), the holder's terms counted from the votes,
and the record's limited votes, after none of which the holder stayed."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.models.event_hazard import elections, leader_hazard, term_limits
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import facts_of, holder_on

D = pd.Timestamp


@pytest.fixture(scope="module")
def facts(world):
    built = {}

    def on(day: str):
        if day not in built:
            built[day] = facts_of(world.known_on(D(day)))
        return built[day]

    return on


def _holder(facts, actor: str, day: str):
    return next(s for s in q.leader_spells(facts, actor, "head_of_state") if s.holds(D(day)))


def _change(facts, actor: str, day: str, by: str) -> float:
    years = (D(by) - D(day)).days / 365.25
    args = {"actor": actor, "office": "head_of_state", "from": D(day), "by": D(by)}
    return leader_hazard.p_leader(facts, "leader.changes", args, years, True)


def test_a_second_term_holder_is_limited_and_a_first_term_one_is_not(facts):
    """Duda (votes of 2015 and 2020) may not run in 2025; Nauseda (2019) may run in 2024."""
    f = facts("2022-11-14")
    duda, nauseda = _holder(f, "POL", "2022-11-14"), _holder(f, "LTU", "2022-11-14")
    assert term_limits.limited(f, "POL", duda.start, D("2025-05-18"))
    assert not term_limits.limited(f, "LTU", nauseda.start, D("2024-05-12"))


def test_a_new_constitution_starts_the_count_again(facts):
    """Shevardnadze's re-election of 2000 was his first under Georgia's constitution of 1995, and
    Ukraine's cap counts from its constitution of 1996 (Kuchma's vote of 1994 not counted)."""
    f = facts("2022-11-14")
    assert D("2000-04-09") not in term_limits.limited_votes(f, "GEO")
    assert D("2004-10-31") not in term_limits.limited_votes(f, "UKR")


def test_no_limited_holder_on_record_stayed(facts):
    """By November 2022 the record holds fourteen limited votes whose holder was gone a year
    later (Clinton, Bush, Obama, Kwasniewski, Grybauskaite, Halonen, ...), and none who stayed."""
    f = facts("2022-11-14")
    stays, votes = term_limits.stay_record(f)
    assert (stays, votes) == (0, 14)
    for actor in ("USA", "POL", "LTU", "FIN"):
        spells = q.leader_spells(f, actor, "head_of_state")
        for vote in term_limits.limited_votes(f, actor):
            before = holder_on(spells, vote)
            after = holder_on(spells, vote + term_limits.STAY_AFTER)
            assert before.label != after.label


def test_a_limited_vote_in_the_window_makes_a_change_near_certain(facts):
    """Asked on 2022-11-14: Poland's president changes by the end of 2025 (the vote of May 2025
    is limited) with the record's chance of staying, half a stay in fifteen; by the end of June
    2025 the handover of the vote expected then (elections.AFTER_VOTE after it) is not in the
    window, so the cap does not apply; Lithuania's eligible president is not touched."""
    f = facts("2022-11-14")
    duda, nauseda = _holder(f, "POL", "2022-11-14"), _holder(f, "LTU", "2022-11-14")
    stay = term_limits.p_stays(f, "POL", "head_of_state", duda, 3.13)
    assert stay == pytest.approx(0.5 / 15)
    assert term_limits.p_stays(f, "POL", "head_of_state", duda, 2.62) == 1.0
    assert term_limits.p_stays(f, "LTU", "head_of_state", nauseda, 2.13) == 1.0
    assert term_limits.p_stays(f, "POL", "head_of_government", duda, 3.13) == 1.0
    assert _change(f, "POL", "2022-11-14", "2025-12-31") > 0.95
    # the vote is expected a term after June 2020's (the one of 2020 came late, so in August
    # 2025), its handover within AFTER_VOTE of it
    due = elections.due_votes(
        elections.votes(f, "POL", elections.PRESIDENTIAL), D("2022-11-14"), D("2025-12-31")
    )
    assert due and due[0] + elections.AFTER_VOTE <= D("2025-12-31")


def test_a_cap_applies_from_its_year(facts):
    """France capped its presidents at two terms in a row from the revision of 2008; before it,
    no cap (the row of 1992 holds 0)."""
    f = facts("2022-11-14")
    assert term_limits.cap(f, "FRA", 2007) is None
    assert term_limits.cap(f, "FRA", 2012) == (2, 2008)
    assert term_limits.cap(f, "RUS", 2024) is None
