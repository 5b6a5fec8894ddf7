"""Brier, log score, reliability and the Murphy decomposition on small hand-checked cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postsoviet.forecasts import scores
from postsoviet.forecasts.calibration import calibration_label, fit_calibration, fit_platt


def test_brier_of_a_coin_is_a_quarter():
    assert scores.brier([0.5, 0.5], [0, 1]) == 0.25


def test_brier_by_hand():
    # (0.9-1)^2 = 0.01, (0.2-0)^2 = 0.04, (0.6-0)^2 = 0.36; mean 0.41/3
    assert scores.brier([0.9, 0.2, 0.6], [1, 0, 0]) == pytest.approx(0.41 / 3)


def test_log_score_is_clipped():
    assert scores.log_score([0.0], [1]) == pytest.approx(-np.log(0.01))


def test_murphy_by_hand():
    """Murphy (1973): two forecast values, exact REL, RES and UNC."""
    p = np.array([0.2, 0.2, 0.8, 0.8])
    y = np.array([0, 1, 1, 1])
    parts = scores.murphy(p, y, bins=None)
    # o = 0.75: UNC = 0.1875; bins: f=0.2,o=0.5 and f=0.8,o=1
    assert parts["uncertainty"] == pytest.approx(0.1875)
    assert parts["reliability"] == pytest.approx((2 * 0.09 + 2 * 0.04) / 4)
    assert parts["resolution"] == pytest.approx((2 * 0.0625 + 2 * 0.0625) / 4)
    assert parts["within"] == pytest.approx(0.0)


@given(
    st.lists(
        st.tuples(st.sampled_from([0.1, 0.3, 0.5, 0.7, 0.9]), st.integers(0, 1)),
        min_size=1,
        max_size=60,
    )
)
def test_murphy_identity_holds_when_bins_are_the_forecasts(pairs):
    p = np.array([a for a, _ in pairs])
    y = np.array([b for _, b in pairs])
    parts = scores.murphy(p, y, bins=None)
    total = parts["reliability"] - parts["resolution"] + parts["uncertainty"]
    assert total == pytest.approx(scores.brier(p, y), abs=1e-12)


def test_reliability_table_counts_each_bin():
    table = scores.reliability_table([0.05, 0.07, 0.95], [0, 1, 1], bins=10)
    assert list(table["n"]) == [2, 1]
    assert list(table["observed"]) == [0.5, 1.0]


def test_coverage_share():
    assert scores.coverage([0, 0], [1, 1], [0.5, 2.0]) == 0.5


def test_platt_keeps_calibrated_forecasts_near_identity():
    rng = np.random.default_rng(1)
    p = rng.uniform(0.05, 0.95, 4000)
    y = rng.uniform(size=p.size) < p
    a, b = fit_platt(p, y)
    assert abs(a) < 0.15 and abs(b - 1) < 0.15


def test_platt_pulls_overconfident_forecasts_in():
    p = np.array([0.99] * 100 + [0.01] * 100)
    y = np.array([1] * 60 + [0] * 40 + [0] * 60 + [1] * 40)
    calibration = fit_calibration(["x"] * 200, p, y)
    assert 0.5 < calibration.apply("x", 0.99) < 0.7
    assert calibration.apply("other", 0.99) == 0.99


@pytest.mark.parametrize(
    ("quantity", "place", "label"),
    [
        ("control.gains", "UKR:Bakhmut", "control.gains:settlement"),
        ("control.holds", "UKR:Kherson", "control.holds:settlement"),
        ("control.gains", "UA-63", "control.gains"),
        ("control.holds", "crimea", "control.holds"),
        ("membership.starts", "", "membership.starts"),
    ],
)
def test_a_settlement_has_a_calibration_map_of_its_own(quantity, place, label):
    assert calibration_label(quantity, {"place": place, "controller": "RUS"}) == label
