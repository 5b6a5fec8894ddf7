"""A dashboard view's answer: one model's records under the view's scenario beside the baseline.

The baseline is the unshocked world on the same day, with the same assumptions and seed, so the two
columns differ only by the scenario and its levers (as in :func:`postsoviet.scenarios.run.run_scenario`).
Shocked worlds and model answers are kept in small LRU caches: moving one lever re-runs only the
scenario side, and a view already seen is answered at once.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.errors import PostsovietError
from postsoviet.models import registry
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.files import builtin_names, codes_of, load_scenario
from postsoviet.scenarios.run import cost_factors, run_scenario
from postsoviet.scenarios.spec import Scenario
from postsoviet.serve.levers import (
    FIRST_DAY,
    LAST_DAY,
    Lever,
    levers,
    scenario_document,
    view_scenario,
)
from postsoviet.serve.schemas import ViewRequest
from postsoviet.world import World

Value = TypeVar("Value")
KEYS = ["quantity", "keys", "unit"]


class UnknownNameError(PostsovietError):
    """A name the server does not know (a scenario): the API answers 404."""


class Cache:
    """A thread-safe least-recently-used cache of computed values."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The value of ``key``, computed (outside the lock) on a miss."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def model_options(name: str, scenario: Scenario) -> dict[str, Any]:
    """The model's own keywords a scenario sets: the directions' cost factors, the ladder's start."""
    if name == "directions":
        return {"cost_factors": cost_factors(scenario)}
    if name == "ladder":
        return {"start": scenario.start.year}
    return {}


def check_lever(lever: Lever, value: float | str) -> float | str:
    """``value`` if it fits ``lever`` (a number in range, or one of its choices), else an error."""
    where = f"field 'levers.{lever.name}'"
    if lever.kind == "choice":
        if value not in lever.choices:
            raise PostsovietError(f"{where}: expected one of {list(lever.choices)}, got {value!r}")
        return value
    try:
        number = float(value)
    except ValueError:
        raise PostsovietError(f"{where}: expected a number, got {value!r}") from None
    if lever.kind == "year" and not number.is_integer():
        raise PostsovietError(f"{where}: expected a year, got {value!r}")
    never = lever.kind == "year" and number == 0
    if not never and not lever.low <= number <= lever.high:
        allowed = (
            f"0 or {lever.low:g}-{lever.high:g}"
            if lever.kind == "year"
            else f"{lever.low:g}-{lever.high:g}"
        )
        raise PostsovietError(f"{where}: expected {allowed}, got {value!r}")
    return number


