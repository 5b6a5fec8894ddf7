"""Belarus's integration ladder: the chain, its drivers, scenario hooks and the check against 2000-2021."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postsoviet.data.integration_ladder import read_ladder_stages
from postsoviet.data.model_weights import read_model_weights
from postsoviet.errors import DataError, ModelInputError
from postsoviet.models.integration_ladder import (
    COMPONENTS,
    calibrate_intercept,
    historical_check,
    ladder_drivers,
    ladder_forecast,
    merger_date,
)
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.shocks import change_leader, merge_actors

STAGES = read_ladder_stages()
WEIGHTS = read_model_weights("integration_ladder").set_index("component")["weight"].to_dict()
UPPER = 2  # single energy market and above


def forecast(world, start=2026, horizon=2030, weights=WEIGHTS):
    return ladder_forecast(world, STAGES, weights, start=start, horizon=horizon)


def upper(world, **kwargs):
    """P(stage >= single energy market) at the horizon."""
    return float(forecast(world, **kwargs).at_least(UPPER).iloc[-1])


def with_rows(world, table, **row):
    frame = getattr(world, table)
    added = pd.DataFrame([{column: row.get(column) for column in frame.columns}])
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            added[column] = pd.to_datetime(added[column])
    return world.with_tables(**{table: pd.concat([frame, added], ignore_index=True)})


def with_sanction(world, date="2026-03-01", scope="trade", target="BLR", sender="EU"):
    return with_rows(
        world,
        "sanctions",
        id=f"test_{date}_{scope}_{target}_{sender}",
        date=date,
        sender=sender,
        target=target,
        name="test package",
        scope=scope,
        source="judgment",
        note="test",
    )


def with_series(world, series, value, date="2026-03-01", subject="BLR", counterpart="RUS"):
    return with_rows(
        world,
        "series",
        series=series,
        subject=subject,
        counterpart=counterpart,
        date=date,
        value=value,
        unit="USD",
        source="judgment",
        note="test",
    )


def with_successor(world, name, succession, born=None, date="2027-01-01"):
    """Seat ``name`` as Belarus's head of state on ``date`` with the scenarios' leader shock."""
    return change_leader(world, on=date, iso3="BLR", name=name, born=born, succession=succession)


def test_each_years_probabilities_sum_to_one(world):
    probabilities = forecast(world, start=2000).probabilities
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert ((probabilities >= 0) & (probabilities <= 1)).all().all()


def test_the_chain_never_steps_down(world):
    result = forecast(world, start=2000)
    for stage in range(1, len(STAGES)):
        assert result.at_least(stage).is_monotonic_increasing


def test_the_start_is_the_rung_the_history_records(world):
    assert forecast(world, start=2000).initial_stage == 0
    assert forecast(world, start=2011).initial_stage == 1
    assert forecast(world, start=2026).initial_stage == 1


def test_drivers_follow_the_world_data(world):
    drivers = ladder_drivers(world, [2013, 2021, 2022, 2024], WEIGHTS)
    # in force on BLR: 9 EU packages of 2004-2012 and 5 US ones of 2004-2011 (incl. EO 13405 of
    # 2006-06-16); on RUS: the US nonproliferation penalties of 1998 and 1999 and the Magnitsky Act
    assert drivers.loc[2013, "sanctions_packages"] == 17
    assert drivers.loc[2021, "war"] == 0
    assert drivers.loc[2022, "war"] == 1
    # Hub 2022 annual average 1376.4 minus Belarus's 128.52 USD per 1000 m3
    assert drivers.loc[2022, "gas_gap"] == pytest.approx((1376.4 - 128.52) / 1000)
    # 1.7 bn (2022-11-16) and 0.8 bn (2024-04-25) agreed in the three years to 2024-07-01
    assert drivers.loc[2024, "loans_bn_usd"] == pytest.approx(2.5)
    assert drivers.loc[2021, "head_of_state"] == "Alexander Lukashenko"
    assert drivers.loc[2021, "age"] == pytest.approx(66.8, abs=0.1)


def test_missing_gas_prices_are_named(world):
    drivers = ladder_drivers(world, [2005], WEIGHTS)
    assert drivers.loc[2005, "gas_gap"] == 0
    assert "gas price BLR from RUS" in drivers.loc[2005, "missing"]


def test_russias_own_bans_on_belarus_are_not_outside_pressure(world):
    """A Russian trade ban on Belarus is the patron's leverage: it leaves S as it was."""
    before = ladder_drivers(world, [2026], WEIGHTS).loc[2026, "sanctions_packages"]
    russian = ladder_drivers(with_sanction(world, sender="RUS"), [2026], WEIGHTS)
    european = ladder_drivers(with_sanction(world, sender="EU"), [2026], WEIGHTS)
    assert russian.loc[2026, "sanctions_packages"] == before
    assert european.loc[2026, "sanctions_packages"] == before + 1


