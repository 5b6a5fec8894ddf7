"""World.known_on: a data vintage keeps what was known on the cutoff and censors later ends."""

from __future__ import annotations

import pandas as pd

from postsoviet import World


def test_known_on_drops_rows_known_after_the_cutoff(world: World) -> None:
    vintage = world.known_on("2022-07-15")
    assert (vintage.sanctions["date"] <= pd.Timestamp("2022-07-15")).all()
    assert (vintage.attributes["year"] <= 2021).all()
    assert vintage.cutoff == pd.Timestamp("2022-07-15")


def test_known_on_censors_end_dates_after_the_cutoff(world: World) -> None:
    control = world.known_on("2022-07-15").region_control
    assert (control["until"].isna() | (control["until"] <= pd.Timestamp("2022-07-15"))).all()
    assert len(control) > 0


def test_known_on_keeps_history_before_the_cutoff(world: World) -> None:
    memberships = world.known_on("2022-07-15").memberships
    assert (memberships["left"].dropna() <= pd.Timestamp("2022-07-15")).all()
    assert memberships["left"].notna().any()
