"""Event-hazard forecasts of world-fact quantities, from the history known at the cutoff.

Every "by" question is P(at least one change of the kind in the window), from a rate pooled over
a hierarchy (:mod:`postsoviet.models.event_hazard.hazard`): a membership status change (an applicant or a
candidate becomes a member at the rate seen for such transitions), a succession (plus the
Gompertz mortality of the holder's age), a sanctions measure, an event of a kind, a gain or loss
of control. Every "holds" question combines the state on ``asked_on`` with the hazard of
leaving it: ``P = 1 - P(exit)`` when it holds, ``P(entry)`` when it does not.

One module per family: :mod:`~postsoviet.models.event_hazard.membership_chain`,
:mod:`~postsoviet.models.event_hazard.leader_hazard`,
:mod:`~postsoviet.models.event_hazard.sanctions_and_events` and
:mod:`~postsoviet.models.event_hazard.control_hazard`; this one sends a question to its family's.

``pooled=False`` keeps only the widest level: the family's base rate (the ``base_rate`` baseline).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from postsoviet.models.event_hazard.control_hazard import p_control
from postsoviet.models.event_hazard.facts import Facts
from postsoviet.models.event_hazard.leader_hazard import p_leader
from postsoviet.models.event_hazard.membership_chain import p_membership
from postsoviet.models.event_hazard.sanctions_and_events import p_event, p_sanctions

WORLD_FORECASTS: dict[str, Callable[..., float]] = {
    "membership": p_membership,
    "leader": p_leader,
    "sanctions": p_sanctions,
    "event": p_event,
    "control": p_control,
}


def p_world(
    facts: Facts, name: str, a: Mapping[str, Any], years: float, *, pooled: bool = True
) -> float:
    """P(the binary world-fact quantity ``name``) within ``years`` from the vintage's cutoff."""
    family = name.split(".")[0]
    return float(WORLD_FORECASTS[family](facts, name, a, years, pooled))
