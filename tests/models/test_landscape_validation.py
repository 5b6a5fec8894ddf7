"""The landscape model against Axelrod & Bennett (BJPS 23, 1993): the 1936 Europe case.

Data in tests/data/landscape (see its README): sizes verbatim from Table 1 p. 223, the published
configurations from Table 1 and p. 222, and propensities *reconstructed* from the paper's rule.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from postsoviet.models.landscape import descend, energy, exact_landscape, margins

DATA = Path(__file__).parents[1] / "data" / "landscape"
GREAT_POWERS = ["Britain", "France", "Germany", "Italy", "Soviet Union"]


@pytest.fixture(scope="module")
def sizes() -> pd.Series:
    return pd.read_csv(DATA / "wwii_1936_sizes.csv").set_index("actor")["size"]


@pytest.fixture(scope="module")
def reconstructed(sizes) -> np.ndarray:
    index = {actor: i for i, actor in enumerate(sizes.index)}
    table = pd.read_csv(DATA / "wwii_1936_propensities_RECONSTRUCTED.csv")
    p = np.zeros((len(index), len(index)))
    for row in table.itertuples():
        p[index[row.actor_a], index[row.actor_b]] = row.propensity
        p[index[row.actor_b], index[row.actor_a]] = row.propensity
    return p


@pytest.fixture(scope="module")
def published(sizes) -> pd.DataFrame:
    table = pd.read_csv(DATA / "wwii_1936_published_configurations.csv").set_index("actor")
    assert list(table.index) == list(sizes.index)
    return table


def _realist(n: int) -> np.ndarray:
    return -np.ones((n, n))


def _partition(config, names):
    return frozenset(frozenset(group) for group in config.coalitions(names))


def test_realist_control_gives_four_configurations_for_the_great_powers(sizes):
    """p. 224: all propensities -1, five great powers: exactly 4 stable configurations, none of
    them Britain, France, Soviet Union vs Germany, Italy."""
    s = sizes[GREAT_POWERS].to_numpy()
    landscape = exact_landscape(s, _realist(5))
    assert len(landscape.minima) == 4
    allies = frozenset(
        {frozenset({"Britain", "France", "Soviet Union"}), frozenset({"Germany", "Italy"})}
    )
    assert allies not in {_partition(c, GREAT_POWERS) for c in landscape.minima}


def test_realist_great_powers_basins_follow_steepest_descent(sizes):
    """16 configurations; steepest descent (fn. 33) splits them 7, 5, 3, 1 by ascending energy."""
    landscape = exact_landscape(sizes[GREAT_POWERS].to_numpy(), _realist(5))
    assert [c.basin for c in landscape.minima] == [7, 5, 3, 1]
    assert landscape.configurations == 16


def test_reported_energies_sum_over_ordered_pairs(sizes):
    """Eq. 3 p. 214: the lowest realist configuration, Britain + Soviet Union vs the other three."""
    s = sizes[GREAT_POWERS].to_numpy()
    best = exact_landscape(s, _realist(5)).minima[0]
    assert _partition(best, GREAT_POWERS) == {
        frozenset({"Britain", "Soviet Union"}),
        frozenset({"France", "Germany", "Italy"}),
    }
    apart = (7.45 + 15.01) * (5.32 + 11.49 + 4.03)
    assert best.energy == pytest.approx(-2 * apart)


def test_realist_control_for_seventeen_nations_counts_exact_ties_as_stable(sizes):
    """p. 224 reports 209 stable configurations. With the sizes as printed (two decimals) we find
    226: 195 strictly stable and 31 where one nation is exactly indifferent (the two sides differ
    by exactly its size), which the dynamic leaves in place."""
    s = sizes.to_numpy()
    landscape = exact_landscape(s, _realist(17))
    assert landscape.configurations == 2**16
    assert sum(c.basin for c in landscape.minima) == 2**16
    assert len(landscape.minima) == 226
    firmness = [margins(s, _realist(17), np.array(c.labels)).min() for c in landscape.minima]
    assert sum(m > 1e-9 for m in firmness) == 195


def test_realist_count_brackets_the_published_209_within_rounding(sizes):
    """Sizes redrawn uniformly within their printed rounding (+-0.005) give counts around 209."""
    rng = np.random.default_rng(1993)
    counts = [
        len(
            exact_landscape(
                sizes.to_numpy() + rng.uniform(-0.005, 0.005, 17), _realist(17), basins=False
            ).minima
        )
        for _ in range(20)
    ]
    assert min(counts) < 209 < max(counts)


def test_reconstructed_propensities_give_one_minimum_soviet_union_alone(sizes, reconstructed):
    """The reconstruction (not the paper's data) has a single minimum that attracts everything."""
    landscape = exact_landscape(sizes.to_numpy(), reconstructed)
    assert len(landscape.minima) == 1
    only = landscape.minima[0]
    assert only.basin == 2**16
    assert _partition(only, list(sizes.index)) == {
        frozenset({"Soviet Union"}),
        frozenset(set(sizes.index) - {"Soviet Union"}),
    }
    assert only.energy == pytest.approx(-3012.507)


def test_published_configurations_are_not_stable_under_the_reconstruction(
    sizes, reconstructed, published
):
    """Config. 2 (Soviet Union, Yugoslavia, Greece vs the rest) loses Yugoslavia and Greece."""
    s = sizes.to_numpy()
    for column in ("config1", "config2"):
        labels = pd.factorize(published[column])[0]
        assert margins(s, reconstructed, labels).min() < 0
    second = descend(s, reconstructed, pd.factorize(published["config2"])[0])
    assert [sizes.index[i] for i in second.moved] == ["Yugoslavia", "Greece"]
    assert second.energy_end < second.energy_start
    assert second.energy_end == pytest.approx(
        energy(s, reconstructed, np.array(second.end)), rel=1e-12
    )
