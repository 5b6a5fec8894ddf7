"""A general ceasefire can be asked for: every ceasefire row is tagged `general` or as a limited
halt (partial, unilateral, short, humanitarian), never both, and the two answer differently."""

from __future__ import annotations

from resolving import D, outcome

from postsoviet.models.event_hazard import elections, sanctions_and_events
from postsoviet.models.event_hazard.facts import facts_of, tag_set


def test_every_ceasefire_is_general_or_limited(world):
    rows = world.events[world.events["kind"] == "ceasefire"]
    assert len(rows) > 20
    for row in rows.itertuples():
        tags = tag_set(row.tags)
        limited = bool(tags & elections.NOT_AN_END)
        assert limited != ("general" in tags), row.id


def test_a_general_ceasefire_is_not_a_truce_of_a_day(world):
    """Russia and Ukraine by the end of 2023, asked in July 2022: the unilateral Christmas truce
    of January 2023 resolves "a ceasefire", not "a general ceasefire"; the general one is less
    likely (it leaves out the pauses of 2022 at every level but the first)."""
    window = {"actors": ["RUS", "UKR"], "from": "2022-07-15", "by": "2023-12-31"}
    assert outcome(world, "event.occurs", "2022-07-15", kind="ceasefire", **window) is True
    general = {"kind": "ceasefire", "tags": ["general"], **window}
    assert outcome(world, "event.occurs", "2022-07-15", **general) is False
    facts = facts_of(world.known_on(D("2022-07-15")))

    def p(tags):
        args = {"kind": "ceasefire", "actors": ["RUS", "UKR"], "tags": tags, "min_value": None}
        return sanctions_and_events.p_event(facts, "event.occurs", args, 1.46, True)

    assert 0 < p(["general"]) < p([])
