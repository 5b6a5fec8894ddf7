"""Below the faces nothing reads a file during a run: data and configuration are read once, at the door.

Every way the library opens a file (``open``, ``io.open``, ``os.open``, ``pathlib.Path.open`` and
``read_text``/``read_bytes``, pandas' readers through them) raises inside the guard. Each call runs
once outside it first, so one-off work that is not part of a run (imports, compiled-code caches)
is done before.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import pathlib
from collections.abc import Iterator

import pytest

from postsoviet import load_config
from postsoviet.models import registry
from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.run import run_scenario

ON = "2027-06-30"
FAST = {"landscape": {"actors": ("RUS", "BLR", "UKR", "KAZ", "USA", "CHN", "DEU", "POL")}}


class FileOpenedError(AssertionError):
    """A file was opened inside :func:`no_files`."""


@contextlib.contextmanager
def no_files() -> Iterator[None]:
    def refuse(*args, **kwargs):
        raise FileOpenedError(f"a file was opened during a run: {args[:1]}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", refuse)
        patch.setattr(io, "open", refuse)
        patch.setattr(os, "open", refuse)
        for method in ("open", "read_text", "read_bytes"):
            patch.setattr(pathlib.Path, method, refuse)
        yield


def test_the_guard_catches_a_read():
    with no_files(), pytest.raises(FileOpenedError):
        load_config()


@pytest.fixture(scope="module")
def config():
    return load_config()


@pytest.mark.parametrize("name", registry.names())
def test_a_registered_model_reads_no_file(name, world, config):
    spec = registry.get(name)
    spec.run(world, config, on=ON, **FAST.get(name, {}))
    with no_files():
        spec.run(world, config, on=ON, **FAST.get(name, {}))


def test_a_scenario_run_reads_no_file(world, config):
    scenario = load_scenario("essay-belarus", world)
    first = run_scenario(world, scenario, config=config)
    with no_files():
        again = run_scenario(world, scenario, config=config)
    assert again.to_dict() == first.to_dict()
