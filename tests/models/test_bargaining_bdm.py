"""The expected-utility model as reconstructed by Scholz, Calbert and Smith (ICAART 2011)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postsoviet.errors import BargainingInputError
from postsoviet.models.bargaining import (
    Actors,
    BargainingResult,
    BdmOptions,
    bdm_model,
    expected_utility,
    risk_exponent,
    win_probability,
)

DATA = Path(__file__).parents[1] / "data" / "bargaining"


@pytest.fixture(scope="module")
def run(emission) -> BargainingResult:
    return bdm_model(emission, rounds=8)


@pytest.fixture(scope="module")
def table2() -> pd.DataFrame:
    return pd.read_csv(DATA / "emission_scholz2011_table2.csv")


def test_round_0_is_the_input_with_median_7_and_mean_7_389956(run, emission):
    """Scholz et al. (2011), Table 2 starts from the BDM (1994) inputs: median 7, mean 7.39."""
    start = run.rounds[0]
    np.testing.assert_array_equal(start.positions, emission.position)
    assert start.median == 7.0
    assert start.mean == pytest.approx(7.389956, abs=5e-7)


def test_round_1_median_is_8_4(run, table2):
    """Scholz et al. (2011), Table 2, round 1 (Q = 1.0): median 8.4 at the printed precision."""
    assert round(run.rounds[1].median, 1) == table2["median"][0] == 8.4


def test_table_2_match_counts(run, table2):
    """Scholz et al. (2011), Table 2, rounds 1-8 (Q = 1.0).

    Counted three ways because the table prints one decimal without saying how it was cut:
    within 0.1 of the printed value, truncated to one decimal, and rounded to one decimal.
    Table 2 reads like truncation (9.96 printed as 9.9). Only round 2's median (9.61 here,
    9.9 printed) is more than 0.1 away; docs/models/bargaining.md says where it parts.
    """
    ours = run.summary_df().iloc[1:].reset_index(drop=True)

    def counts(cut):
        return tuple(
            int(sum(cut(a, b) for a, b in zip(ours[c], table2[c], strict=True)))
            for c in ("median", "mean")
        )

    assert counts(lambda a, b: abs(a - b) < 0.1 + 1e-9) == (7, 8)
    assert counts(lambda a, b: math.floor(a * 10 + 1e-9) / 10 == b) == (7, 6)
    assert counts(lambda a, b: round(a, 1) == b) == (2, 5)


def _panel(x: float, y: float) -> str:
    if x == 0 and y == 0:
        return "origin"
    return ("U" if y > 0 else "L") + ("R" if x > 0 else "L")


def test_dyad_quadrants_match_33_of_scholz_figures_7_to_10(run):
    """Scholz et al. (2011), figures 7-10: the quadrant of each dyad in the focal actor's view.

    x = E^i(U_ij), y = E^i(U_ji) at round 0 (after the second, risk-adjusted pass). Three of 36
    differ, all where Scholz draws the focal actor's challenge as profitable although its win
    probability here (about 0.003-0.009) is too small for that.
    """
    quadrants = pd.read_csv(DATA / "emission_fig_quadrants.csv")
    index = {name: i for i, name in enumerate(run.actors)}
    start = run.rounds[0]
    missed = []
    for focal, other, expected in quadrants[
        ["focal_actor", "other_actor", "scholz2011_panel"]
    ].itertuples(index=False):
        i, j = index[focal], index[other]
        if _panel(start.eu_challenge[i, j], start.eu_perceived[i, j]) != expected:
            missed.append((focal, other))
    assert len(quadrants) - len(missed) == 33
    assert missed == [("Netherlands", "Greece"), ("Luxembourg", "UK"), ("Luxembourg", "Greece")]


def test_two_equal_actors_expect_1_8_from_a_challenge():
    """Hand calculation of equation 1 with Q = 1, r = 1, d = 1, s = 0.1 and P = 1/2 (dyad).

    U^s = 2, U^f = -2, U^sq = 0: E = 0.1 (0.5 * 2 - 0.5 * 2) + 0.9 * 2 - 0 = 1.8.
    """
    x, w, r = np.array([0.0, 10.0]), np.array([0.05, 0.05]), np.ones(2)
    p = win_probability(x, w, r, 10.0, denominator="dyad")
    assert p[0, 1] == p[1, 0] == 0.5
    e = expected_utility(x, np.array([0.1, 0.1]), p, np.ones((2, 2)), 0.0, 10.0)
    assert e[0, 1] == pytest.approx(1.8)
    assert e[0, 0] == 0.0


def test_dyad_probabilities_are_complementary(emission):
    p = win_probability(emission.position, emission.weight, np.ones(10), 6.0, denominator="dyad")
    differ = emission.position[:, None] != emission.position[None, :]
    np.testing.assert_allclose((p + p.T)[differ], 1.0)


def test_all_pairs_probabilities_are_small_and_sum_below_one(emission):
    p = win_probability(emission.position, emission.weight, np.ones(10), 6.0)
    assert np.all((p + p.T)[~np.eye(10, dtype=bool)] < 1)


def test_actors_at_one_position_expect_nothing_from_challenging_each_other(run):
    """Belgium, Ireland and Greece all hold 7 at round 0: they sit at the figures' origin."""
    start, index = run.rounds[0], {n: i for i, n in enumerate(run.actors)}
    b, g = index["Belgium"], index["Greece"]
    assert start.eu_challenge[b, g] == start.eu_perceived[b, g] == 0.0