class Views:
    """Answers to dashboard views over one world and configuration, read once at the door."""

    def __init__(self, world: World, config: Config) -> None:
        self.world = world
        self.config = config
        self.levers = {lever.name: lever for lever in levers(config)}
        self.inputs = {
            i.name: (spec.name, i)
            for spec in registry.specs()
            for i in spec.uncertain_inputs(config)
        }
        self._scenarios = {name: load_scenario(name, world) for name in builtin_names()}
        self._codes = codes_of(world)
        self._worlds: Cache = Cache(8)
        self._answers: Cache = Cache(256)

    def check(self, view: ViewRequest) -> tuple[Scenario, dict[str, float | str], dict[str, float]]:
        """The view's scenario, levers and assumptions, each checked; errors name the field."""
        if view.scenario not in self._scenarios:
            raise PostsovietError(
                f"field 'scenario': unknown scenario {view.scenario!r}: expected one of {list(self._scenarios)}"
            )
        day = pd.Timestamp(view.date)
        if not FIRST_DAY <= day <= LAST_DAY:
            raise PostsovietError(
                f"field 'date': expected a day from {FIRST_DAY:%Y-%m-%d} to {LAST_DAY:%Y-%m-%d}, got {view.date}"
            )
        values = {}
        for name, value in view.levers.items():
            if name not in self.levers:
                raise PostsovietError(
                    f"field 'levers.{name}': unknown lever: expected one of {list(self.levers)}"
                )
            values[name] = check_lever(self.levers[name], value)
        for name, value in view.assumptions.items():
            if name not in self.inputs:
                raise PostsovietError(
                    f"field 'assumptions.{name}': unknown uncertain input: see GET /api/v1/assumptions"
                )
            if not np.isfinite(value):
                raise PostsovietError(f"field 'assumptions.{name}': expected a finite number")
        scenario = view_scenario(self._scenarios[view.scenario], values, day, self._codes)
        return scenario, values, dict(view.assumptions)

    def base(self, name: str) -> Scenario:
        """The built-in scenario ``name`` (a 404 for an unknown name)."""
        if name not in self._scenarios:
            raise UnknownNameError(
                f"argument 'name': unknown scenario {name!r}: expected one of {list(self._scenarios)}"
            )
        return self._scenarios[name]

    def named_run(self, name: str) -> dict[str, Any]:
        """Every model under the built-in scenario ``name`` and the baseline (computed once)."""
        scenario = self.base(name)
        return self._answers.get(
            ("run", name), lambda: run_scenario(self.world, scenario, config=self.config).to_dict()
        )

    def scenario(self, view: ViewRequest) -> Scenario:
        """The view's scenario (its base with the levers added, seen on its day)."""
        return self.check(view)[0]

    def _shocked(self, key: Hashable, scenario: Scenario) -> World:
        return self._worlds.get(key, lambda: apply_scenario(self.world, scenario))

    def _records(
        self,
        name: str,
        world: World,
        scenario: Scenario,
        assumptions: Mapping[str, float],
        seed: int,
    ) -> pd.DataFrame:
        model = registry.get(name)
        own = {k: v for k, v in assumptions.items() if self.inputs[k][0] == name}
        result = model.run(
            world,
            self.config,
            on=scenario.horizon,
            seed=seed,
            inputs=own,
            **model_options(name, scenario),
        )
        return result.to_df()

    def answer(self, name: str, view: ViewRequest) -> pd.DataFrame:
        """Model ``name`` under the view beside the baseline: ``quantity, keys, unit, baseline, scenario``."""
        scenario, values, assumptions = self.check(view)
        fixed = json.dumps(assumptions, sort_keys=True)
        day = scenario.horizon
        baseline = Scenario("baseline", "no shock", scenario.start, day)
        base_key = (name, "baseline", day, scenario.start.year, fixed, view.seed)
        lever_key = json.dumps(values, sort_keys=True)
        view_key = (name, view.scenario, lever_key, day, fixed, view.seed)
        before = self._answers.get(
            base_key, lambda: self._records(name, self.world, baseline, assumptions, view.seed)
        )

        def after() -> pd.DataFrame:
            world = self._shocked((view.scenario, lever_key, day), scenario)
            return self._records(name, world, scenario, assumptions, view.seed)

        merged = before.rename(columns={"value": "baseline"}).merge(
            self._answers.get(view_key, after).rename(columns={"value": "scenario"}),
            on=KEYS,
            how="outer",
            sort=False,
        )
        return merged[[*KEYS, "baseline", "scenario"]]

    def payload(self, name: str, view: ViewRequest) -> bytes:
        """The API's JSON answer for model ``name`` under ``view`` (kept, as the view is seen again)."""
        scenario, values, assumptions = self.check(view)
        key = (
            "payload",
            name,
            view.scenario,
            json.dumps(values, sort_keys=True),
            scenario.horizon,
            json.dumps(assumptions, sort_keys=True),
            view.seed,
        )

        def encode() -> bytes:
            spec = registry.get(name)
            table = self.answer(name, view)
            shape = {
                "model": name,
                "summary": spec.summary,
                "citations": list(spec.citations),
                "reads": list(spec.reads),
                "stochastic": spec.stochastic,
                "scenario": scenario_document(scenario),
                "rows": json.loads(table.to_json(orient="records")),
            }
            return json.dumps(shape).encode("utf-8")

        return self._answers.get(key, encode)
