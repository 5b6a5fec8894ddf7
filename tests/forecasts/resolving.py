"""How the resolution tests pose a quantity: parse its arguments as of a day, resolve it."""

from __future__ import annotations

import pandas as pd

from postsoviet.forecasts.quantities import QUANTITIES
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import facts_of

D = pd.Timestamp


def outcome(world, name, asked_on, **raw):
    """The outcome of quantity ``name`` asked on ``asked_on`` with arguments ``raw``."""
    quantity = QUANTITIES[name]
    facts = facts_of(world)
    args = q.normalised(facts, quantity.parse(raw, D(asked_on)))
    return quantity.outcome(facts, args)
