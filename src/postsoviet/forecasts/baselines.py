"""Simple forecasts every project forecast is scored against, on the same targets.

- ``flat``: 0.5 for every binary target.
- ``persistence``: the state on ``asked_on`` carried forward, soft: 0.8 if it holds (for a "by"
  question: if the change already happened in the window), else 0.2; a numeric target with an
  event compares the value known on ``asked_on`` with the threshold.
- ``base_rate``: the frequency of that kind of change in the world's own history known at the
  cutoff: the hazard model with only its widest level (the family), no pooling toward the case.
"""

from __future__ import annotations

from postsoviet.forecasts.targets import Target
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import Facts
from postsoviet.models.event_hazard.world_models import p_world

FLAT = 0.5
SOFT = 0.8
BASELINES = ("flat", "persistence", "base_rate")


def _state(target: Target, facts: Facts) -> bool | None:
    quantity = target.quantity
    if quantity.state is None:
        return None
    try:
        args = q.normalised(facts, target.args)
    except q.UnanswerableError:
        return None
    value = quantity.state(facts, args, target.asked_on)
    if value is None:
        return None
    if target.event is not None:
        return target.event.holds(float(value))
    return bool(value) if quantity.kind == "binary" else None


def persistence(target: Target, facts: Facts) -> float:
    """The state on ``asked_on``, soft (0.5 when the world has no state for it)."""
    state = _state(target, facts)
    if state is None:
        return FLAT
    return SOFT if state else 1 - SOFT


def base_rate(target: Target, facts: Facts) -> float:
    """The family's base rate of the change (persistence where the family has no hazard)."""
    quantity = target.quantity
    if quantity.kind != "binary" or quantity.family == "model":
        return persistence(target, facts)
    try:
        args = q.normalised(facts, target.args)
    except q.UnanswerableError:
        return FLAT
    if quantity.change and quantity.state(facts, args, target.asked_on):
        return SOFT
    return p_world(facts, quantity.name, args, target.horizon_years, pooled=False)


def baseline_ps(target: Target, facts: Facts) -> dict[str, float]:
    """Every baseline's probability for a binary target."""
    return {
        "flat": FLAT,
        "persistence": persistence(target, facts),
        "base_rate": base_rate(target, facts),
    }
