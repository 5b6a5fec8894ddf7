"""Steepest descent after a perturbation, and the seeded heuristic against exact enumeration."""

from __future__ import annotations

import numba
import numpy as np
import pytest

from postsoviet.errors import LandscapeError
from postsoviet.models.landscape import descend, exact_landscape, heuristic_landscape


def _random_problem(n, seed):
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.normal(size=(n, n)), 1)
    return rng.uniform(0.1, 5.0, n), upper + upper.T


def test_descent_from_a_stable_configuration_moves_nobody():
    sizes, propensities = _random_problem(9, seed=4)
    stable = exact_landscape(sizes, propensities).minima[0]
    result = descend(sizes, propensities, np.array(stable.labels))
    assert result.moved == ()
    assert result.steps == 0
    assert result.end == stable.labels


def test_an_actor_switches_side_when_its_friendship_turns_to_enmity():
    """Three friends together; make actor 2 hate the other two and it leaves, alone."""
    sizes = np.array([1.0, 1.0, 1.0])
    friends = np.ones((3, 3))
    assert descend(sizes, friends, [0, 0, 0]).moved == ()
    shocked = friends.copy()
    shocked[2, :2] = shocked[:2, 2] = -1.0
    result = descend(sizes, shocked, [0, 0, 0])
    assert result.moved == (2,)
    assert result.end == (0, 0, 1)
    assert result.energy_end == pytest.approx(-4.0)


def test_descent_refuses_labels_beyond_the_coalition_limit():
    sizes, propensities = _random_problem(3, seed=0)
    with pytest.raises(LandscapeError, match="start: labels must be < coalitions=2"):
        descend(sizes, propensities, [0, 1, 2])


def test_heuristic_finds_every_exact_minimum_with_its_basin_share():
    """For two coalitions a uniform random labelling is a uniform random configuration, so the
    share of restarts ending in a minimum estimates its exact basin share."""
    sizes, propensities = _random_problem(12, seed=11)
    exact = exact_landscape(sizes, propensities)
    sampled = heuristic_landscape(sizes, propensities, restarts=20_000, seed=5)
    assert [c.labels for c in sampled.minima] == [c.labels for c in exact.minima]
    for got, expected in zip(sampled.minima, exact.minima, strict=True):
        assert got.energy == pytest.approx(expected.energy)
        assert got.basin_share == pytest.approx(expected.basin_share, abs=0.015)
    assert sampled.method == "heuristic"
    assert sampled.configurations == 20_000


def test_heuristic_minima_are_exact_minima_for_three_coalitions():
    sizes, propensities = _random_problem(10, seed=8)
    exact = {c.labels: c.energy for c in exact_landscape(sizes, propensities, coalitions=3).minima}
    sampled = heuristic_landscape(sizes, propensities, coalitions=3, restarts=3000, seed=1)
    assert {c.labels for c in sampled.minima} == exact.keys()
    assert sampled.minima[0].energy == pytest.approx(min(exact.values()))


def test_heuristic_is_reproducible_from_a_seed_or_a_generator():
    sizes, propensities = _random_problem(40, seed=2)
    first = heuristic_landscape(sizes, propensities, restarts=300, seed=9)
    again = heuristic_landscape(sizes, propensities, restarts=300, seed=np.random.default_rng(9))
    assert first == again


def test_heuristic_gives_identical_results_on_one_thread_and_many():
    sizes, propensities = _random_problem(30, seed=6)
    many = heuristic_landscape(sizes, propensities, coalitions=3, restarts=400, seed=3)
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        one = heuristic_landscape(sizes, propensities, coalitions=3, restarts=400, seed=3)
    finally:
        numba.set_num_threads(threads)
    assert one == many


def test_exact_enumeration_gives_identical_results_on_one_thread_and_many():
    sizes, propensities = _random_problem(16, seed=6)
    many = exact_landscape(sizes, propensities)
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        one = exact_landscape(sizes, propensities)
    finally:
        numba.set_num_threads(threads)
    assert one == many


def test_heuristic_refuses_zero_restarts():
    sizes, propensities = _random_problem(3, seed=0)
    with pytest.raises(LandscapeError, match="restarts: expected an integer >= 1"):
        heuristic_landscape(sizes, propensities, restarts=0)
