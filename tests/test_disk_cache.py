"""The disk cache: what is read back equals what was computed, and nothing is read for other inputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from postsoviet import World, disk_cache, load_world
from postsoviet.data.version import data_version
from postsoviet.errors import DataError
from postsoviet.forecasts.asked import AskedSet, asked_track
from postsoviet.forecasts.backtest import kept_history_frame
from postsoviet.world.world import _parsed

EARLY = pd.Timestamp("2003-01-01")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(disk_cache.ENV, str(folder))
    return folder


def _entries(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*.pickle"))


def _assert_same_tables(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert sorted(left) == sorted(right)
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], check_exact=True)


def test_the_world_read_back_equals_the_world_parsed_from_the_files(cache):
    parsed, parsed_revisions = _parsed(None)
    first = load_world()
    assert len(_entries(cache, "world")) == 1
    again = load_world()
    assert first.digest == again.digest == data_version()
    _assert_same_tables(dict(again._tables), parsed)
    _assert_same_tables(dict(again._revisions), parsed_revisions)


def test_a_corrupt_entry_is_parsed_again_and_replaced(cache):
    load_world()
    (entry,) = _entries(cache, "world")
    entry.write_bytes(b"not a pickle")
    world = load_world()
    assert len(world.actors) > 15
    assert disk_cache.fetch("world", data_version()) is not None


def test_an_entry_of_other_code_is_never_read(cache, monkeypatch):
    disk_cache.keep("world", "kept by this code", "v1")
    assert disk_cache.fetch("world", "v1") == "kept by this code"
    assert disk_cache.fetch("world", "v2") is None
    monkeypatch.setattr(disk_cache, "code_digest", lambda: "other code")
    assert disk_cache.fetch("world", "v1") is None


def test_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.ENV, disk_cache.OFF)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert disk_cache.cache_folder() is None
    disk_cache.keep("world", "value", "v1")
    assert disk_cache.fetch("world", "v1") is None
    assert list(tmp_path.iterdir()) == []


def test_a_folder_others_can_write_is_not_read(cache):
    disk_cache.keep("world", "value", "v1")
    os.chmod(cache, 0o722)  # noqa: S103 - the point: a folder others can write
    assert disk_cache.cache_folder() is None
    assert disk_cache.fetch("world", "v1") is None


def test_a_folder_that_cannot_be_made_keeps_nothing_and_the_world_still_loads(
    tmp_path, monkeypatch
):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(disk_cache.ENV, str(blocker / "cache"))
    assert disk_cache.cache_folder() is None
    assert len(load_world().actors) > 15


def test_the_default_folder_is_private_and_under_the_users_cache(tmp_path, monkeypatch):
    monkeypatch.delenv(disk_cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = disk_cache.cache_folder()
    assert folder == tmp_path / "postsoviet"
    assert folder.stat().st_mode & 0o777 == 0o700


def test_only_the_most_recently_used_entries_are_kept(cache):
    for number in range(disk_cache.MAX_KEPT):
        disk_cache.keep("toy", number, str(number))
        path = _entries(cache, "toy")
        os.utime(cache / "toy", None)
        for entry in path:  # older entries: older times, so the order is not left to the clock
            stamp = entry.stat().st_mtime - 10
            os.utime(entry, (stamp, stamp))
    assert disk_cache.fetch("toy", "0") == 0  # used: now the most recent
    disk_cache.keep("toy", "new", "new")
    assert len(_entries(cache, "toy")) == disk_cache.MAX_KEPT
    assert disk_cache.fetch("toy", "0") == 0
    assert disk_cache.fetch("toy", "new") == "new"
    kept = [disk_cache.fetch("toy", str(n)) for n in range(1, disk_cache.MAX_KEPT)]
    assert kept.count(None) == 1


def test_an_overlay_is_checked_on_every_load_and_never_kept(cache, tmp_path):
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "actors.csv").write_text("iso3,name,group,source\nXX,Nowhere,other,judgment\n")
    for _ in range(2):
        with pytest.raises(DataError, match=r"actors\.csv"):
            load_world(overlay)
    assert _entries(cache, "world") == []


def test_a_kept_history_equals_the_history_built(cache, world):
    fresh = load_world()
    built = kept_history_frame(fresh, EARLY)
    assert len(_entries(cache, "history")) == 1
    pd.testing.assert_frame_equal(kept_history_frame(fresh, EARLY), built, check_exact=True)
    in_memory = World(dict(fresh._tables), _revisions=dict(fresh._revisions))
    assert in_memory.digest is None
    pd.testing.assert_frame_equal(kept_history_frame(in_memory, EARLY), built, check_exact=True)
    assert len(_entries(cache, "history")) == 1


def test_kept_answers_to_the_asked_questions_are_read_back_not_answered_again(cache, world):
    asked = AskedSet.read()
    day = pd.Timestamp("2012-01-01")
    built = asked_track(asked, world, lambda _: None, kept_as="v1")(day)
    assert len(built) >= 20 and len(_entries(cache, "asked")) == 1

    def never(_: pd.Timestamp) -> None:
        raise AssertionError("a kept question was answered again")

    again = asked_track(asked, world, never, kept_as="v1")(day)
    pd.testing.assert_frame_equal(again, built, check_exact=True)


BUILD_ONCE = """
import sys, time
from pathlib import Path
from postsoviet import disk_cache

def build():
    with Path(sys.argv[1]).open("a") as log:
        log.write("built\\n")
    time.sleep(1.0)
    return "the value"

print(disk_cache.kept_or_built("toy", build, "shared"))
"""


def test_processes_wanting_the_same_entry_at_once_build_it_once(cache, tmp_path):
    log = tmp_path / "builds.log"
    started = [
        subprocess.Popen(
            [sys.executable, "-c", BUILD_ONCE, str(log)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120)[0].strip() for process in started]
    assert outputs == ["the value", "the value"]
    assert log.read_text().splitlines() == ["built"]
