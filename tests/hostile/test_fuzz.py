"""Fuzzing the readers: random bytes and mutations of valid files end in the project's error or a
value, never in another exception or a hang (hypothesis, a modest number of examples each)."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postsoviet.cli.bargain import read_actors
from postsoviet.data.read import read_table
from postsoviet.data.schema import TABLES
from postsoviet.data.untrusted import parse_yaml, read_csv_records
from postsoviet.errors import PostsovietError
from postsoviet.scenarios.files import BUILTIN_DIR, load_scenario

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SCENARIO = (BUILTIN_DIR / "essay-belarus.yaml").read_bytes()
ACTORS = (
    Path(__file__).parents[1] / "data" / "bargaining" / "emission_bdm1994_inputs.csv"
).read_bytes()
OVERLAY = (Path(__file__).parents[2] / "src/postsoviet/data/world/actors.csv").read_bytes()[:2000]


@st.composite
def mutated(draw: st.DrawFn, valid: bytes) -> bytes:
    """``valid`` with a few slices deleted, duplicated or replaced by random bytes."""
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 40)))
        action = draw(st.sampled_from(["delete", "repeat", "replace"]))
        if action == "delete":
            del data[start:end]
        elif action == "repeat":
            data[start:start] = data[start:end] * draw(st.integers(1, 50))
        else:
            data[start:end] = draw(st.binary(max_size=40))
    return bytes(data)


def _in_file(data: bytes, suffix: str) -> Path:
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    with handle:
        handle.write(data)
    return Path(handle.name)


def _read(reader, data: bytes, suffix: str) -> None:
    path = _in_file(data, suffix)
    try:
        reader(path)
    except PostsovietError:
        pass
    finally:
        path.unlink()


@FUZZ
@given(st.binary(max_size=2000) | mutated(SCENARIO))
def test_yaml_reader_gives_a_value_or_the_projects_error(data):
    with contextlib.suppress(PostsovietError):
        parse_yaml(data.decode("utf-8", errors="replace"), label="fuzz.yaml")


@FUZZ
@given(mutated(SCENARIO))
def test_scenario_loader_gives_a_scenario_or_the_projects_error(world, data):
    _read(lambda path: load_scenario(path, world), data, ".yaml")


@FUZZ
@given(st.binary(max_size=2000) | mutated(ACTORS))
def test_bargaining_reader_gives_actors_or_the_projects_error(data):
    _read(read_actors, data, ".csv")


@FUZZ
@given(st.binary(max_size=2000) | mutated(OVERLAY))
def test_overlay_reader_gives_rows_or_problems(data):
    path = _in_file(data, ".csv")
    try:
        read_table(path, TABLES["actors"], "actors.csv")
        _read(read_csv_records, data, ".csv")
    finally:
        path.unlink()
