"""Legal floors of defence spending (attributes ``milex_floor_share_gdp_pct``): known from the
publication of the law that sets them, and a floor under the walk of the share of GDP spent."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from postsoviet.forecasts import forecast_targets, numeric
from postsoviet.forecasts.targets import parse_targets
from postsoviet.models.event_hazard.facts import facts_of

FLOOR = "milex_floor_share_gdp_pct"


def _floors(world, day: str, subject: str) -> dict[int, float]:
    facts = facts_of(world.known_on(pd.Timestamp(day)))
    return dict(facts.attributes.get((FLOOR, subject), []))


def test_a_floor_set_in_advance_is_known_from_its_law_not_its_year(world):
    """Poland's Homeland Defence Act of March 2022 set at least 3% of GDP from 2023: known once the
    reports of its signing are out (March 2022), years before 2023 ends."""
    assert 2023 not in _floors(world, "2022-03-30", "POL")
    assert _floors(world, "2022-04-01", "POL")[2023] == 3.0
    assert _floors(world, "2022-04-01", "POL")[2030] == 3.0


def test_the_record_of_floors_met_is_read_from_the_vintage(world):
    """Poland and Latvia spent close to their floors: the log ratio of the share spent to the floor
    has a mean near 0 and a spread near a tenth, over every year the vintage holds both."""
    facts = facts_of(world.known_on(pd.Timestamp("2022-07-15")))
    mean, spread, n = numeric.floor_record(facts, "milex_share_gdp_pct")
    assert n >= 20
    assert abs(mean) < 0.1 and 0.05 < spread < 0.25


def test_the_walk_is_held_at_its_floor(world):
    facts = facts_of(world.known_on(pd.Timestamp("2022-07-15")))
    rng = np.random.default_rng(0)
    asked = {"series": "milex_share_gdp_pct", "subject": "POL", "period": 2024, "counterpart": None}
    floor = numeric.floor_draws(facts, asked, 4000, rng)
    assert floor is not None and 2.8 < np.median(floor) < 3.2
    walked = numeric.series_draws(facts, asked, pd.Timestamp("2022-07-15"), 4000, rng)
    assert np.median(walked) >= np.median(floor) - 0.05
    # no floor: a state without a law, a series without floors
    assert numeric.floor_draws(facts, {**asked, "subject": "LTU"}, 10, rng) is None
    assert numeric.floor_draws(facts, {**asked, "series": "milex_usd"}, 10, rng) is None


def test_poland_passing_three_percent_is_no_longer_a_long_shot(world):
    """Asked in July 2022 whether Poland's 2024 share of GDP would pass 3% (it was 4.2%): the walk
    from 2.2% alone gave 0.10; with the law's floor about a half."""
    (target,), _ = parse_targets(
        {
            "targets": [
                {
                    "id": "pol",
                    "asked_on": "2022-07-15",
                    "quantity": "series.value",
                    "args": {"series": "milex_share_gdp_pct", "subject": "POL", "period": 2024},
                    "event": {"op": ">", "value": 3.0},
                }
            ]
        }
    )
    (answer,) = forecast_targets(world, [target], draws=1000, seed=1)
    assert answer.answered
    assert answer.p == pytest.approx(0.5, abs=0.2)
