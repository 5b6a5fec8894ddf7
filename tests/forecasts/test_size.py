"""A settlement's size scales its gain hazard: a city withstands the push that takes a village."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from postsoviet.models.event_hazard import control_hazard, size, world_models
from postsoviet.models.event_hazard.facts import facts_of

DAY = pd.Timestamp("2022-07-15")


@pytest.fixture(scope="module")
def facts(world):
    return facts_of(world.known_on(DAY))


def _strata(beta: float) -> dict:
    """Two strata whose gains are exactly their expected counts under ``beta``."""
    rng = np.random.default_rng(1)
    strata = {}
    for key, rate in (("front", 0.3), ("rear", 0.02)):
        x = np.log(rng.uniform(1e3, 1e6, 40))
        years = rng.uniform(0.5, 8.0, 40)
        gains = years * rate * np.exp(beta * (x - x.mean()))
        strata[key] = list(zip(x, gains, years, strict=True))
    return strata


@pytest.mark.parametrize("beta", [-0.4, 0.0, 0.25])
def test_the_fit_recovers_a_known_slope(monkeypatch, beta):
    """With gains at their expected counts the stratified score is zero at the true slope; a
    weak prior leaves it there."""
    monkeypatch.setattr(size, "BETA_PRIOR_SD", 100.0)
    assert size.fit_beta(_strata(beta)) == pytest.approx(beta, abs=1e-3)


def test_the_prior_pulls_the_slope_toward_zero():
    free = -0.4
    assert free < size.fit_beta(_strata(free)) < 0.0


def test_no_gains_no_slope():
    assert size.fit_beta({}) == 0.0
    assert size.fit_beta({"k": [(math.log(1e4), 0.0, 3.0), (math.log(1e5), 0.0, 2.0)]}) == 0.0


def test_cities_are_slower_to_fall_than_towns_on_the_same_front(facts):
    """Known on 15 July 2022, the record already has large towns taken less often than villages
    in their stratum: Kharkiv (1.4 million) gets a smaller factor than Bakhmut (about 73,000),
    and Bakhmut a smaller one than Vuhledar (about 15,000)."""
    table = control_hazard.derived(facts, "control", control_hazard.control_history)
    beta, _ = size._fitted(facts, table)
    assert beta < 0.0

    def factor(town: str) -> float:
        return control_hazard.settlement_size_factor(facts, town, "RUS", DAY)

    assert factor("UKR:Kharkiv") < factor("UKR:Bakhmut") < factor("UKR:Vuhledar")


def test_the_factor_scales_the_gain_hazard(facts, monkeypatch):
    """Russia taking Kharkiv by 2025 with the factor is the same hazard over the window scaled by
    the factor; without a population the factor is 1."""
    a = {"place": "UKR:Kharkiv", "controller": "RUS"}
    years = 3.46
    with_size = world_models.p_world(facts, "control.gains", a, years)
    monkeypatch.setattr(control_hazard, "SIZE_FACTOR", False)
    without = world_models.p_world(facts, "control.gains", a, years)
    assert with_size < without
    monkeypatch.setattr(control_hazard, "SIZE_FACTOR", True)
    monkeypatch.delitem(facts.settlement_population, "UKR:Kharkiv")
    assert world_models.p_world(facts, "control.gains", a, years) == pytest.approx(without)
