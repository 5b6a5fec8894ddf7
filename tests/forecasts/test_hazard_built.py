"""A model quantity whose draws are hazards of change (the frontier's NATO accessions) goes through
the asked map like the hazards' own questions: as a change when its event does not hold on the
cutoff, as a state when it does (and then, of unsaid origin, as posed, like every state said to
last)."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.forecasts import calibration, forecast_targets
from postsoviet.forecasts.forecast import clipped
from postsoviet.forecasts.quantities import QUANTITIES
from postsoviet.forecasts.targets import Event, Target

DAY = pd.Timestamp("2022-04-20")
MAPS = calibration.Calibration(
    asked={
        "change": calibration.AskedMap(a=0.3, b=0.5, n=40),
        "state": calibration.AskedMap(a=-0.2, b=0.9, n=40, recall=1.0),
    }
)


def _frontier(ident: str, km: float) -> Target:
    spec = QUANTITIES["frontier.length"]
    args = spec.parse({"on": "2024-06-30"}, DAY)
    return Target(ident, DAY, spec, args, Event(">", km))


def test_the_frontier_is_asked_as_a_change_or_a_state(world):
    """On 2022-04-20 Russia's land border with NATO was about 1,200 km. "Over 2,000 km in mid-2024"
    needs a state to join (Finland applied in May): mapped as a change, from the raw answer. "Over
    1,000 km" holds already: mapped as a state, read as posed."""
    targets = [_frontier("longer", 2000.0), _frontier("holds", 1000.0)]
    raw = {f.id: f for f in forecast_targets(world, targets)}
    mapped = {f.id: f for f in forecast_targets(world, targets, calibration_on=lambda day: MAPS)}
    assert raw["longer"].p < 0.05 and raw["holds"].p > 0.95
    for ident, kind, origin in (("longer", "change", None), ("holds", "state", "posed")):
        expected = clipped(MAPS.apply_asked(kind, clipped(raw[ident].p_raw), origin))
        assert mapped[ident].p == pytest.approx(expected, abs=1e-9)
        assert mapped[ident].p_raw == raw[ident].p_raw
    assert mapped["longer"].p > raw["longer"].p
