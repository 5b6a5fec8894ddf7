"""Who is at risk of an event kind: an actor or pair outside the kind's record is at the rate at
which newcomers joined it, not at its participants' rate (sanctions_and_events._per_actor_set with
``newcomers``)."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from postsoviet.models.event_hazard import hazard, questions, sanctions_and_events
from postsoviet.models.event_hazard.facts import facts_of
from postsoviet.models.event_hazard.hazard import weight

D = pd.Timestamp
NO_TAGS: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def mid_2022(world):
    return facts_of(world.known_on(D("2022-07-15")))


def _p(facts, kind, actors, years=1.46):
    args = {"kind": kind, "actors": actors, "tags": [], "min_value": None}
    return sanctions_and_events.p_event(facts, "event.occurs", args, years, True)


def test_a_kind_of_two_states_stays_theirs(mid_2022):
    """Union State programmes are Russia's and Belarus's alone: asked in July 2022, Ukraine or
    Kazakhstan joining one by 2023 is far less likely than Belarus, and Russia with Ukraine
    almost never (with the participants' rate they got 0.62, 0.51 and 0.41)."""
    assert sanctions_and_events._participants(mid_2022, "union_state_programme", NO_TAGS) == {
        "RUS",
        "BLR",
    }
    belarus = _p(mid_2022, "union_state_programme", ["BLR"])
    assert belarus > 0.3  # one adoption on record (2021-11-04): progress reports are another kind
    for outsider in ("UKR", "KAZ"):
        assert _p(mid_2022, "union_state_programme", [outsider]) < 0.1 * belarus
    assert _p(mid_2022, "union_state_programme", ["RUS", "UKR"]) < 0.01
    # an aid appropriation between two states that never made one
    assert _p(mid_2022, "aid_appropriation", ["RUS", "BLR"]) < 0.01


def test_newcomers_are_counted_by_their_first_entries(mid_2022):
    """The newcomers' level: each event's actors taking part for the first time, over the actors
    outside the record now (recomputed here for single actors)."""
    kind = "recognition"
    _, _, by_kind = sanctions_and_events._events_by_kind(mid_2022)
    seen: set[str] = set()
    first = 0.0
    cutoff = questions.known_until(mid_2022)
    for h, w in sorted(by_kind[kind], key=lambda row: row[0].day):
        first += w * len(h.actors - seen)
        seen |= h.actors
        assert w == pytest.approx(weight(h.day, cutoff, hazard.BURST_YEARS))
    events, sets = sanctions_and_events._per_actor_set(mid_2022, kind, 1, newcomers=True)
    assert events == pytest.approx(first, rel=1e-12)
    assert sets == len(mid_2022.actors) - len(seen)
    pairs = sum(
        not frozenset(c) <= seen for c in itertools.combinations(sorted(mid_2022.actors), 2)
    )
    assert sanctions_and_events._per_actor_set(mid_2022, kind, 2, newcomers=True)[1] == pairs
    assert pairs == math.comb(len(mid_2022.actors), 2) - math.comb(len(seen), 2)


def test_participants_keep_their_own_rate(mid_2022):
    """A set within the record is answered from the participants' level as before: adding an
    outsider's question changes nothing for Russia's mobilization or Russia and Belarus's
    programmes."""
    assert {"RUS"} <= sanctions_and_events._participants(mid_2022, "mobilization", NO_TAGS)
    before = _p(mid_2022, "mobilization", ["RUS"])
    _p(mid_2022, "mobilization", ["FIN"])
    assert _p(mid_2022, "mobilization", ["RUS"]) == before
    events, sets = sanctions_and_events._per_actor_set(mid_2022, "union_state_programme", 2)
    assert sets == 1 and events > 0
