"""Where Russia pushes next: ranking, the stall mechanism, and a check against 2022."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postsoviet.data.directions import read_directions
from postsoviet.data.model_weights import read_model_weights
from postsoviet.errors import DataError, ModelInputError
from postsoviet.models.next_direction import COMPONENTS, rank_directions

DIRECTIONS = read_directions()
WEIGHTS = read_model_weights("next_direction").set_index("component")["weight"].to_dict()


def rank(world, on="2026-11-25", weights=WEIGHTS, **factors):
    return rank_directions(world, DIRECTIONS, weights, on=on, cost_factors=factors)


def test_the_essays_four_directions_are_ranked(world):
    table = rank(world).table
    assert set(table.index) == {"ukraine", "belarus", "eastern_flank", "kazakhstan"}
    assert list(table["net"]) == sorted(table["net"], reverse=True)
    assert list(table["rank"]) == [1, 2, 3, 4]


def test_margin_is_the_lead_of_the_first_and_the_gap_of_the_others(world):
    table = rank(world).table
    assert table["margin"].iloc[0] == pytest.approx(table["net"].iloc[0] - table["net"].iloc[1])
    assert table["margin"].iloc[2] == pytest.approx(table["net"].iloc[2] - table["net"].iloc[0])


def test_before_the_2022_invasion_ukraine_ranks_first(world):
    """History: on 2021-12-31 the model puts Ukraine first; Russia invaded on 2022-02-24."""
    assert rank(world, on="2021-12-31").top == "ukraine"


def test_a_stalled_direction_hands_the_push_to_the_next(world):
    """The essay: when one direction fails to meet expectations, Russia pushes in another."""
    before = rank(world, on="2021-12-31")
    stalled = rank(world, on="2021-12-31", ukraine=3.0)
    assert before.top == "ukraine"
    assert stalled.top == before.table.index[1]


@settings(max_examples=25, deadline=None)
@given(st.floats(min_value=1.0, max_value=20.0), st.floats(min_value=0.0, max_value=5.0))
def test_raising_a_directions_cost_never_raises_its_net(world, factor, extra):
    low = rank(world, ukraine=factor).table.loc["ukraine", "net"]
    high = rank(world, ukraine=factor + extra).table.loc["ukraine", "net"]
    assert high <= low


def test_one_directions_cost_factor_leaves_the_others_alone(world):
    base = rank(world).table["net"]
    changed = rank(world, kazakhstan=4.0).table["net"]
    assert changed.drop("kazakhstan").equals(base.drop("kazakhstan"))


def test_a_nato_target_carries_the_alliance_cost(world):
    table = rank(world).table
    assert table.loc["eastern_flank", "cost_alliance"] == WEIGHTS["cost_alliance"]
    assert table.loc["kazakhstan", "cost_alliance"] == 0


def test_a_zero_weight_removes_its_component(world):
    weights = dict(WEIGHTS, gain_buffer=0.0)
    table = rank(world, weights=weights).table
    assert (table["gain_buffer"] == 0).all()


def test_weights_must_name_every_component(world):
    weights = {k: v for k, v in WEIGHTS.items() if k != "gain_buffer"}
    with pytest.raises(ModelInputError, match="expected exactly"):
        rank(world, weights=weights)
    assert set(WEIGHTS) == set(COMPONENTS)


def test_aligned_discount_must_be_a_fraction(world):
    with pytest.raises(ModelInputError, match="aligned_discount"):
        rank(world, weights=dict(WEIGHTS, aligned_discount=1.5))


def test_unknown_direction_in_cost_factors(world):
    with pytest.raises(ModelInputError, match="unknown direction 'moon'"):
        rank(world, moon=2.0)


def test_cost_factor_must_be_positive(world):
    with pytest.raises(ModelInputError, match="must be > 0"):
        rank(world, ukraine=0.0)


def test_directions_file_problems_are_named(tmp_path):
    path = tmp_path / "directions.csv"
    path.write_text(
        "direction,targets,regions,description,source\nukraine,UKR,,x,judgment\nukraine,,,x,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        read_directions(path)
    messages = [(p.row, p.field, p.message) for p in raised.value.problems]
    assert (3, "direction", "duplicate direction 'ukraine'") in messages
    assert (3, "targets", "expected at least one ISO3 code") in messages
    assert (3, "source", "expected a source or 'judgment'") in messages


@pytest.mark.parametrize("day", ["2014-02-01", "2022-01-01"])
def test_unweighted_history_ukraine_first_as_known_before_each_push(world, day):
    """What happened: as known on a day before Russia's pushes into Ukraine (Crimea, February 2014;
    the invasion, February 2022), the essay's criteria unweighted put Ukraine first."""
    from postsoviet.models.next_direction import unweighted_direction_weights

    weights = unweighted_direction_weights()
    assert {w for c, w in weights.items() if c != "aligned_discount"} == {1.0}
    assert weights["aligned_discount"] == 0.5
    assert rank(world.known_on(day), on=day, weights=weights).top == "ukraine"


def test_a_vintage_before_the_eaeu_ranks_without_it(world):
    """On a vintage from before the EAEU's founding treaty, the alignment counts the blocs that
    existed (the CSTO, the Union State) rather than failing."""
    table = rank(world.known_on("2008-07-01"), on="2008-07-01").table
    assert table.loc["belarus", "in_russian_blocs"] == 1.0