def test_risk_exponents_span_half_to_two_from_least_to_most_secure(run):
    """Section 5: r = (1 - R/3) / (1 + R/3) with R in [-1, 1], so r runs from 0.5 to 2."""
    r = run.rounds[0].risk
    assert r.min() == pytest.approx(0.5)
    assert r.max() == pytest.approx(2.0)


def test_risk_exponent_is_one_when_all_are_equally_secure():
    np.testing.assert_array_equal(risk_exponent(np.zeros((3, 3))), np.ones(3))


def test_reordering_the_actors_reorders_the_result(emission, run):
    order = np.arange(10)[::-1]
    reordered = Actors.from_arrays(
        emission.position[order],
        emission.capability[order],
        emission.salience[order],
        names=[emission.names[i] for i in order],
    )
    again = bdm_model(reordered, rounds=8)
    for mine, theirs in zip(run.rounds, again.rounds, strict=True):
        np.testing.assert_allclose(mine.positions[order], theirs.positions)


def test_results_are_read_only(run):
    with pytest.raises(ValueError, match="read-only"):
        run.rounds[1].positions[0] = 0.0


def test_json_shape_has_round_0_as_input_and_forecast_the_last_median(run):
    shape = run.to_dict()
    assert set(shape) == {"model", "rounds", "forecast"}
    assert shape["model"] == "bdm"
    assert [r["round"] for r in shape["rounds"]] == list(range(9))
    assert shape["rounds"][0]["positions"]["France"] == 10.0
    assert shape["forecast"] == shape["rounds"][-1]["median"]


def test_dyads_frame_has_a_row_per_round_and_ordered_pair(run):
    dyads = run.dyads_df()
    assert len(dyads) == 9 * 10 * 9
    assert list(dyads.columns) == [
        "round",
        "actor",
        "other",
        "probability",
        "eu_challenge",
        "eu_perceived",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"q": 1.5}, "q"),
        ({"choice": "best"}, "choice"),
        ({"perspective": "mine"}, "perspective"),
    ],
)
def test_options_name_the_bad_choice(options, message):
    with pytest.raises(BargainingInputError, match=message):
        BdmOptions(**options)


def test_identical_positions_are_rejected():
    actors = Actors.from_arrays([5.0, 5.0], [1.0, 1.0], [1.0, 1.0])
    with pytest.raises(BargainingInputError, match="different positions"):
        bdm_model(actors)


actors_strategy = (
    st.integers(2, 9)
    .flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(0, 100).map(float), min_size=n, max_size=n),
            st.lists(st.floats(0.01, 1), min_size=n, max_size=n),
            st.lists(st.floats(0.01, 1), min_size=n, max_size=n),
        )
    )
    .filter(lambda t: len(set(t[0])) > 1)
)

option_strategy = st.builds(
    BdmOptions,
    q=st.sampled_from([0.5, 1.0]),
    denominator=st.sampled_from(["all_pairs", "dyad"]),
    perspective=st.sampled_from(["proposer", "receiver", "own"]),
    choice=st.sampled_from(["scholz_program", "nearest", "strongest"]),
    scale=st.sampled_from(["initial", "current"]),
)


@settings(max_examples=60, deadline=None)
@given(actors_strategy, option_strategy)
def test_positions_stay_within_the_input_range(data, options):
    """Every move is toward another actor's position, so no one leaves [min, max] of the input."""
    x, c, s = data
    result = bdm_model(Actors.from_arrays(x, c, s), rounds=4, options=options)
    for record in result.rounds:
        assert np.all(record.positions >= min(x) - 1e-9)
        assert np.all(record.positions <= max(x) + 1e-9)
        assert np.all((record.probability >= 0) & (record.probability <= 1))
        assert np.all((record.risk >= 0.5 - 1e-12) & (record.risk <= 2 + 1e-12))
