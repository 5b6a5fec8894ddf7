"""Distributions map quantiles to values; judgment values get the documented default spread."""

from __future__ import annotations

import numpy as np
import pytest

from postsoviet.errors import PostsovietError
from postsoviet.runs.distributions import Distribution, judgment_spread

U = np.linspace(0.0, 1.0, 101)


@pytest.mark.parametrize(
    ("kind", "params", "low", "high"),
    [
        ("uniform", (1.0, 3.0), 1.0, 3.0),
        ("triangular", (0.0, 1.0, 4.0), 0.0, 4.0),
        ("truncnormal", (0.0, 1.0, -0.5, 2.0), -0.5, 2.0),
        ("discrete", (2.0, 5.0, 7.0), 2.0, 7.0),
    ],
)
def test_bounded_distributions_stay_within_their_bounds(kind, params, low, high):
    values = Distribution(kind, params).ppf(U)
    assert values.min() >= low - 1e-9
    assert values.max() <= high + 1e-9
    assert np.all(np.diff(values) >= 0)


def test_normal_quantiles_are_finite_at_the_edges_of_a_morris_grid():
    values = Distribution("normal", (0.0, 1.0)).ppf(np.array([0.0, 0.5, 1.0]))
    assert np.isfinite(values).all()
    assert values[1] == 0.0


def test_judgment_spread_is_triangular_plus_minus_half():
    assert judgment_spread(2.0) == Distribution("triangular", (1.0, 2.0, 3.0))
    assert judgment_spread(-0.3).params == pytest.approx((-0.45, -0.3, -0.15))
    assert judgment_spread(0.8, high=1.0).params == (0.4, 0.8, 1.0)


def test_a_bad_distribution_names_what_was_expected():
    with pytest.raises(PostsovietError, match=r"expected low <= mode <= high"):
        Distribution("triangular", (1.0, 0.0, 2.0))
    with pytest.raises(PostsovietError, match=r"unknown distribution 'beta'"):
        Distribution("beta", (1.0, 1.0))
