"""Exact enumeration against an independent brute force, and the property suite of issue 4."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from postsoviet.errors import LandscapeError
from postsoviet.models.landscape import exact_landscape, margins
from postsoviet.models.landscape.energy import tolerance


def _weights(sizes, propensities):
    w = np.outer(sizes, sizes) * propensities
    np.fill_diagonal(w, 0.0)
    return w


def _partitions(n, k):
    """Every partition of n actors into at most k coalitions, as first-appearance label tuples."""
    seen = set()
    for labels in itertools.product(range(k), repeat=n):
        first = {}
        seen.add(tuple(first.setdefault(v, len(first)) for v in labels))
    return sorted(seen)


def _brute(sizes, propensities, k):
    """Stable configurations and steepest-descent basins, straight from the definitions.

    Energy is the ordered-pair sum; moves are single actors to another coalition (or a new one
    while fewer than k are in use); a move happens when it lowers the energy by more than the
    tolerance, the steepest one, ties to the lowest actor then the first target.
    """
    w = _weights(sizes, propensities)
    tol = tolerance(w)
    configs = _partitions(len(sizes), k)
    labels = np.array(configs)
    energies = (w[None] * (labels[:, :, None] != labels[:, None, :])).sum(axis=(1, 2))
    energy = dict(zip(configs, energies, strict=True))

    def step(config):
        used = max(config) + 1
        moves = []
        for actor in range(len(config)):
            for target in range(used + (used < k)):
                if target == config[actor]:
                    continue
                moved = list(config)
                moved[actor] = target
                first = {}
                moved = tuple(first.setdefault(v, len(first)) for v in moved)
                moves.append((energy[config] - energy[moved], moved))
        best = max((gain for gain, _ in moves), default=0.0)
        if best <= tol:
            return config
        return next(moved for gain, moved in moves if gain >= best - tol)

    basins = {}
    for config in configs:
        end = config
        while (nxt := step(end)) != end:
            end = nxt
        basins[end] = basins.get(end, 0) + 1
    return {config: (energy[config], count) for config, count in basins.items()}, len(configs)


def _random_problem(n, seed):
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.normal(size=(n, n)), 1)
    return rng.uniform(0.1, 5.0, n), upper + upper.T


@st.composite
def problems(draw, max_n=8, integer=False):
    n = draw(st.integers(2, max_n))
    sizes = draw(arrays(float, n, elements=st.floats(0.05, 20.0)))
    values = st.integers(-3, 3).map(float) if integer else st.floats(-10.0, 10.0)
    upper = np.triu(draw(arrays(float, (n, n), elements=values)), 1)
    return sizes, upper + upper.T


def _as_dict(landscape):
    return {c.labels: (c.energy, c.basin) for c in landscape.minima}


@pytest.mark.parametrize(("n", "k"), [(6, 2), (9, 2), (5, 3), (6, 4)])
def test_minima_energies_and_basins_match_brute_force(n, k):
    sizes, propensities = _random_problem(n, seed=n * 10 + k)
    expected, total = _brute(sizes, propensities, k)
    landscape = exact_landscape(sizes, propensities, coalitions=k)
    assert landscape.configurations == total
    got = _as_dict(landscape)
    assert got.keys() == expected.keys()
    for config, (energy, basin) in expected.items():
        assert got[config][0] == pytest.approx(energy)
        assert got[config][1] == basin


@settings(max_examples=40, deadline=None)
@given(problems(integer=True))
def test_minima_match_brute_force_even_with_ties(problem):
    """Integer propensities make many exact ties; stable means no move gains more than rounding."""
    sizes, propensities = problem
    expected, _ = _brute(sizes, propensities, 2)
    got = _as_dict(exact_landscape(sizes, propensities))
    assert got.keys() == expected.keys()
    assert [b for _, b in got.values()] == [expected[c][1] for c in got]


@settings(max_examples=40, deadline=None)
@given(problems(max_n=10))
def test_global_minimum_equals_brute_force_up_to_ten_actors(problem):
    sizes, propensities = problem
    n = sizes.size
    w = _weights(sizes, propensities)
    bits = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    lowest = (w[None] * (bits[:, :, None] != bits[:, None, :])).sum(axis=(1, 2)).min()
    landscape = exact_landscape(sizes, propensities)
    tolerance = 1e-9 * np.abs(w).sum() + np.finfo(float).tiny  # subnormal weights: see below
    assert landscape.global_minima[0].energy == pytest.approx(lowest, abs=tolerance)
    assert landscape.minima[0].is_global


@settings(max_examples=40, deadline=None)
@given(problems(max_n=9), st.integers(2, 3))
def test_every_reported_minimum_has_no_improving_single_move(problem, k):
    sizes, propensities = problem
    scale = np.abs(_weights(sizes, propensities)).sum(axis=1).max() / sizes.min()
    for config in exact_landscape(sizes, propensities, coalitions=k).minima:
        lowest = margins(sizes, propensities, np.array(config.labels), coalitions=k).min()
        # relative rounding, and at least the smallest normal double: weights that underflow to
        # subnormals (a scale of 5e-324) leave margins of -5e-324 that are rounding, not a move
        assert lowest >= -1e-8 * scale - np.finfo(float).tiny


@settings(max_examples=40, deadline=None)
@given(problems(max_n=9), st.integers(2, 3))
def test_basins_sum_to_the_number_of_configurations(problem, k):
    sizes, propensities = problem
    landscape = exact_landscape(sizes, propensities, coalitions=k)
    assert sum(c.basin for c in landscape.minima) == landscape.configurations
    assert sum(c.basin_share for c in landscape.minima) == pytest.approx(1.0)


def test_two_coalitions_have_two_to_the_n_minus_one_configurations():
    sizes, propensities = _random_problem(12, seed=1)
    assert exact_landscape(sizes, propensities).configurations == 2**11


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 11), st.integers(0, 2**32 - 1), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_actor_order(n, seed, random):
    """Same partitions, energies and basins after renumbering the actors (continuous inputs: no ties)."""
    sizes, propensities = _random_problem(n, seed)
    order = list(range(n))
    random.shuffle(order)

    def partitions(landscape, names):
        return {
            (frozenset(frozenset(g) for g in c.coalitions(names)), c.basin): c.energy
            for c in landscape.minima
        }

    before = partitions(exact_landscape(sizes, propensities), range(n))
    after = partitions(exact_landscape(sizes[order], propensities[np.ix_(order, order)]), order)
    assert before.keys() == after.keys()
    for key, value in before.items():
        assert after[key] == pytest.approx(value)


def test_gray_code_and_partition_enumeration_agree_for_two_coalitions():
    """The two-coalition Gray code and the general partition scan are separate code paths."""
    from postsoviet.models.landscape.enumerate import _many_coalitions, _two_coalitions

    sizes, propensities = _random_problem(11, seed=7)
    w = _weights(sizes, propensities)
    assert _two_coalitions(w, True, 2) == _many_coalitions(w, 2, 2)


def test_minima_without_basins_are_the_same_minima():
    sizes, propensities = _random_problem(14, seed=3)
    with_basins = exact_landscape(sizes, propensities)
    without = exact_landscape(sizes, propensities, basins=False)
    assert [c.labels for c in with_basins.minima] == [c.labels for c in without.minima]
    assert all(c.basin is None for c in without.minima)


def test_more_coalitions_than_actors_is_the_same_as_one_per_actor():
    sizes, propensities = _random_problem(4, seed=2)
    assert _as_dict(exact_landscape(sizes, propensities, coalitions=9)) == _as_dict(
        exact_landscape(sizes, propensities, coalitions=4)
    )


def test_too_many_actors_for_exact_enumeration_is_refused():
    sizes, propensities = _random_problem(29, seed=0)
    with pytest.raises(LandscapeError, match=r"29 actors is too many .* use the heuristic"):
        exact_landscape(sizes, propensities)


def test_too_many_labellings_for_many_coalitions_is_refused():
    sizes, propensities = _random_problem(13, seed=0)
    with pytest.raises(LandscapeError, match=r"4\^13 labellings"):
        exact_landscape(sizes, propensities, coalitions=4)


def test_fewer_than_two_coalitions_is_refused():
    sizes, propensities = _random_problem(3, seed=0)
    with pytest.raises(LandscapeError, match="coalitions: expected an integer >= 2"):
        exact_landscape(sizes, propensities, coalitions=1)
