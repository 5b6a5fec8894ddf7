"""The post-Soviet landscape on the real world data: capability sizes, propensity components,
weights, predictions for 2021 and 2026, sensitivity, and the check against the 2022 votes.

The default set of 25 actors (2^24 configurations) keeps each enumeration under a second; the
landscapes are computed once per module.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from postsoviet.data.model_weights import read_model_weights
from postsoviet.errors import DataError, LandscapeError
from postsoviet.models.landscape import margins
from postsoviet.models.landscape.postsoviet import (
    DEFAULT_ACTORS,
    compare_with_observed,
    reweighted,
    sanction_senders,
    sensitivity,
    world_landscape,
)
from postsoviet.models.landscape.propensity import COMPONENTS, combine, propensity_components
from postsoviet.world.capability import CAPABILITY_VARIABLES, capability_index

LATEST = "2026-06-30"


@pytest.fixture(scope="module")
def weights() -> dict[str, float]:
    return read_model_weights("landscape").set_index("component")["weight"].to_dict()


@pytest.fixture(scope="module")
def landscape_2021(world, weights):
    return world_landscape(world, "2021-12-31", weights)


@pytest.fixture(scope="module")
def landscape_latest(world, weights):
    return world_landscape(world, LATEST, weights)


@pytest.fixture(scope="module")
def sensitivity_2021(landscape_2021):
    return sensitivity(landscape_2021)


def pair(components: pd.DataFrame, a: str, b: str) -> pd.Series:
    rows = components[
        ((components["actor_a"] == a) & (components["actor_b"] == b))
        | ((components["actor_a"] == b) & (components["actor_b"] == a))
    ]
    assert len(rows) == 1
    return rows.iloc[0]


# Capability index


def test_capability_shares_sum_to_one_when_nothing_is_missing(world):
    actors = ["RUS", "BLR", "USA", "CHN", "POL"]
    index = capability_index(world.at("2021-12-31"), 2021, actors=actors)
    assert index.sum() == pytest.approx(1.0)
    assert index.attrs["missing"] == {}
    assert index["USA"] > index["RUS"] > index["POL"] > index["BLR"]


def test_capability_leaves_a_missing_component_out_of_the_mean(world):
    """SIPRI has no military expenditure for Turkmenistan: its index is the mean of two shares."""
    index = capability_index(world.at("2021-12-31"), 2021)
    parts = index.attrs["components"]
    assert index.attrs["missing"]["TKM"] == ["milex_usd"]
    assert index["TKM"] == pytest.approx(parts.loc["TKM", ["population", "gdp_usd"]].mean())
    assert parts["milex_usd"].sum() == pytest.approx(1.0)
    assert set(parts.columns) == set(CAPABILITY_VARIABLES)


# Weights file


def test_weights_file_gives_every_component_a_weight_reasoning_and_source():
    table = read_model_weights("landscape")
    assert list(table["component"]) == list(COMPONENTS)
    assert np.isfinite(table["weight"]).all()
    assert (table["reasoning"].str.len() > 20).all()
    assert table["source"].str.len().gt(0).all()


def test_a_non_numeric_weight_is_named_by_file_row_and_field(tmp_path):
    path = tmp_path / "landscape_weights.csv"
    path.write_text(
        "component,weight,reasoning,source\nregime,1,why,judgment\nconflict,heavy,why,judgment\n"
    )
    with pytest.raises(DataError) as error:
        read_model_weights("landscape", path=path)
    assert str(error.value) == f"{path}, row 3, field 'weight': expected a number, got 'heavy'"


# Components


def test_components_lie_in_minus_one_to_one_or_are_missing(landscape_2021):
    values = landscape_2021.components[list(COMPONENTS)].to_numpy()
    present = values[~np.isnan(values)]
    assert present.min() >= -1 and present.max() <= 1


def test_occupation_opposes_russia_to_ukraine_georgia_and_moldova_in_2021(landscape_2021):
    table = landscape_2021.components
    for victim in ("UKR", "GEO", "MDA"):
        assert pair(table, "RUS", victim)["conflict"] == -1
    assert pair(table, "ARM", "AZE")["conflict"] == -1
    assert pair(table, "RUS", "KAZ")["conflict"] == 0


def test_karabakh_conflict_ends_with_azerbaijans_control_in_2023(landscape_latest):
    assert pair(landscape_latest.components, "ARM", "AZE")["conflict"] == 0


def test_memberships_join_allies_and_oppose_hostile_blocs(landscape_2021):
    table = landscape_2021.components
    assert pair(table, "RUS", "BLR")["memberships"] == 1  # CSTO and EAEU
    assert pair(table, "POL", "DEU")["memberships"] == 1  # NATO and EU
    assert pair(table, "POL", "USA")["memberships"] == 0.5  # NATO
    assert pair(table, "RUS", "POL")["memberships"] == -1
    assert pair(table, "UKR", "POL")["memberships"] == 0


def test_votes_in_a_2021_world_are_only_those_cast_by_2021(landscape_2021, landscape_latest):
    """In 2021 only resolution 68/262 (2014) is known: Kazakhstan abstained, Russia voted no."""
    assert pair(landscape_2021.components, "RUS", "KAZ")["un_votes"] == 0
    assert pair(landscape_latest.components, "RUS", "KAZ")["un_votes"] > 0


def test_an_absent_vote_is_missing_not_a_position(landscape_2021):
    """Kyrgyzstan was absent on 68/262, its only vote before 2022: no agreement is computed."""
    assert np.isnan(pair(landscape_2021.components, "RUS", "KGZ")["un_votes"])


def test_dependence_and_ethnic_share_only_tie_states_to_russia(landscape_2021):
    table = landscape_2021.components
    assert pair(table, "RUS", "LVA")["gas_dependence"] == pytest.approx(0.9)
    assert pair(table, "RUS", "BLR")["trade_dependence"] == pytest.approx(0.49)
    assert np.isnan(pair(table, "RUS", "POL")["gas_dependence"])
    others = table[(table["actor_a"] != "RUS") & (table["actor_b"] != "RUS")]
    assert (others[["ethnic_russian", "gas_dependence", "trade_dependence"]] == 0).all().all()


def test_a_zero_weight_removes_exactly_that_components_contribution(landscape_2021, weights):
    table = landscape_2021.components.drop(columns="propensity")
    actors = landscape_2021.actors
    full = combine(table, weights, actors)
    for name in COMPONENTS:
        without = combine(table, {**weights, name: 0.0}, actors)
        alone = combine(table, {k: float(k == name) for k in weights}, actors)
        np.testing.assert_allclose(full - without, weights[name] * alone, atol=1e-12)
        assert np.abs(alone).max() > 0


def test_weights_must_cover_every_component(landscape_2021, weights):
    table = landscape_2021.components.drop(columns="propensity")
    partial = {k: v for k, v in weights.items() if k != "regime"}
    with pytest.raises(LandscapeError, match=r"missing \['regime'\]"):
        combine(table, partial, landscape_2021.actors)


def test_components_reject_an_unknown_actor(world):
    with pytest.raises(Exception, match="unknown actor 'XXX'"):
        propensity_components(world.at("2021-12-31"), ["RUS", "XXX"])


# Predictions


def test_2021_puts_russia_and_belarus_together_and_poland_and_the_us_opposite(landscape_2021):
    sides = landscape_2021.sides()
    assert sides["BLR"] == "Russia"
    assert sides["POL"] == sides["USA"] == "West"
    assert sides["UKR"] == "West"


def test_every_reported_minimum_has_no_improving_move(landscape_2021, landscape_latest):
    for result in (landscape_2021, landscape_latest):
        sizes = result.sizes.to_numpy()
        for config in result.landscape.minima:
            assert margins(sizes, result.propensities, config.labels).min() >= -1e-9
        assert sum(c.basin for c in result.landscape.minima) == 2 ** (len(result.actors) - 1)


def test_least_stable_actors_are_sorted_by_margin(landscape_2021):
    table = landscape_2021.least_stable(5)
    assert list(table.columns) == ["actor", "side", "margin"]
    assert table["margin"].is_monotonic_increasing
    assert table["margin"].iloc[0] == landscape_2021.margins().min()


def test_2021_landscape_agrees_with_the_2022_votes(landscape_2021, world):
    """Every actor that voted yes or no on ES-11/1 (2 March 2022) and ES-11/3 (7 April 2022) is on
    the side the 2021 landscape predicts (docs/models/landscape.md, "The post-Soviet landscape")."""
    table = compare_with_observed(landscape_2021, world, ["ES-11/1", "ES-11/3"])
    for resolution, (matches, decided) in table.attrs["agreement"].items():
        assert decided >= 16, resolution
        assert matches == decided, table[table["predicted"] != table[resolution]]


def test_every_state_that_sanctioned_russia_in_2022_is_predicted_west(landscape_2021, world):
    """EU members (through the EU's packages), the United States and the United Kingdom."""
    table = compare_with_observed(
        landscape_2021, world, [], sanctions_between=("2022-01-01", "2022-12-31")
    )
    matches, senders = table.attrs["agreement"]["sanctions"]
    assert senders >= 10
    assert matches == senders
    assert table.loc["TUR", "sanctions"] == "none"


def test_sanction_senders_of_2022_are_the_eu_members_the_us_and_the_uk(world):
    senders = sanction_senders(world, "2022-01-01", "2022-12-31")
    assert {"USA", "GBR", "DEU", "POL", "HUN", "FIN"} <= senders
    assert not senders & {"TUR", "CHN", "KAZ", "RUS", "BLR"}


def test_an_eu_sanctions_package_counts_for_every_eu_member(world):
    package = pd.DataFrame(
        {
            "id": ["eu_1"],
            "date": [pd.Timestamp("2030-02-23")],
            "sender": ["EU"],
            "target": ["RUS"],
            "name": ["a later package"],
            "scope": ["individuals"],
            "source": ["judgment"],
            "note": ["test"],
        }
    )
    senders = sanction_senders(world.with_tables(sanctions=package), "2030-01-01", "2030-12-31")
    assert senders == world.members("EU", "2030-02-23")
    assert {"POL", "DEU", "HUN"} <= senders and "GBR" not in senders


# Sensitivity


def test_sensitivity_has_a_row_per_component_and_factor(sensitivity_2021):
    assert len(sensitivity_2021) == 2 * len(COMPONENTS)
    assert set(sensitivity_2021["factor"]) == {0.0, 2.0}


def test_sensitivity_reports_the_same_landscape_for_a_factor_of_one(landscape_2021):
    table = sensitivity(landscape_2021, factors=(1.0,))
    assert table["base_stable"].all()
    assert (table["switched"].map(len) == 0).all()
    assert np.allclose(table["global_energy"], landscape_2021.prediction.energy)


def test_without_regime_similarity_azerbaijan_leaves_russia_in_2021(sensitivity_2021):
    row = sensitivity_2021.set_index(["component", "factor"]).loc[("regime", 0.0)]
    assert row["switched"] == ("AZE",)
    assert row["minima"] == 2
    assert not row["base_stable"]


def test_reweighting_changes_only_the_weight(landscape_2021):
    after = reweighted(landscape_2021, "conflict", 2.0)
    assert after.weights["conflict"] == 2 * landscape_2021.weights["conflict"]
    assert after.sizes.equals(landscape_2021.sizes)
    with pytest.raises(LandscapeError, match="component"):
        reweighted(landscape_2021, "nonsense", 2.0)


def test_the_default_actors_are_the_former_soviet_states_and_ten_outside(world):
    groups = world.actors.set_index("iso3")["group"]
    assert len(DEFAULT_ACTORS) == 25
    assert set(groups[groups == "former_soviet"].index) <= set(DEFAULT_ACTORS)


def test_russia_must_be_among_the_actors(world, weights):
    with pytest.raises(LandscapeError, match="RUS"):
        world_landscape(world, "2021-12-31", weights, actors=["USA", "CHN", "POL"])
