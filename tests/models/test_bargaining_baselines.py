"""The weighted mean (compromise model) and weighted median (Condorcet winner)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postsoviet.errors import BargainingInputError
from postsoviet.models.bargaining import (
    Actors,
    mean_model,
    median_model,
    weighted_mean,
    weighted_median,
)

DATA = Path(__file__).parents[1] / "data" / "bargaining"


def test_weighted_mean_of_the_emission_example_is_7_389956(emission):
    """Bueno de Mesquita (1994), p. 78 inputs; the mean 7.389956 is the issue's stated value."""
    assert weighted_mean(emission.position, emission.weight) == pytest.approx(7.389956, abs=5e-7)


def test_weighted_median_of_the_emission_example_is_7(emission):
    """Scholz, Calbert and Smith (2011), Table 2, round 0: the median voter position is 7."""
    assert weighted_median(emission.position, emission.weight) == 7.0


def test_static_models_forecast_their_statistic_with_round_0_only(emission):
    mean, median = mean_model(emission), median_model(emission)
    assert [r.round for r in mean.rounds] == [0]
    assert mean.forecast == pytest.approx(7.389956, abs=5e-7)
    assert median.forecast == 7.0
    assert mean.to_dict()["rounds"][0]["positions"]["UK"] == 10.0


@pytest.mark.parametrize(("tie", "expected"), [("lower", 1.0), ("upper", 3.0), ("midpoint", 2.0)])
def test_median_tie_rule_decides_an_exact_half(tie, expected):
    assert weighted_median([1.0, 3.0], [0.5, 0.5], tie=tie) == expected


def test_actor_without_weight_never_decides_the_median():
    assert weighted_median([1.0, 2.0, 3.0], [1.0, 0.0, 1.0], tie="upper") == 3.0


def test_median_rejects_an_unknown_tie_rule():
    with pytest.raises(BargainingInputError, match="tie"):
        weighted_median([1.0, 3.0], [1.0, 1.0], tie="middle")  # type: ignore[arg-type]


def test_mean_rejects_weights_that_sum_to_zero():
    with pytest.raises(BargainingInputError, match="weight"):
        weighted_mean([1.0, 2.0], [0.0, 0.0])


positions = st.lists(
    st.floats(-1e3, 1e3, allow_nan=False).map(lambda x: round(x, 3)), min_size=2, max_size=12
)


@st.composite
def issues(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, list[int]]:
    x = np.array(draw(positions))
    w = np.array(draw(st.lists(st.floats(0.01, 100), min_size=x.size, max_size=x.size)))
    order = draw(st.permutations(list(range(x.size))))
    return x, w, order


@given(issues())
def test_median_is_an_actor_position_independent_of_actor_order(issue):
    x, w, order = issue
    median = weighted_median(x, w)
    assert median in x
    assert weighted_median(x[order], w[order]) == median


@given(issues())
def test_mean_lies_within_the_positions_independent_of_actor_order(issue):
    x, w, order = issue
    mean = weighted_mean(x, w)
    assert x.min() - 1e-9 <= mean <= x.max() + 1e-9
    assert weighted_mean(x[order], w[order]) == pytest.approx(mean, rel=1e-12, abs=1e-9)


@given(issues())
def test_median_beats_every_other_position_in_a_weighted_vote(issue):
    """Black (1948): the weighted median is a Condorcet winner on one dimension."""
    x, w, _ = issue
    median = weighted_median(x, w)
    for rival in x:
        for_median = w[np.abs(x - median) < np.abs(x - rival)].sum()
        for_rival = w[np.abs(x - rival) < np.abs(x - median)].sum()
        assert for_median >= for_rival - 1e-9 * w.sum()


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"position": [1.0], "capability": [1.0], "salience": [1.0]}, "at least 2"),
        ({"position": [1.0, 2.0], "capability": [1.0, -1.0], "salience": [1, 1]}, "capability"),
        ({"position": [1.0, 2.0], "capability": [1.0, 1.0], "salience": [1, 80]}, "salience"),
        ({"position": [1.0, np.nan], "capability": [1.0, 1.0], "salience": [1, 1]}, "position"),
        ({"position": [1.0, 2.0], "capability": [1.0], "salience": [1, 1]}, "one length"),
    ],
)
def test_actors_name_the_argument_at_fault(kwargs, argument):
    with pytest.raises(BargainingInputError, match=argument):
        Actors.from_arrays(**kwargs)


def test_actors_reject_duplicate_names():
    with pytest.raises(BargainingInputError, match="unique"):
        Actors.from_arrays([1, 2], [1, 1], [1, 1], names=["RUS", "RUS"])
