"""The contract every registered model must pass (scikit-learn's ``check_estimator`` is the model).

Parametrised over the registry, so a new entry is checked without a line added here. Each model
runs once per session for the shared checks; ``FAST`` keeps the slow ones small (a landscape of ten
actors, a band of 20 draws), which changes nothing the contract is about.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd
import pytest

from postsoviet import load_config
from postsoviet.errors import PostsovietError
from postsoviet.models import registry
from postsoviet.models.registry import ModelResult, parse_keys
from postsoviet.models.registry.result import COLUMNS
from postsoviet.world import World

ON = "2027-06-30"
SEED = 3
FAST = {
    "landscape": {"actors": ("RUS", "BLR", "UKR", "KAZ", "ARM", "GEO", "USA", "CHN", "DEU", "POL")},
    "attrition": {"draws": 20},
}
NAMES = registry.names()
# Models that answer without Russia's actor row and attributes, and why (their documented fallback).
FALLBACK = {
    "ladder": "reads Belarus's drivers from series, sanctions, leaders and control, none of them "
    "Russia's attributes; an input it lacks counts 0 and is listed in the drivers' 'missing'",
    "event_hazard": "rates every actor's history; an actor the world lacks is left out of the "
    "listed actors (the 'any' rows remain)",
}
# Models without uncertain inputs, and why.
WITHOUT_INPUTS = {
    "frontier": "a sampled run varies it through the ladder",
    "event_hazard": "its uncertainty, each rate's Gamma posterior, is integrated in its probabilities",
}
# Tables a model may find empty in a user's world: each model answers or says what is missing.
OPTIONAL = ("series", "sanctions", "events", "region_control", "region_attributes", "votes")


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def run_once(world, config):
    """``run_once(name)``: the model's result on ``ON`` with seed ``SEED``, computed once."""
    cache: dict[str, ModelResult] = {}

    def run(name: str) -> ModelResult:
        if name not in cache:
            spec = registry.get(name)
            cache[name] = spec.run(world, config, on=ON, seed=SEED, **FAST.get(name, {}))
        return cache[name]

    return run


def test_the_registry_holds_the_eight_models():
    assert set(NAMES) == {
        "frontier",
        "exposure",
        "directions",
        "bargaining",
        "attrition",
        "landscape",
        "ladder",
        "event_hazard",
    }
    assert [spec.name for spec in registry.specs()] == list(NAMES)


def test_an_unknown_model_is_named():
    with pytest.raises(PostsovietError, match="'nope'"):
        registry.get("nope")


def test_the_public_api_reaches_the_registry():
    import postsoviet

    assert postsoviet.models.get("ladder") is registry.get("ladder")


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_complete(name, config):
    spec = registry.get(name)
    assert spec.summary and spec.citations and spec.reads and spec.quantities
    for quantity in spec.quantities:
        assert quantity.name.startswith(f"{name}.")
        assert quantity.unit and quantity.description and "on" in quantity.args
    for item in spec.uncertain_inputs(config):
        entry = item.to_dict()
        assert set(entry) == {"name", "nominal", "distribution"}
        params = entry["distribution"]["params"]
        assert params[0] <= item.nominal <= params[-1]
        if entry["distribution"]["kind"] == "triangular":
            assert params[1] == item.nominal


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_bytes(name, world, config, run_once):
    again = registry.get(name).run(world, config, on=ON, seed=SEED, **FAST.get(name, {}))
    assert again.to_json() == run_once(name).to_json()
    assert json.loads(again.to_json()) == again.to_dict()


def test_a_stochastic_model_depends_on_its_seed(world, config):
    """Stochastic: the seed can change the result (bargaining's errors only once they have a size)."""
    stochastic = [spec for spec in registry.specs() if spec.stochastic]
    assert stochastic
    for spec in stochastic:
        top = {i.name: i.to_dict()["distribution"]["params"][-1] for i in spec.uncertain_inputs()}
        one, other = (
            spec.run(world, config, on=ON, seed=seed, inputs=top, **FAST.get(spec.name, {}))
            for seed in (SEED, SEED + 1)
        )
        assert other.to_json() != one.to_json()


@pytest.mark.parametrize("name", NAMES)
def test_the_world_is_not_mutated(name, world, run_once):
    before = {table: frame.copy(deep=True) for table, frame in world._tables.items()}
    registry.get(name).run(world, on=ON, seed=SEED, **FAST.get(name, {}))
    for table, frame in world._tables.items():
        pd.testing.assert_frame_equal(frame, before[table])


@pytest.mark.parametrize("name", NAMES)
def test_the_result_is_tidy(name, run_once):
    spec = registry.get(name)
    result = run_once(name)
    frame = result.to_df()
    assert result.model == name
    assert tuple(frame.columns) == COLUMNS
    assert not frame.empty and frame["keys"].notna().all() and frame["unit"].notna().all()
    assert not frame.duplicated(["quantity", "keys"]).any()
    assert set(frame["quantity"]) == {q.name for q in spec.quantities}
    for record in result.records:
        quantity = spec.quantity(record.quantity)
        assert list(parse_keys(record.keys)) == list(quantity.args)
        assert record.unit == quantity.unit
        if quantity.kind == "categorical":
            assert isinstance(record.value, str) and record.value
        else:
            assert isinstance(record.value, float) and math.isfinite(record.value)
        if quantity.kind == "probability":
            assert 0.0 <= record.value <= 1.0


