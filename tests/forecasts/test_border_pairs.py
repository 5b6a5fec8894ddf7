"""A border closes between neighbours: for a pair, a border closure's rate per pair is taken over
the pairs of the kind's participants on the pair's side of the land-border line
(sanctions_and_events._per_actor_set with ``bordering``)."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.models.event_hazard import sanctions_and_events
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


@pytest.fixture(scope="module")
def mid_2022(world):
    return facts_of(world.known_on(D("2022-07-15")))


def test_neighbours_are_the_states_with_a_land_border(mid_2022):
    assert frozenset({"FIN", "RUS"}) in mid_2022.neighbours
    # Kaliningrad's border is Russia's
    assert frozenset({"POL", "RUS"}) in mid_2022.neighbours
    assert frozenset({"LTU", "RUS"}) in mid_2022.neighbours
    assert frozenset({"EST", "BLR"}) not in mid_2022.neighbours


def test_the_closures_recorded_fall_between_neighbours(mid_2022):
    near, near_pairs = sanctions_and_events._per_actor_set(mid_2022, "border_closure", 2, True)
    far, far_pairs = sanctions_and_events._per_actor_set(mid_2022, "border_closure", 2, False)
    assert near > 0 and far == 0
    assert 0 < near_pairs < far_pairs


def _p(facts, actors):
    args = {"kind": "border_closure", "actors": actors, "tags": [], "min_value": None}
    return sanctions_and_events.p_event(facts, "event.occurs", args, 1.5, True)


def test_neighbours_never_closed_are_likelier_to_than_distant_states(mid_2022):
    # neither pair had closed its border by mid-2022; each state had closed another
    neighbours, distant = _p(mid_2022, ["LVA", "RUS"]), _p(mid_2022, ["EST", "BLR"])
    assert neighbours > 2 * distant
    # Norway had closed no border: a newcomer's pair, at the rate of first closures among
    # neighbours, still above the distant pair
    assert distant < _p(mid_2022, ["NOR", "RUS"]) < neighbours
    # a pair of one actor keeps the per-actor rate
    assert _p(mid_2022, ["NOR"]) > 0
