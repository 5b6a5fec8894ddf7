"""Annual rates drawn about the IMF's latest projection known on the day, spread by the record of
its errors known then (projections.csv; postsoviet.forecasts.projections)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from postsoviet.forecasts.numeric import series_draws, series_model
from postsoviet.forecasts.projections import (
    MIN_ERRORS,
    SHIFT_EDGES,
    error_record,
    group_of,
    latest_projection,
    projection_spread,
    shift_class,
)
from postsoviet.models.event_hazard.facts import facts_of


@pytest.fixture(scope="module")
def facts(world):
    """``facts(day)``: the fact index of the vintage of ``day``, built once per day."""
    built = {}

    def on(day: str):
        if day not in built:
            built[day] = facts_of(world.known_on(day))
        return built[day]

    return on


def _args(series: str, subject: str, period: int) -> dict:
    return {"series": series, "subject": subject, "counterpart": "", "period": period}


def test_a_release_is_read_from_its_day(world, facts):
    """The April 2022 WEO (19 April 2022) put Russia's growth of 2022 at -8.5%: read from that
    day; the day before, the latest release is January 2022's Update (2.8%), and before that
    October 2021's WEO."""
    rows = world.projections
    russia = rows[(rows["series"] == "gdp_growth_pct") & (rows["subject"] == "RUS")]
    russia = russia[russia["period"] == 2022].set_index("published")["value"]
    args = _args("gdp_growth_pct", "RUS", 2022)
    latest = latest_projection(facts("2022-04-19"), args, pd.Timestamp("2022-04-19"))
    assert latest.published == pd.Timestamp("2022-04-19")
    assert latest.value == pytest.approx(-8.524)
    # the same release's estimate of 2021, from which its projection of 2022 shifts
    assert latest.previous == pytest.approx(4.7)
    before = latest_projection(facts("2022-04-18"), args, pd.Timestamp("2022-04-18"))
    assert before[:2] == (pd.Timestamp("2022-01-25"), russia[pd.Timestamp("2022-01-25")])
    assert before.update and before.value == pytest.approx(2.8)
    january = latest_projection(facts("2022-01-24"), args, pd.Timestamp("2022-01-24"))
    assert january[:2] == (pd.Timestamp("2021-10-12"), russia[pd.Timestamp("2021-10-12")])


def test_a_release_whose_day_is_unverified_waits_for_its_months_end(world, facts):
    """April 2016's release day (12 April) is not verified, so its rows are known from 30 April."""
    rows = world.projections
    april = rows[rows["published"] == pd.Timestamp("2016-04-12")]
    assert len(april) > 0 and (april["known_from"] == pd.Timestamp("2016-04-30")).all()
    args = _args("gdp_growth_pct", "RUS", 2016)
    # before it, January 2016's Update (19 January)
    assert latest_projection(facts("2016-04-20"), args, pd.Timestamp("2016-04-20"))[0] == (
        pd.Timestamp("2016-01-19")
    )
    assert latest_projection(facts("2016-04-30"), args, pd.Timestamp("2016-04-30"))[0] == (
        pd.Timestamp("2016-04-12")
    )


def test_errors_are_counted_only_on_years_known_at_the_cutoff(world, facts):
    """On 2022-04-20 the WDI's last year is 2020 (2021 comes out in July 2022): the record holds an
    error for each projection known that day of a year whose value is known that day, and no
    more."""
    vintage = world.known_on("2022-04-20")
    known = vintage.attributes
    known = known[known["variable"] == "gdp_growth_pct"]
    assert known["year"].max() == 2020
    actual = {(r.iso3, int(r.year)) for r in known.itertuples()}
    made = vintage.projections[vintage.projections["series"] == "gdp_growth_pct"]
    # interim updates move a centre but make no record of their own
    assert (made["release"] == "update").any()
    made = made[made["release"] != "update"]
    expected: dict[tuple[str, int], int] = {}
    for row in made.itertuples():
        if (row.subject, int(row.period)) in actual:
            group = group_of(row.published, int(row.period))
            expected[group] = expected.get(group, 0) + 1
    record = error_record(facts("2022-04-20"), "gdp_growth_pct")
    assert record.errors == expected
    assert set(record.spread) == {g for g, n in expected.items() if n >= MIN_ERRORS}


