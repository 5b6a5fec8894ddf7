"""The index of events by kind and actor (questions.events_with) finds the same events, in the same
order, as a scan of the kind, and a pair's event probability reads it."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import facts_of


@pytest.mark.parametrize(
    ("kind", "actors"),
    [
        ("election", ["BLR"]),
        ("armed_clash", ["RUS", "UKR"]),
        ("border_closure", ["POL", "BLR"]),
        ("weapons_delivery", ["USA", "UKR"]),
        ("annexation", ["RUS"]),
        ("election", ["NOSUCHACTOR"]),
    ],
)
def test_the_index_by_actor_finds_what_a_scan_of_the_kind_finds(world, kind, actors):
    facts = facts_of(world.known_on(pd.Timestamp("2024-01-15")))
    args = {"kind": kind, "actors": actors, "tags": [], "min_value": None}
    scanned = [h for h in q._events_of_kind(facts, kind) if q.event_matches(h, args)]
    indexed = [h for h in q.events_with(facts, kind, actors) if q.event_matches(h, args)]
    assert indexed == scanned
    # one named actor's list: each of its events has that actor
    assert all(h.actors & set(actors) for h in q.events_with(facts, kind, actors))


def test_without_actors_the_index_gives_the_whole_kind(world):
    facts = facts_of(world.known_on(pd.Timestamp("2024-01-15")))
    assert q.events_with(facts, "election", []) == q._events_of_kind(facts, "election")
    assert len(q.events_with(facts, "election", [])) > len(
        q.events_with(facts, "election", ["BLR"])
    )
