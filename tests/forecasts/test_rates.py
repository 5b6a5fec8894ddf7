"""Annual rates in percent (WDI GDP growth and inflation): drawn as rates, not walked as levels,
known from the WDI's July release, and the exchange rates of euro states in one unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from postsoviet.forecasts.numeric import RATES, series_draws
from postsoviet.models.event_hazard.facts import facts_of

DAY = pd.Timestamp("2022-07-15")


def _draws(world, series: str, subject: str, period, n: int = 4000) -> tuple[np.ndarray, dict]:
    facts = facts_of(world.known_on(DAY))
    args = {"series": series, "subject": subject, "counterpart": "", "period": period}
    known = dict(facts.attributes[(series, subject)])
    return series_draws(facts, args, DAY, n, np.random.default_rng(0)), known


def test_growth_is_drawn_from_the_subjects_own_recent_years(world):
    """Russia's growth of 2024, asked in July 2022 (no release projects it yet): every draw is one
    of its own values of the last twenty years known then (2002-2021), so a fall has the share of
    years that fell (2009, 2015, 2020: 3 of 20)."""
    draws, known = _draws(world, "gdp_growth_pct", "RUS", 2024)
    recent = {v for y, v in known.items() if 2002 <= y <= 2021}
    assert max(known) == 2021 and len(recent) == 20
    assert set(np.unique(draws)) <= recent
    assert float(np.mean(draws < 0)) == pytest.approx(3 / 20, abs=0.02)


def test_inflation_walks_from_its_last_value_and_never_below_minus_100(world):
    """Belarus's inflation of 2024 and 2026 asked in July 2022 (no release projects them yet):
    centred on its last known value (2021), and spreading more for a later year."""
    near, known = _draws(world, "inflation_cpi_pct", "BLR", 2024)
    far, _ = _draws(world, "inflation_cpi_pct", "BLR", 2026)
    last = known[max(known)]
    assert max(known) == 2021
    assert np.median(near) == pytest.approx(last, rel=0.1)
    assert np.std(far) > np.std(near)
    assert far.min() > -100.0


def test_a_years_rate_is_known_from_the_wdi_july_release(world):
    """Year Y is known from 194 days after it ends (vintage_rules.csv), as the WDI's GDP: 2022's
    from 13 July 2023, not the day before."""

    def has_2022(day: str, variable: str) -> bool:
        rows = world.known_on(day).attributes
        return bool(
            (
                (rows["variable"] == variable) & (rows["iso3"] == "RUS") & (rows["year"] == 2022)
            ).any()
        )

    for variable in (*RATES, "exchange_rate_lcu_per_usd"):
        assert not has_2022("2023-07-12", variable)
        assert has_2022("2023-07-13", variable)


def test_euro_states_exchange_rates_are_in_euros_throughout(world):
    """Germany (euro from 1999) and Lithuania (2015): the WDI gives marks and litas per dollar
    before; divided by the fixed conversion rates, the year of entry is no jump."""
    rates = world.attributes[world.attributes["variable"] == "exchange_rate_lcu_per_usd"]
    for state, entry in (("DEU", 1999), ("LTU", 2015), ("EST", 2011), ("SVK", 2009)):
        by_year = rates[rates["iso3"] == state].set_index("year")["value"].astype(float)
        assert 0.7 < by_year[entry] / by_year[entry - 1] < 1.3


def test_everyday_names_reach_the_rates(world):
    from postsoviet.forecasts.forecast import forecast_targets
    from postsoviet.forecasts.quantities import QUANTITIES
    from postsoviet.forecasts.targets import Event, Target

    spec = QUANTITIES["series.value"]
    targets = [
        Target(
            name, DAY, spec, spec.parse({"series": name, "subject": "RUS", "period": 2023}, DAY),
            Event(">", 0.0),
        )
        for name in ("gdp_growth", "inflation", "exchange_rate")
    ]  # fmt: skip
    answers = forecast_targets(world, targets, draws=200)
    assert all(a.answered and 0.0 <= a.p <= 1.0 for a in answers)
