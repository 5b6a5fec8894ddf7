"""An event of a narrower kind is also an event of its broader kind: a gas cut-off is a transit
restriction of gas (facts.BROADER_KINDS), read by questions, their resolution and the rates."""

from __future__ import annotations

import pandas as pd

from postsoviet.forecasts import forecast_targets
from postsoviet.forecasts.targets import parse_targets
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import Happening, as_kinds, facts_of
from postsoviet.models.event_hazard.sanctions_and_events import _events_by_kind


def test_a_gas_cutoff_is_also_a_transit_restriction_of_gas():
    cut = Happening(
        pd.Timestamp("2022-07-27"),
        "gas_cutoff",
        frozenset({"RUS", "DEU"}),
        frozenset({"nord_stream"}),
    )
    itself, broader = as_kinds(cut)
    assert itself is cut
    assert broader.kind == "transit_restriction"
    assert broader.tags == {"nord_stream", "gas"}
    assert (broader.day, broader.actors) == (cut.day, cut.actors)
    clash = Happening(pd.Timestamp("2022-07-27"), "armed_clash", frozenset({"RUS", "UKR"}))
    assert as_kinds(clash) == (clash,)


def test_nord_stream_cuts_resolve_a_transit_restriction_question(world):
    """Gazprom's cuts of Nord Stream 1 flows (16 June, 27 July, 31 August 2022) are recorded as gas
    cut-offs; asked as a restriction of gas transit between Russia and Germany, they count, and
    the gas cut-offs' own record is not counted twice."""
    facts = facts_of(world.known_on(pd.Timestamp("2023-06-30")))
    args = {
        "kind": "transit_restriction",
        "actors": ("RUS", "DEU"),
        "tags": ("gas", "nord_stream"),
        "min_value": None,
        "from": pd.Timestamp("2022-07-15"),
        "by": pd.Timestamp("2022-12-31"),
    }
    assert q.outcome_event_occurs(facts, args) is True
    assert q.outcome_event_occurs(facts, {**args, "kind": "gas_cutoff", "tags": ("nord_stream",)})
    _, _, by_kind = _events_by_kind(facts)
    cutoffs = [h for h, _ in by_kind["gas_cutoff"]]
    assert all(h.kind == "gas_cutoff" for h in cutoffs)
    assert len(cutoffs) == sum(
        h.kind == "gas_cutoff" and h.day <= facts.cutoff for h in facts.events
    )
    known = [h for h in facts.events if h.day <= facts.cutoff]
    restrictions = sum(h.kind == "transit_restriction" for h in known)
    assert len(by_kind["transit_restriction"]) == restrictions + len(cutoffs)
    assert {"gas", "nord_stream"} <= set(q.kind_tags(facts, "transit_restriction"))


def test_the_tags_of_the_narrower_kind_are_read_by_a_question_of_the_broader(world):
    """Asked in July 2022, after the June cut, whether Russia restricts gas transit to Germany
    through Nord Stream by the end of 2022: both tags are read, none is set aside."""
    (target,), _ = parse_targets(
        {
            "targets": [
                {
                    "id": "ns",
                    "asked_on": "2022-07-15",
                    "quantity": "event.occurs",
                    "args": {
                        "kind": "transit_restriction",
                        "actors": ["RUS", "DEU"],
                        "tags": ["gas", "Nord Stream"],
                        "by": "2022-12-31",
                    },
                }
            ]
        }
    )
    (answer,) = forecast_targets(world, [target])
    assert answer.answered and not answer.reason
