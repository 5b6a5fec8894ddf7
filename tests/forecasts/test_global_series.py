"""Figures questions ask about that the files do not hold as such: a global oil price (subject
``WLD``) and military spending as a share of GDP, derived from two attributes."""

from __future__ import annotations

import pandas as pd
import pytest

from postsoviet.forecasts import forecast_targets
from postsoviet.forecasts.targets import parse_targets
from postsoviet.models.event_hazard import questions as q
from postsoviet.models.event_hazard.facts import facts_of, ratios


def _target(ident: str, asked_on: str, args: dict, event: dict | None = None):
    raw = {"id": ident, "asked_on": asked_on, "quantity": "series.value", "args": args}
    if event is not None:
        raw["event"] = event
    targets, problems = parse_targets({"targets": [raw]})
    assert not problems
    return targets[0]


def test_a_ratio_is_the_share_of_the_two_attributes_for_the_years_both_hold():
    attributes = {
        ("milex_usd", "POL"): [(2020, 13.0e9), (2021, 14.0e9), (2022, 17.0e9)],
        ("gdp_usd", "POL"): [(2020, 600.0e9), (2021, 700.0e9)],
    }
    shares = ratios(attributes)[("milex_share_gdp_pct", "POL")]
    assert shares == [(2020, pytest.approx(100 * 13 / 600)), (2021, pytest.approx(2.0))]


def test_the_share_of_gdp_is_known_only_once_both_figures_are(world):
    """Russia's 2023 share: SIPRI's 2023 spending is out in May 2024, the World Bank's 2023 GDP in
    July 2024; on 1 June 2024 the share is not yet known, on 15 July it is."""
    args = {"series": "milex_share_gdp_pct", "subject": "RUS"}
    june = facts_of(world.known_on(pd.Timestamp("2024-06-01")))
    july = facts_of(world.known_on(pd.Timestamp("2024-07-15")))
    assert 2023 not in dict(june.attributes[("milex_share_gdp_pct", "RUS")])
    assert 2023 in dict(june.attributes[("milex_usd", "RUS")])
    share = dict(july.attributes[("milex_share_gdp_pct", "RUS")])[2023]
    spending = dict(july.attributes[("milex_usd", "RUS")])[2023]
    gdp = dict(july.attributes[("gdp_usd", "RUS")])[2023]
    assert share == pytest.approx(100 * spending / gdp)
    assert 3.0 < share < 8.0  # SIPRI puts Russia's 2023 burden at 5.9% of the IMF's GDP
    assert q.series_name(july, "military_expenditure_share_gdp") == args["series"]


def test_everyday_names_of_the_oil_price_and_the_share_of_gdp_are_answered(world):
    targets = [
        _target(
            "brent",
            "2022-07-15",
            {"series": "brent_oil_price", "subject": "WLD", "period": 2023},
            {"op": ">", "value": 90},
        ),
        _target(
            "burden",
            "2022-07-15",
            {"series": "military expenditure share gdp", "subject": "POL", "period": 2024},
        ),
    ]
    brent, burden = forecast_targets(world, targets, draws=400, seed=1)
    assert brent.answered and burden.answered, (brent.reason, burden.reason)
    assert 0.05 < brent.p < 0.95
    # Poland spent 2.2% of GDP in 2021, the last year known in July 2022
    assert 1.0 < burden.quantiles["q50"] < 4.0


def test_the_oil_price_is_not_known_before_its_year_ends(world):
    early = facts_of(world.known_on(pd.Timestamp("2023-12-31")))
    late = facts_of(world.known_on(pd.Timestamp("2024-01-20")))
    key = ("brent_usd_per_bbl", "WLD", "")
    assert max(d for d, _ in early.series[key]).year == 2022
    assert max(d for d, _ in late.series[key]).year == 2023


def test_a_subject_is_read_by_its_name_as_a_party_is(world):
    """ "Russia" and "World" are the data's RUS and WLD, as a party's name is its code: the same
    question written either way gets the same answer."""
    asked = {"op": ">", "value": 1.5e12}
    answers = [
        forecast_targets(
            world,
            [
                _target(
                    "gdp", "2022-07-15", {"series": "gdp_usd", "subject": s, "period": 2023}, asked
                )
            ],
            draws=200,
            seed=1,
        )[0]
        for s in ("RUS", "Russia")
    ]
    assert all(a.answered for a in answers), answers[1].reason
    assert answers[0].p == answers[1].p
    facts = facts_of(world.known_on(pd.Timestamp("2022-07-15")))
    args = q.normalised(facts, {"series": "brent", "subject": "WORLD", "period": 2023})
    assert args["subject"] == "WLD"


def test_a_name_whose_words_one_series_holds_is_that_series(world):
    """``inflation_cpi`` and ``gdp_growth_rate``... are read as the one series whose name holds
    all their words; a name of one word, or whose words several series hold, or none, is not."""
    facts = facts_of(world.known_on(pd.Timestamp("2022-10-07")))
    assert q.series_name(facts, "inflation_cpi") == "inflation_cpi_pct"
    assert q.series_name(facts, "CPI inflation pct") == "inflation_cpi_pct"
    assert q.series_name(facts, "growth_pct") == "gdp_growth_pct"
    assert q.series_name(facts, "share_gdp") == "share_gdp"  # milex share and its floor
    assert q.series_name(facts, "oil_production_mt") == "oil_production_mt"
    assert q.series_name(facts, "usd") == "usd"


def test_a_world_bank_indicator_code_names_its_series(world):
    """An analyst may write the WDI code of a figure: GDP growth, military expenditure as a share of
    GDP (read as the world's ratio of SIPRI's spending to GDP) and CPI inflation are answered."""
    facts = facts_of(world.known_on(pd.Timestamp("2022-08-24")))
    assert q.series_name(facts, "NY.GDP.MKTP.KD.ZG") == "gdp_growth_pct"
    assert q.series_name(facts, "ms.mil.xpnd.gd.zs") == "milex_share_gdp_pct"
    assert q.series_name(facts, "NY.GDP.MKTP") == "NY.GDP.MKTP"
    target = _target(
        "pol_milex_share",
        "2022-08-24",
        {"series": "MS.MIL.XPND.GD.ZS", "subject": "POL", "period": 2024},
    )
    (answer,) = forecast_targets(world, [target], draws=200, seed=1)
    assert answer.answered, answer.reason


def test_oil_production_is_known_from_the_review_after_its_year(world):
    """The Energy Institute's Review of 2022 (late June) gives Kazakhstan's 2021 oil output: known on
    2022-08-10, not on 2022-06-30; a question in everyday words reads the series."""
    june = facts_of(world.known_on(pd.Timestamp("2022-06-30")))
    august = facts_of(world.known_on(pd.Timestamp("2022-08-10")))
    assert 2021 not in dict(june.attributes[("oil_production_mt", "KAZ")])
    assert dict(august.attributes[("oil_production_mt", "KAZ")])[2021] == pytest.approx(85.878)
    assert q.series_name(august, "oil output") == "oil_production_mt"
    target = _target(
        "kaz_oil",
        "2022-08-10",
        {"series": "oil_production", "subject": "KAZ", "period": 2024},
        {"op": ">", "value": 90},
    )
    (answer,) = forecast_targets(world, [target])
    assert answer.answered and 0.05 < answer.p < 0.95
