"""An organisation wound up (EurAsEC, 2015-01-01): unknown before, and no member, entrant or
leaver after."""

from __future__ import annotations

import pandas as pd

from postsoviet.forecasts import forecast_targets
from postsoviet.forecasts.history import generate
from postsoviet.forecasts.targets import parse_targets
from postsoviet.models.event_hazard.facts import index_world


def _question(asked_on: str, by: str):
    return parse_targets(
        {
            "targets": [
                {
                    "id": "q",
                    "asked_on": asked_on,
                    "quantity": "membership.starts",
                    "args": {"actor": "UZB", "org": "EURASEC", "by": by},
                }
            ]
        }
    )[0]


def test_a_vintage_before_the_dissolution_does_not_know_it(world):
    before = index_world(world.known_on("2014-06-01"))
    after = index_world(world.known_on("2015-06-01"))
    assert "EURASEC" in before.organizations and "EURASEC" not in before.dissolved
    assert after.dissolved["EURASEC"] == pd.Timestamp("2015-01-01")


def test_nobody_joins_a_dissolved_organisation(world):
    (after,) = forecast_targets(world, _question("2016-01-15", "2017-12-31"), draws=1)
    (before,) = forecast_targets(world, _question("2012-01-15", "2013-12-31"), draws=1)
    assert after.answered and after.p_raw == 0.0
    assert before.answered and before.p_raw > 0.0


def test_the_generated_history_asks_nothing_about_it_after(world):
    targets = generate(
        world, pd.Timestamp("2014-07-01"), pd.Timestamp("2015-07-01"), (0.5,), months=12
    )
    asked = {(r.target.asked_on.year, r.target.args.get("org")) for r in targets}
    assert (2014, "EURASEC") in asked
    assert (2015, "EURASEC") not in asked
