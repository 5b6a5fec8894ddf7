"""World queries: what holds on a day, dated rows in a window, the latest observation."""

from __future__ import annotations

import pandas as pd

from postsoviet import World


def test_holding_keeps_the_periods_running_that_day(world: World) -> None:
    def nato_members(day: str) -> set[str]:
        rows = world.holding("memberships", day)
        return set(rows.query("organization == 'NATO' and status == 'member'")["iso3"])

    assert "FIN" in nato_members("2023-04-04")
    assert "FIN" not in nato_members("2023-04-03")


def test_latest_is_the_last_observation_up_to_the_day(world: World) -> None:
    price = world.latest("gas_import_price_usd_per_1000m3", "BLR", "2012-06-30", counterpart="RUS")
    assert price is not None
    assert price.date == pd.Timestamp("2012-01-01")
    assert price.value == 164.0
    assert world.latest("gas_import_price_usd_per_1000m3", "BLR", "1990-01-01") is None


def test_dated_keeps_a_window(world: World) -> None:
    rows = world.dated("sanctions", "2022-03-31", since="2022-02-23")
    assert (rows["date"] > pd.Timestamp("2022-02-23")).all()
    assert (rows["date"] <= pd.Timestamp("2022-03-31")).all()
    assert len(rows) > 0