def test_draws_centre_on_the_projection_and_spread_by_the_record(facts):
    """Russia's growth of 2022, asked on 2022-04-20: centred on -8.5%, well below zero (it fell
    1.2%: the consensus of spring 2022 was far too gloomy); asked two days before the release,
    about October 2021's +2.9%."""
    args = _args("gdp_growth_pct", "RUS", 2022)
    day = pd.Timestamp("2022-04-20")
    draws = series_draws(facts("2022-04-20"), args, day, 4000, np.random.default_rng(0))
    spread = projection_spread(facts("2022-04-20"), args, day)
    standardized = error_record(facts("2022-04-20"), "gdp_growth_pct").standardized
    # the projection plus its spread times the record's errors, which lean a little above it
    assert np.median(draws) == pytest.approx(-8.524 + spread * np.median(standardized), abs=0.2)
    assert np.std(draws) == pytest.approx(spread * np.std(standardized), rel=0.1)
    assert np.mean(draws > 0) < 0.05
    assert series_model(facts("2022-04-20"), args, day) == "weo_projection"
    earlier = series_draws(
        facts("2022-04-18"), args, pd.Timestamp("2022-04-18"), 4000, np.random.default_rng(0)
    )
    assert np.mean(earlier > 0) > 0.7


def test_draws_take_the_shape_of_the_records_own_errors(facts):
    """The IMF's errors have fatter tails than a normal's: on 2022-07-01 over 1% of the recorded
    growth errors lie beyond three of their spreads (a normal puts 0.27% there). The draws are the
    projection plus its spread times errors resampled from that record (Williams & Goodman 1971's
    empirical limits), so they reach as far as the record did."""
    record = error_record(facts("2022-07-01"), "gdp_growth_pct")
    standardized = record.standardized
    assert len(standardized) > 1000 and np.all(np.diff(standardized) >= 0)
    assert np.mean(np.abs(standardized) > 3) > 0.01
    args = _args("gdp_growth_pct", "RUS", 2022)
    day = pd.Timestamp("2022-07-01")
    draws = series_draws(facts("2022-07-01"), args, day, 20000, np.random.default_rng(2))
    spread = projection_spread(facts("2022-07-01"), args, day)
    far = np.mean(np.abs(draws - -8.524) > 3 * spread)
    assert far == pytest.approx(np.mean(np.abs(standardized) > 3), abs=0.004)


def test_inflation_is_drawn_on_its_log_scale(facts):
    """Russia's inflation of 2022 in April 2022 (21.3% projected): never at or below -100%, and
    skewed upward as a log scale spreads."""
    args = _args("inflation_cpi_pct", "RUS", 2022)
    day = pd.Timestamp("2022-04-20")
    draws = series_draws(facts("2022-04-20"), args, day, 4000, np.random.default_rng(1))
    assert np.median(draws) == pytest.approx(21.324, rel=0.02)
    assert draws.min() > -100.0
    assert np.percentile(draws, 95) - np.median(draws) > np.median(draws) - np.percentile(draws, 5)


def test_a_state_that_missed_more_spreads_wider(facts):
    """Ukraine's projections missed by more than Germany's, so its draws spread wider in the same
    group (October 2021's projection of 2022)."""
    day = pd.Timestamp("2022-01-15")
    ukraine = projection_spread(facts("2022-01-15"), _args("gdp_growth_pct", "UKR", 2022), day)
    germany = projection_spread(facts("2022-01-15"), _args("gdp_growth_pct", "DEU", 2022), day)
    assert ukraine > 1.5 * germany


