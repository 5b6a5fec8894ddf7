"""Apply a scenario's shocks to a world, in date order."""

from __future__ import annotations

from collections.abc import Callable

from postsoviet.scenarios import shocks
from postsoviet.scenarios.spec import Scenario, Shock
from postsoviet.world import World

ShockFunction = Callable[..., World]

SHOCK_FUNCTIONS: dict[str, ShockFunction] = {
    "sanctions": shocks.add_sanctions,
    "membership": shocks.change_membership,
    "merge": shocks.merge_actors,
    "control": shocks.change_control,
    "aid": shocks.add_aid,
    "gas_price": shocks.set_gas_price,
    "loan": shocks.add_loan,
    "leader": shocks.change_leader,
}


def apply_shock(world: World, shock: Shock) -> World:
    """The world after one shock (the shock's ``kind`` picks the function of :mod:`shocks`)."""
    return SHOCK_FUNCTIONS[shock.kind](world, on=shock.date, **shock.fields)


def apply_scenario(world: World, scenario: Scenario) -> World:
    """The world after every shock of ``scenario``, applied in date order; ``world`` is unchanged."""
    for shock in scenario.shocks:
        world = apply_shock(world, shock)
    return world