@settings(max_examples=15, deadline=None)
@given(
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["individuals", "trade", "comprehensive"]),
    st.sampled_from(["BLR", "RUS"]),
)
def test_more_sanctions_raise_the_upper_rungs(world, count, scope, target):
    changed = world
    for number in range(count):
        changed = with_sanction(
            changed, date=f"2026-{number % 6 + 1:02d}-01", scope=scope, target=target
        )
    assert upper(changed) > upper(world)


@settings(max_examples=15, deadline=None)
@given(
    st.floats(min_value=0, max_value=400, allow_nan=False),
    st.floats(min_value=0, max_value=400, allow_nan=False),
)
def test_a_cheaper_gas_price_never_lowers_the_upper_rungs(world, low, extra):
    def at(price):
        return upper(with_series(world, "gas_import_price_usd_per_1000m3", price))

    assert at(low) >= at(low + extra)


def test_a_bigger_gas_subsidy_raises_the_upper_rungs(world):
    assert upper(with_series(world, "gas_import_price_usd_per_1000m3", 50.0)) > upper(world)


@settings(max_examples=10, deadline=None)
@given(st.floats(min_value=1e8, max_value=2e10))
def test_a_russian_loan_raises_the_upper_rungs(world, usd):
    assert upper(with_series(world, "state_loan_usd", usd)) > upper(world)


def test_the_war_raises_the_upper_rungs(world):
    control = world.region_control
    peace = world.with_tables(region_control=control[control["controller"] != "RUS"])
    assert ladder_drivers(peace, [2026], WEIGHTS).loc[2026, "war"] == 0
    assert upper(world) > upper(peace)


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=1930, max_value=1990), st.integers(min_value=1, max_value=30))
def test_an_older_ruler_lowers_the_upper_rungs(world, born, older_by):
    """Higher succession risk (an older head of state) means a slower climb."""

    def run(year):
        leaders = world.leaders
        leaders.loc[(leaders["iso3"] == "BLR") & leaders["left_office"].isna(), "born"] = (
            pd.Timestamp(year=year, month=1, day=1)
        )
        return upper(world.with_tables(leaders=leaders))

    assert run(born - older_by) < run(born)


def test_a_hereditary_succession_lowers_the_risk_and_raises_the_upper_rungs(world):
    son = with_successor(world, "Nikolai Lukashenko", "hereditary", born="2004-08-31")
    drivers = ladder_drivers(son, [2028], WEIGHTS)
    assert drivers.loc[2028, "hereditary"]
    assert (
        drivers.loc[2028, "succession"]
        < ladder_drivers(world, [2028], WEIGHTS).loc[2028, "succession"]
    )
    assert upper(son) > upper(world)


def test_the_same_successor_counts_less_risk_when_hereditary(world):
    outsider = with_successor(world, "An Outsider", "election", born="1975-01-01")
    relative = with_successor(world, "A Relative", "hereditary", born="1975-01-01")
    risk = ladder_drivers(outsider, [2028], WEIGHTS).loc[2028, "succession"]
    assert ladder_drivers(relative, [2028], WEIGHTS).loc[2028, "succession"] == pytest.approx(
        risk * (1 - WEIGHTS["hereditary_discount"])
    )


def test_a_successor_named_for_the_family_without_birth_date_is_flagged(world):
    """The essay-belarus scenario's leader shock: a name, no birth date."""
    heir = with_successor(
        world, "Successor from the Lukashenko family", "hereditary", date="2029-01-01"
    )
    drivers = ladder_drivers(heir, [2029], WEIGHTS)
    assert drivers.loc[2029, "hereditary"]
    assert "birth date" in drivers.loc[2029, "missing"]


def test_a_merger_puts_belarus_on_the_top_rung_from_its_year(world):
    merged = merge_actors(world, "BLR", "RUS", "2028-01-01")
    assert merger_date(merged) == pd.Timestamp("2028-01-01")
    result = forecast(merged)
    assert result.probabilities.loc[2027, "one_state"] < 0.01
    assert result.probabilities.loc[2028, "one_state"] == 1.0
    assert result.probabilities.loc[2030, "one_state"] == 1.0


def test_a_merger_before_the_start_starts_on_the_top_rung(world):
    merged = merge_actors(world, "BLR", "RUS", "2025-06-01")
    assert forecast(merged).initial_stage == len(STAGES) - 1


def test_no_merger_in_the_recorded_world(world):
    assert merger_date(world) is None


