"""The integration ladder as of a cutoff: stages and intercept from what was known that day."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.data.integration_ladder import read_ladder_stages
from postsoviet.data.model_weights import read_model_weights
from postsoviet.errors import ModelInputError
from postsoviet.models.integration_ladder import (
    calibrate_intercept,
    ladder_as_of,
    refit_intercept,
    stages_as_known,
)

STAGES = read_ladder_stages()
WEIGHTS = read_model_weights("integration_ladder").set_index("component")["weight"].to_dict()


def test_a_rung_reached_after_the_cutoff_is_not_known():
    known = stages_as_known(STAGES, pd.Timestamp("2009-12-31"))
    assert known[1].reached is None
    assert known[0].reached == STAGES[0].reached


def test_the_intercept_is_refitted_on_the_years_before_the_cutoff(world):
    """On 2022-07-15 the known path is 2000-2021, the file's calibration window, so the refit
    on the vintage reproduces the file's intercept (-2.91, rounded there to two decimals)."""
    refitted = refit_intercept(world.known_on("2022-07-15"), STAGES, WEIGHTS)
    assert refitted["intercept"] == pytest.approx(WEIGHTS["intercept"], abs=0.005)
    assert {k: v for k, v in refitted.items() if k != "intercept"} == {
        k: v for k, v in WEIGHTS.items() if k != "intercept"
    }


def test_an_earlier_cutoff_fits_fewer_years(world):
    vintage = world.known_on("2015-06-30")
    expected = calibrate_intercept(vintage, STAGES, WEIGHTS, start=2000, end=2014)
    assert refit_intercept(vintage, STAGES, WEIGHTS)["intercept"] == expected


def test_the_ladder_as_of_a_cutoff_starts_on_the_rung_known_then(world):
    forecast = ladder_as_of(world.known_on("2015-06-30"), STAGES, WEIGHTS, horizon=2020)
    assert forecast.start == 2015
    assert forecast.initial_stage == 1


def test_refit_needs_a_vintage(world):
    with pytest.raises(ModelInputError, match="expected a data vintage"):
        refit_intercept(world, STAGES, WEIGHTS)
