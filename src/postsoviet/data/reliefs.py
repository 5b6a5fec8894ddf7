"""How a ``sanctions_relief`` event names who lifts and for whom (docs/data.md, "Reliefs").

A relief's actors are its sender, when the sender is a state, then its target; a relief by a union
(the EU) lists only its target and names the sender in its tags (``eu``). Read once here, for the
data check (:func:`postsoviet.data.rules.check_reliefs`) and for the forecasts, which count each
relief as a lifting (:func:`postsoviet.models.event_hazard.facts.relief_liftings`).
"""

from __future__ import annotations

from collections.abc import Iterable

RELIEF = "sanctions_relief"


def _cells(text: object) -> list[str]:
    """The ``;``-separated entries of a cell, stripped (none for an empty cell)."""
    return (
        [part.strip() for part in text.split(";") if part.strip()] if isinstance(text, str) else []
    )


def relief_parties(actors: object, tags: object, senders: Iterable[str]) -> tuple[str, str] | None:
    """``(sender, target)`` of a relief from its ``actors`` and ``tags`` cells: the first of two
    actors and the last, or, with one actor, the sender of ``senders`` a tag names (case aside)
    and the actor; None when neither reading gives two different parties."""
    named = _cells(actors)
    if not named:
        return None
    if len(named) == 2:
        sender = named[0]
    else:
        written = {tag.casefold() for tag in _cells(tags)}
        sender = next((s for s in sorted(senders) if s.casefold() in written), None)
    target = named[-1]
    if sender is None or sender == target:
        return None
    return sender, target
