"""Energy, frustration and margins of the landscape model (Axelrod & Bennett 1993, eqs. 1-3)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from postsoviet.errors import LandscapeError, PostsovietError
from postsoviet.models.landscape import canonical, energy, frustration, margins

SIZES = np.array([2.0, 1.0, 3.0])
PROPENSITIES = np.array([[0.0, 1.0, -2.0], [1.0, 0.0, 0.5], [-2.0, 0.5, 0.0]])


def test_energy_counts_each_unordered_pair_twice():
    """Eq. 3 p. 214 sums over ordered pairs: actor 2 apart from 0 and 1 costs 2*(6*-2 + 3*0.5)."""
    assert energy(SIZES, PROPENSITIES, [0, 0, 1]) == pytest.approx(2 * (2 * 3 * -2 + 1 * 3 * 0.5))


def test_energy_is_zero_when_everyone_is_together():
    assert energy(SIZES, PROPENSITIES, [0, 0, 0]) == 0.0


def test_energy_is_size_weighted_sum_of_frustrations():
    labels = [0, 1, 1]
    total = float(SIZES @ frustration(SIZES, PROPENSITIES, labels))
    assert energy(SIZES, PROPENSITIES, labels) == pytest.approx(total)


def test_frustration_sums_sizes_times_propensities_of_actors_apart():
    """Eq. 2 p. 214: F_0 = s_1 p_01 + s_2 p_02 when actor 0 is alone."""
    assert frustration(SIZES, PROPENSITIES, [0, 1, 1])[0] == pytest.approx(1.0 - 6.0)


def test_energy_ignores_labels_names():
    assert energy(SIZES, PROPENSITIES, [5, 5, 2]) == energy(SIZES, PROPENSITIES, [0, 0, 1])


def test_canonical_numbers_coalitions_by_first_appearance():
    assert canonical([4, 1, 4, 7]).tolist() == [0, 1, 0, 2]


def test_margins_are_negative_for_an_actor_that_would_gain_by_moving():
    """Actor 2 sits with its enemy 0 (p = -2) and apart from its friend 1 (p = 0.5): moving lowers
    its frustration by 2 * 2 + 1 * 0.5."""
    m = margins(SIZES, PROPENSITIES, [0, 1, 0])
    assert m[2] == pytest.approx(-(2.0 * 2.0) - 1.0 * 0.5)


def test_margins_respect_the_coalition_limit():
    """With three coalitions allowed, actor 0 may leave {0, 1} for a new coalition."""
    two = margins(SIZES, PROPENSITIES, [0, 0, 1], coalitions=2)
    three = margins(SIZES, PROPENSITIES, [0, 0, 1], coalitions=3)
    assert three[0] == pytest.approx(min(two[0], 1.0))
    assert three[0] < two[0]


@pytest.mark.parametrize(
    ("sizes", "propensities", "expected"),
    [
        ([1.0, -1.0], [[0, 1], [1, 0]], r"sizes\[1\]: expected a finite size > 0"),
        ([1.0, 0.0], [[0, 1], [1, 0]], r"sizes\[1\]"),
        ([1.0, 2.0], [[0, 1], [2, 0]], r"propensities\[\d, \d\] = .* expected a symmetric matrix"),
        ([1.0, 2.0], [[0, np.nan], [np.nan, 0]], r"propensities\[0, 1\]: expected a finite"),
        ([1.0, 2.0], [[0, 1, 1], [1, 0, 1]], r"propensities: expected shape \(2, 2\)"),
        ([1.0], [[0]], r"sizes: expected a 1-D array of at least 2 actors"),
    ],
)
def test_bad_inputs_raise_a_named_error(sizes, propensities, expected):
    with pytest.raises(LandscapeError, match=expected) as info:
        energy(sizes, propensities, [0] * len(sizes))
    assert isinstance(info.value, PostsovietError)


def test_labels_of_the_wrong_length_are_refused():
    with pytest.raises(LandscapeError, match="labels: expected 3 coalition labels"):
        energy(SIZES, PROPENSITIES, [0, 1])


@st.composite
def positive_problems(draw):
    n = draw(st.integers(2, 9))
    sizes = draw(arrays(float, n, elements=st.floats(0.01, 100.0)))
    upper = draw(arrays(float, (n, n), elements=st.floats(0.0, 10.0)))
    labels = draw(arrays(np.int64, n, elements=st.integers(0, 3)))
    return sizes, np.triu(upper, 1) + np.triu(upper, 1).T, labels


@settings(max_examples=60, deadline=None)
@given(positive_problems())
def test_energy_is_non_negative_when_all_propensities_are_positive(problem):
    sizes, propensities, labels = problem
    assert energy(sizes, propensities, labels) >= 0.0
