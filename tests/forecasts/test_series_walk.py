"""The random walk of numeric series: a drift learned from many years of changes, shrunk toward
none when the changes are few, and a year's value never carried over from an older one."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from postsoviet.forecasts.numeric import (
    DRIFT_PRIOR_YEARS,
    own_drift_prior,
    series_draws,
    walk_parameters,
)
from postsoviet.models.event_hazard.facts import facts_of


def test_many_years_of_growth_keep_their_drift():
    """Thirty subjects growing 5% a year for twenty years: the drift stays near 5%."""
    steps = [(math.log(1.05), 1.0)] * 600
    mu, sd = walk_parameters(steps, log=True)
    assert mu == pytest.approx(math.log(1.05) * 600 / (600 + DRIFT_PRIOR_YEARS))
    assert mu > 0.045
    assert sd == pytest.approx(math.log(1.05) * DRIFT_PRIOR_YEARS / (600 + DRIFT_PRIOR_YEARS))


def test_a_few_years_of_falls_are_no_trend():
    """Three years of 10% falls: the drift is shrunk to under a tenth of them."""
    mu, _ = walk_parameters([(math.log(0.9), 1.0)] * 3, log=True)
    assert math.log(0.9) / 10 < mu < 0.0


def test_a_share_does_not_drift():
    mu, sd = walk_parameters([(0.1, 1.0), (0.1, 1.0), (0.1, 1.0)], log=False)
    assert mu == 0.0
    assert sd == pytest.approx(0.1)


def test_one_change_gives_no_spread():
    mu, sd = walk_parameters([(0.1, 1.0)], log=True)
    assert mu == 0.0 and math.isnan(sd)


def test_gdp_is_more_likely_to_rise_than_to_fall(world):
    """Asked in July 2022 whether Russia's GDP of 2023 (current US$) tops that of 2021, the last
    known: the pooled drift of thirty states' GDP makes a rise more likely than not, where a walk
    without drift put it at even odds."""
    facts = facts_of(world.known_on("2022-07-15"))
    args = {"series": "gdp_usd", "subject": "RUS", "counterpart": "", "period": 2023}
    draws = series_draws(facts, args, pd.Timestamp("2022-07-15"), 4000, np.random.default_rng(0))
    last = dict(facts.attributes[("gdp_usd", "RUS")])[2021]
    assert 0.55 < float(np.mean(draws > last)) < 0.9


def test_a_years_value_is_never_the_last_one_carried_on(world):
    """A year's value is that year's own: no draw repeats the last known value exactly."""
    facts = facts_of(world.known_on("2022-07-15"))
    args = {"series": "milex_usd", "subject": "BLR", "counterpart": "", "period": 2024}
    draws = series_draws(facts, args, pd.Timestamp("2022-07-15"), 2000, np.random.default_rng(1))
    last = dict(facts.attributes[("milex_usd", "BLR")])[2021]
    assert not np.any(draws == last)


def test_subjects_whose_drifts_differ_keep_their_own():
    """Two steady growers and two steady shrinkers: the drifts differ far more than the noise,
    so each subject's own drift is trusted (a weight of the pooled one well under a year)."""
    grow = [(0.02, 1.0), (0.021, 1.0), (0.019, 1.0), (0.02, 1.0)]
    shrink = [(-0.01, 1.0), (-0.011, 1.0), (-0.009, 1.0), (-0.01, 1.0)]
    prior = own_drift_prior([grow, grow, shrink, shrink], mu=0.005)
    assert prior is not None
    assert prior.years < 0.1
    assert prior.within == pytest.approx(2e-6 / 3)


def test_noisy_subjects_with_one_drift_share_it():
    """Changes that scatter far more than the subjects differ (all drift 5% a year): the pooled
    drift outweighs each subject's twenty years of its own (None: not used at all)."""
    rng = np.random.default_rng(0)
    subjects = [[(float(c), 1.0) for c in rng.normal(0.05, 0.2, size=20)] for _ in range(30)]
    prior = own_drift_prior(subjects, mu=0.05)
    assert prior is None or prior.years > 5 * 20
    # too few subjects to tell
    assert own_drift_prior(subjects[:2], mu=0.05) is None


def test_a_growing_population_rises_and_a_shrinking_one_falls(world):
    """Asked in mid-2019 whether the 2024 population exceeds the last one known: Uzbekistan's
    grows every year, Latvia's shrinks (the pooled drift alone gave both about even odds)."""
    day = pd.Timestamp("2019-07-15")
    facts = facts_of(world.known_on(day))

    def p_rise(actor: str) -> float:
        last = max(facts.attributes[("population", actor)])[1]
        args = {"series": "population", "subject": actor, "counterpart": "", "period": 2024}
        draws = series_draws(facts, args, day, 2000, np.random.default_rng(1))
        return float(np.mean(draws > last))

    assert p_rise("UZB") > 0.9
    assert p_rise("LVA") < 0.1
