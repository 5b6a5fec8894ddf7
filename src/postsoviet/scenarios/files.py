"""Find and read scenario files: the built-in ones shipped with the package, or a user's YAML file."""

from __future__ import annotations

from pathlib import Path

import yaml

from postsoviet.errors import DataError, PostsovietError, Problem
from postsoviet.scenarios.spec import Codes, Scenario, check_consistency, parse_scenario
from postsoviet.world import World

BUILTIN_DIR = Path(__file__).parent / "builtin"


class _SafeTextDateLoader(yaml.SafeLoader):
    """YAML's safe loader, except that dates stay text so the scenario schema reports bad ones."""


_SafeTextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
        # A subclass of SafeLoader: no tag can construct Python objects.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeTextDateLoader)  # noqa: S506
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or "cannot be parsed"
        raise DataError([Problem(label, row, None, f"is not valid YAML: {reason}")]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(label, None, None, "is not UTF-8 text")]) from None
    scenario, problems = parse_scenario(raw, codes_of(world), label=label)
    if scenario is not None:
        problems = check_consistency(scenario, label=label)
    if problems:
        raise DataError(problems)
    return scenario