def test_the_essay_belarus_scenario_climbs_faster_and_ends_in_one_state(world):
    """The built-in scenario: comprehensive sanctions, cheap gas, a loan, a family successor in 2029
    and a merger on 2030-01-01."""
    shocked = apply_scenario(world, load_scenario("essay-belarus", world))
    essay = forecast(shocked)
    base = forecast(world)
    assert essay.drivers.loc[2029, "hereditary"]
    assert essay.at_least(UPPER).loc[2029] > base.at_least(UPPER).loc[2029]
    assert essay.probabilities.loc[2030, "one_state"] == 1.0


def test_an_unchanged_world_gives_the_baseline_exactly(world):
    same = world.with_tables(sanctions=world.sanctions, series=world.series)
    pd.testing.assert_frame_equal(forecast(same).probabilities, forecast(world).probabilities)


def test_history_2000_2021_puts_the_observed_rung_first_in_2021(world):
    """Check against history: from the Union State treaty (2000, separate states) to 2021 Belarus
    reached the customs union (2010-07-06) and nothing higher; the model's most likely rung in 2021
    is the customs union and it gives the energy market or higher less than a third."""
    check = historical_check(world, STAGES, WEIGHTS, start=2000, end=2021)
    last = check.table.loc[2021]
    assert last["observed"] == 1
    forecast_2021 = forecast(world, start=2000, horizon=2021).probabilities.loc[2021]
    assert forecast_2021.idxmax() == "customs_union"
    assert forecast_2021.iloc[UPPER:].sum() < 1 / 3
    assert last["expected"] == pytest.approx(1.0, abs=0.25)


def test_the_stored_intercept_is_the_calibrated_one(world):
    """b0 in the weights file is the maximum-likelihood value on 2000-2021 (rounded); if this fails,
    the world's drivers or another weight changed: re-run calibrate_intercept and update the file."""
    assert WEIGHTS["intercept"] == pytest.approx(
        calibrate_intercept(world, STAGES, WEIGHTS), abs=0.01
    )


def test_the_calibrated_intercept_maximises_the_likelihood(world):
    best = calibrate_intercept(world, STAGES, WEIGHTS)

    def likelihood(b0):
        return historical_check(world, STAGES, dict(WEIGHTS, intercept=b0)).log_likelihood

    assert likelihood(best) > likelihood(best - 0.2)
    assert likelihood(best) > likelihood(best + 0.2)


def test_calibration_needs_a_step_and_a_pause(world):
    with pytest.raises(ModelInputError, match="years with and without a step"):
        calibrate_intercept(world, STAGES, WEIGHTS, start=2011, end=2021)


def test_weights_must_name_every_component(world):
    assert set(WEIGHTS) == set(COMPONENTS)
    with pytest.raises(ModelInputError, match="expected exactly"):
        forecast(world, weights={k: v for k, v in WEIGHTS.items() if k != "war"})


def test_hereditary_discount_must_be_a_fraction(world):
    with pytest.raises(ModelInputError, match="hereditary_discount"):
        forecast(world, weights=dict(WEIGHTS, hereditary_discount=2.0))


def test_horizon_before_start_is_an_error(world):
    with pytest.raises(ModelInputError, match="argument 'horizon'"):
        forecast(world, start=2030, horizon=2029)


def test_to_df_is_tidy(world):
    tidy = forecast(world).to_df()
    assert list(tidy.columns) == ["year", "stage", "name", "probability"]
    assert len(tidy) == 5 * len(STAGES)


def test_every_stage_source_resolves(world):
    ids = set(world.sources["id"])
    for stage in STAGES:
        for citation in stage.source.split(";"):
            assert citation == "judgment" or citation.startswith("http") or citation in ids, (
                citation
            )


def test_stages_file_problems_are_named(tmp_path):
    path = tmp_path / "stages.csv"
    path.write_text(
        "stage,name,description,reached,source,reasoning\n"
        "0,a,x,,judgment,r\n"
        "1,b,x,2010-13-01,judgment,r\n"
        "3,b,x,,,\n"
        "3,c,x,2001-01-01,judgment,r\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        read_ladder_stages(path)
    messages = {(p.row, p.field): p.message for p in raised.value.problems}
    assert messages[(2, "reached")] == "the first stage must be reached"
    assert re.match("expected an ISO date", messages[(3, "reached")])
    assert messages[(4, "stage")] == "expected 2 (stages count up from 0)"
    assert messages[(4, "name")] == "duplicate stage 'b'"
    assert messages[(4, "source")].startswith("expected text")
    assert messages[(5, "reached")] == "a stage is reached only after every stage below"
