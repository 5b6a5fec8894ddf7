"""The models' configuration: read once, typed, validated, overlayable."""

from __future__ import annotations

import dataclasses

import pytest

from postsoviet.data.config import (
    PARAMETERS,
    WEIGHTED_MODELS,
    default_config,
    judgment_range,
    load_config,
)
from postsoviet.data.model_weights import read_model_weights
from postsoviet.errors import DataError, PostsovietError


@pytest.fixture(scope="module")
def config():
    return default_config()


def test_default_config_is_read_once():
    assert default_config() is default_config()


def test_weights_are_one_type_for_every_model(config):
    for model in WEIGHTED_MODELS:
        weights = config.weights(model)
        table = read_model_weights(model)
        assert weights == dict(zip(table["component"], table["weight"], strict=True))
        assert all(type(v) is float for v in weights.values())


def test_weights_come_back_fresh(config):
    config.weights("landscape")["religion"] = 99.0
    assert config.weights("landscape")["religion"] != 99.0


def test_the_config_holds_directions_stages_issues_and_parameters(config):
    assert [d.name for d in config.directions][:1] and config.stages[0].index == 0
    assert {i.id for i in config.issues} >= {"belarus-integration", "ukraine-settlement"}
    assert config.issue("belarus-integration").id == "belarus-integration"
    assert config.parameter("attrition.draws") == PARAMETERS["attrition.draws"]
    assert {w.component for w in config.exposure} == set(config.weights("exposure"))


def test_weights_can_be_swapped_for_a_rule_without_touching_the_config(config):
    ruled = config.with_weights(
        "landscape", dict.fromkeys(config.weights("landscape"), 0.5), "a rule"
    )
    assert set(ruled.weights("landscape").values()) == {0.5}
    assert set(ruled.weights_table("landscape")["source"]) == {"a rule"}
    assert ruled.weights("exposure") == config.weights("exposure")
    assert config.weights("landscape") != ruled.weights("landscape")
    with pytest.raises(PostsovietError, match="missing \\['religion'\\]"):
        config.with_weights(
            "landscape", {c: 1.0 for c in config.weights("landscape") if c != "religion"}, "x"
        )


def test_the_config_cannot_be_changed(config):
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.stages = ()
    with pytest.raises(TypeError):
        config.parameters["attrition.draws"] = 1


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda c: c.weights("nowhere"), "'model'"),
        (lambda c: c.parameter("nothing"), "'name'"),
        (lambda c: c.issue("no-such-issue"), "no-such-issue"),
        (lambda c: dataclasses.replace(c, weight_rows={}), "'weight_rows'"),
    ],
)
def test_a_bad_request_is_named(config, call, named):
    with pytest.raises(PostsovietError, match=named):
        call(config)


def test_an_overlay_replaces_a_models_file(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "next_direction_directions.csv").write_text(
        "direction,targets,regions,description,source\nnorth,KAZ,,the north,judgment\n",
        encoding="utf-8",
    )
    overlaid = load_config(tmp_path)
    assert [(d.name, d.targets) for d in overlaid.directions] == [("north", ("KAZ",))]
    assert overlaid.weights("landscape") == default_config().weights("landscape")


def test_a_broken_overlay_names_the_file_row_and_field(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "attrition_weights.csv").write_text(
        "component,weight,reasoning,source\nsensitivity,fast,why,judgment\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as raised:
        load_config(tmp_path)
    problem = raised.value.problems[0]
    assert problem.file.endswith("attrition_weights.csv") and problem.row == 2
    assert problem.field == "weight"


def test_judgment_range_is_plus_minus_half_clipped():
    assert judgment_range(2.0) == (1.0, 2.0, 3.0)
    assert judgment_range(-0.3) == pytest.approx((-0.45, -0.3, -0.15))
    assert judgment_range(0.8, high=1.0) == (0.4, 0.8, 1.0)