def test_a_year_already_out_is_its_value(world, facts):
    """Russia's growth of 2021 asked on 2023-01-01: the WDI value is out (July 2022), so every draw
    is it."""
    known = world.known_on("2023-01-01").attributes
    value = known[
        (known["variable"] == "gdp_growth_pct") & (known["iso3"] == "RUS") & (known["year"] == 2021)
    ]["value"].iloc[0]
    args = _args("gdp_growth_pct", "RUS", 2021)
    day = pd.Timestamp("2023-01-01")
    draws = series_draws(facts("2023-01-01"), args, day, 100, np.random.default_rng(0))
    assert (draws == float(value)).all()
    assert series_model(facts("2023-01-01"), args, day) == "known_on_cutoff"


def test_without_enough_errors_a_rate_keeps_its_own_history(facts):
    """In July 2007 no projection of a year after 2006 has been scored yet (2007's growth is out
    in July 2008): Russia's growth of 2007 is drawn from its own years."""
    args = _args("gdp_growth_pct", "RUS", 2007)
    day = pd.Timestamp("2007-07-15")
    assert latest_projection(facts("2007-07-15"), args, day) is not None
    assert projection_spread(facts("2007-07-15"), args, day) is None
    assert series_model(facts("2007-07-15"), args, day) == "history_spread"


def test_a_projection_far_from_the_year_before_spreads_wider(facts):
    """Russia's -8.5% for 2022 in April 2022, after an estimated 4.7% for 2021, is a shift of over
    three spreads of the spring's own-year group: its draws spread by that class's multiplier, the
    root mean square of the group's scaled errors of the class, which in the record known on
    2022-04-20 is over 1 (the large shifts missed by more) and over the small shifts' one."""
    day = pd.Timestamp("2022-04-20")
    args = _args("gdp_growth_pct", "RUS", 2022)
    record = error_record(facts("2022-04-20"), "gdp_growth_pct")
    group = ("spring", 0)
    latest = latest_projection(facts("2022-04-20"), args, day)
    assert shift_class(record.spread[group], latest.value, latest.previous) == len(SHIFT_EDGES)
    far, near = record.shift[(group, len(SHIFT_EDGES))], record.shift[(group, 0)]
    assert far > 1.0 > near
    expected = record.spread[group] * record.scale["RUS"] * far
    assert projection_spread(facts("2022-04-20"), args, day) == pytest.approx(expected)
    # the next year's groups do not follow the shift
    assert not any(key[0][1] == 1 for key in record.shift)


def test_an_interim_update_moves_the_centre_and_keeps_its_releases_spread(facts):
    """The IMF's July 2022 Update (26 July) raised Russia's 2022 growth from April's -8.5% to -6.0%:
    from that day it is the centre. It restates no 2021 estimate, so it shifts from April's 4.7%,
    and it is spread as the April release it follows (the spring's own-year group), not as an
    October release. The day before, April's figure is still the centre."""
    args = _args("gdp_growth_pct", "RUS", 2022)
    day = pd.Timestamp("2022-07-29")
    latest = latest_projection(facts("2022-07-29"), args, day)
    assert latest.published == pd.Timestamp("2022-07-26") and latest.update
    assert latest.value == pytest.approx(-6.0)
    assert latest.previous == pytest.approx(4.7)
    assert group_of(latest.published, 2022, latest.update) == ("spring", 0)
    assert group_of(pd.Timestamp("2023-01-31"), 2023, True) == ("autumn", 1)
    record = error_record(facts("2022-07-29"), "gdp_growth_pct")
    group = ("spring", 0)
    shifted = (group, shift_class(record.spread[group], latest.value, latest.previous))
    expected = record.spread[group] * record.scale["RUS"] * record.shift[shifted]
    assert projection_spread(facts("2022-07-29"), args, day) == pytest.approx(expected)
    after = series_draws(facts("2022-07-29"), args, day, 4000, np.random.default_rng(0))
    before_day = pd.Timestamp("2022-07-25")
    before = series_draws(facts("2022-07-25"), args, before_day, 4000, np.random.default_rng(0))
    lean = expected * np.median(record.standardized)  # the record's median error
    assert np.median(after) == pytest.approx(-6.0 + lean, abs=0.2)
    assert np.median(before) == pytest.approx(-8.524 + lean, abs=0.2)
    assert np.mean(after < -5.0) < np.mean(before < -5.0) - 0.15
