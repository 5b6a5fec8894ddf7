"""How a ``sanctions_relief`` event names who lifts and for whom (docs/data.md, "Reliefs").

A relief's actors are its sender, when the sender is a state, then its target; a relief by a union
(the EU) lists only its target and names the sender in its tags (``eu``). Read once here, for the
data check (:func:`postsoviet.data.rules.check_reliefs`) and for the forecasts, which count each
relief as a lifting (:func:`postsoviet.models.event_hazard.facts.relief_liftings`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

RELIEF = "sanctions_relief"


def relief_parties(
    named: Sequence[str], tags: Collection[str], senders: Iterable[str]
) -> tuple[str, str] | None:
    """``(sender, target)`` of a relief: the first of two actors and the last, or, with one actor,
    the sender of ``senders`` whose code is among the (lower-case) ``tags`` and the actor; None
    when neither reading gives two different parties."""
    if not named:
        return None
    if len(named) == 2:
        sender = named[0]
    else:
        sender = next((s for s in sorted(senders) if s.casefold() in tags), None)
    target = named[-1]
    if sender is None or sender == target:
        return None
    return sender, target