@pytest.mark.parametrize("name", NAMES)
def test_each_quantity_answers_at_the_run_day(name, run_once):
    spec = registry.get(name)
    result = run_once(name)
    for quantity in spec.quantities:
        at_day = [
            r
            for r in result.records
            if r.quantity == quantity.name and parse_keys(r.keys)["on"] == ON
        ]
        assert at_day, quantity.name
        for record in at_day:
            assert result.value(quantity.name, **parse_keys(record.keys)) == record.value


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"on": "the day after"}, "'on'"),
        ({"on": ON, "seed": "three"}, "'seed'"),
        ({"on": ON, "inputs": {"weight.nowhere.nothing": 1.0}}, "'inputs'"),
        ({"on": ON, "no_such_option": 1}, "'no_such_option'"),
    ],
)
@pytest.mark.parametrize("name", NAMES)
def test_a_bad_argument_is_named(name, arguments, named, world, config):
    with pytest.raises(PostsovietError, match=named):
        registry.get(name).run(world, config, **arguments)


@pytest.mark.parametrize("name", NAMES)
def test_an_uncertain_input_changes_or_keeps_the_answer_but_runs(name, world, config, run_once):
    spec = registry.get(name)
    inputs = spec.uncertain_inputs(config)
    if not inputs:
        pytest.skip(f"{name} has no uncertain inputs ({WITHOUT_INPUTS[name]})")
    first = inputs[0]
    high = first.to_dict()["distribution"]["params"][-1]
    result = spec.run(
        world, config, on=ON, seed=SEED, inputs={first.name: high}, **FAST.get(name, {})
    )
    assert result.to_df()["quantity"].tolist() == run_once(name).to_df()["quantity"].tolist()


def _without_russia(world):
    return world.with_tables(
        actors=world.actors.query("iso3 != 'RUS'"),
        attributes=world.attributes.query("iso3 != 'RUS'"),
    )


@pytest.mark.parametrize("name", sorted(set(NAMES) - set(FALLBACK)))
def test_a_missing_actor_is_a_clear_error(name, world, config):
    """Every model is about Russia: without it each says so, naming what is missing."""
    with pytest.raises(PostsovietError, match=r"RUS|Russia"):
        registry.get(name).run(
            _without_russia(world), config, on=ON, seed=SEED, **FAST.get(name, {})
        )


@pytest.mark.parametrize("name", sorted(FALLBACK))
def test_a_missing_actor_has_a_documented_fallback(name, world, config):
    result = registry.get(name).run(_without_russia(world), config, on=ON, seed=SEED)
    assert tuple(result.to_df().columns) == COLUMNS


@pytest.mark.parametrize("name", NAMES)
def test_missing_optional_tables_give_an_answer_or_a_clear_error(name, world, config):
    empty = world.with_tables(**{t: world._tables[t].iloc[0:0] for t in OPTIONAL})
    spec = registry.get(name)
    try:
        result = spec.run(empty, config, on=ON, seed=SEED, **FAST.get(name, {}))
    except PostsovietError as error:
        assert str(error)
    else:
        assert tuple(result.to_df().columns) == COLUMNS


class _Reads(Mapping):
    """A world's tables that note in ``log["read"]`` the names read, unless ``log["paused"]``."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], log: dict[str, Any]) -> None:
        self.tables, self.log = tables, log

    def __getitem__(self, name: str) -> pd.DataFrame:
        if not self.log["paused"]:
            self.log["read"].add(name)
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)


def _noting(world: World, log: dict[str, Any]) -> World:
    """``world`` noting its table reads, and those of the dated worlds it gives (``at``)."""
    log["paused"] = True
    noted = copy.copy(world)
    log["paused"] = False
    object.__setattr__(noted, "_tables", _Reads(world._tables, log))
    return noted


@pytest.mark.parametrize("name", NAMES)
def test_a_model_reads_only_the_world_tables_its_entry_declares(name, world, config, monkeypatch):
    """The entry's ``reads`` is what the report's sources appendix lists (reports.content)."""
    log: dict[str, Any] = {"read": set(), "paused": False}

    def noted(method: Any) -> Any:
        # Taking the world on a day (at) or its vintage (known_on) is not reading it: what the
        # model then reads of the result is.
        def call(self: World, day: Any) -> World:
            log["paused"] = True
            try:
                taken = method(self, day)
            finally:
                log["paused"] = False
            return _noting(taken, log)

        return call

    monkeypatch.setattr(World, "at", noted(World.at))
    monkeypatch.setattr(World, "known_on", noted(World.known_on))
    spec = registry.get(name)
    spec.run(_noting(world, log), config, on=ON, seed=SEED, **FAST.get(name, {}))
    assert sorted(log["read"] - set(spec.reads)) == []
