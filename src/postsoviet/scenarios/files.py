"""Find and read scenario files: the built-in ones shipped with the package, or a user's YAML file."""

from __future__ import annotations

from pathlib import Path

from postsoviet.data.untrusted import read_yaml
from postsoviet.errors import DataError, InputFileError, PostsovietError
from postsoviet.scenarios.spec import Codes, Scenario, check_consistency, parse_scenario
from postsoviet.world import World

BUILTIN_DIR = Path(__file__).parent / "builtin"


def builtin_names() -> list[str]:
    """The names of the scenarios shipped with postsoviet, ``baseline`` first."""
    names = sorted(path.stem for path in BUILTIN_DIR.glob("*.yaml"))
    return sorted(names, key=lambda name: name != "baseline")


def scenario_path(name_or_file: str | Path) -> Path:
    """The file of a built-in scenario name, or the given path if it is a file."""
    path = Path(name_or_file)
    if path.suffix in (".yaml", ".yml"):
        if not path.is_file():
            raise PostsovietError(f"scenario file '{path}' does not exist")
        return path
    builtin = BUILTIN_DIR / f"{name_or_file}.yaml"
    if not builtin.is_file():
        raise PostsovietError(
            f"unknown scenario '{name_or_file}': expected a YAML file or one of {builtin_names()}"
        )
    return builtin


def codes_of(world: World) -> Codes:
    """The actor, region and organisation codes a scenario may name in ``world``."""
    return Codes(
        actors=frozenset(world.actors["iso3"]),
        regions=frozenset(world.regions["id"]),
        organizations=frozenset(world.organizations["code"]),
    )


def load_scenario(name_or_file: str | Path, world: World) -> Scenario:
    """Read, check and return a scenario; raise :class:`DataError` listing every problem."""
    path = scenario_path(name_or_file)
    label = path.name if path.parent == BUILTIN_DIR else str(path)
    try:
        raw = read_yaml(path, label=label)
    except InputFileError as error:
        raise DataError([error.problem]) from None
    scenario, problems = parse_scenario(raw, codes_of(world), label=label)
    if scenario is not None:
        problems = check_consistency(scenario, label=label)
    if problems:
        raise DataError(problems)
    return scenario
