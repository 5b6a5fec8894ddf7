"""Designs are reproducible from their seed, and Sobol indices match a function with known ones."""

from __future__ import annotations

import numpy as np
import pytest

from postsoviet.runs import analyze, sample
from postsoviet.runs.examples import Ishigami
from postsoviet.runs.executors import execute


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol", "morris", "fast"])
def test_the_same_seed_gives_the_same_design(method):
    problem = Ishigami.problem()
    first = sample(problem, 128, seed=7, method=method)
    again = sample(problem, 128, seed=7, method=method)
    other = sample(problem, 128, seed=8, method=method)
    assert np.array_equal(first.values, again.values)
    assert not np.array_equal(first.values, other.values)
    assert first.values.min() >= -np.pi and first.values.max() <= np.pi


def test_a_generator_seed_is_recorded_as_an_integer():
    design = sample(Ishigami.problem(), 16, seed=np.random.default_rng(3), method="mc")
    assert isinstance(design.seed, int)
    assert np.array_equal(design.values, sample(Ishigami.problem(), 16, seed=design.seed).values)


def test_sobol_indices_of_ishigami_match_the_analytic_values():
    """Ishigami and Homma (1990); analytic indices: Saltelli et al. (2008), The Primer, 4.4."""
    function = Ishigami()
    problem = Ishigami.problem()
    design = sample(problem, 2**13, seed=2011, method="sobol")
    outputs = execute(function, design.values, seed=2011).outputs
    table = analyze(problem, outputs, method="sobol", labels=function.labels).to_df()
    expected = function.indices()
    for index in ("S1", "ST"):
        rows = table[table["index"] == index].set_index("input")
        for name, value in zip(("x1", "x2", "x3"), expected[index], strict=True):
            estimate, conf = rows.loc[name, "value"], rows.loc[name, "conf"]
            assert abs(estimate - value) <= conf, (index, name, estimate, value, conf)


def test_morris_ranks_x3_below_x1_on_its_own_but_not_overall():
    problem = Ishigami.problem()
    design = sample(problem, 64, seed=1, method="morris")
    outputs = execute(Ishigami(), design.values, seed=1).outputs
    table = analyze(problem, outputs, method="morris", unit=design.unit).to_df()
    mu_star = table[table["index"] == "mu_star"].set_index("input")["value"]
    assert (mu_star > 0).all()
    assert mu_star["x3"] < mu_star["x2"]
