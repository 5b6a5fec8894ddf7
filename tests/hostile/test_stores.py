"""Stores: two processes writing one DuckDB file at once lose nothing; a corrupt, locked or
read-only store is a one-line error before any work, and a finished run is never thrown away."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import refused
from postsoviet.errors import StoreError
from postsoviet.runs import Store, default_problem, run_uncertainty
from postsoviet.runs.store import save_or_keep
from postsoviet.scenarios.files import load_scenario

HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    connection = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()  # until told, or the test closes the pipe
    connection.close()
    """
)
WRITER = textwrap.dedent(
    """
    import pickle, sys
    from postsoviet.runs.store import save_or_keep
    record = pickle.loads(open(sys.argv[2], "rb").read())
    print("ready", flush=True)
    sys.stdin.readline()
    print(save_or_keep(record, sys.argv[1]), flush=True)
    """
)


@pytest.fixture(scope="module")
def record(world):
    scenario = load_scenario("essay-redirect", world)
    return run_uncertainty(world, [scenario], default_problem(scenario), samples=4, seed=3)


def _hold(path, tmp_path):
    """A process holding the store's lock until its standard input is written to or closed."""
    script = tmp_path / "holder.py"
    script.write_text(HOLDER, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, str(script), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_two_processes_saving_to_one_store_at_once_lose_nothing(tmp_path, record):
    path = tmp_path / "runs.duckdb"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    ids = ["aaaaaaaaaaaa", "bbbbbbbbbbbb"]
    pickles = []
    for run_id in ids:
        pickles.append(tmp_path / f"{run_id}.pickle")
        pickles[-1].write_bytes(pickle.dumps(dataclasses.replace(record, run_id=run_id)))
    holder = _hold(path, tmp_path)
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), str(path), str(p)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in pickles
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both meet the holder's lock, then each other's
        writer.stdin.write("go\n")
        writer.stdin.flush()
    time.sleep(0.5)
    holder.communicate("\n", timeout=30)
    results = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], results
    with Store(path) as store:
        assert sorted(store.list()["run_id"]) == ids
        assert store.load(ids[1]).outputs.tobytes() == record.outputs.tobytes()


def test_a_store_locked_too_long_keeps_the_run_beside_it(tmp_path, record, monkeypatch):
    path = tmp_path / "runs.duckdb"
    monkeypatch.setenv("POSTSOVIET_STORE_WAIT", "0.2")
    holder = _hold(path, tmp_path)
    try:
        with pytest.raises(StoreError, match="locked by another process") as caught:
            save_or_keep(record, path)
    finally:
        holder.communicate("\n", timeout=30)
    kept = tmp_path / f"run-{record.run_id}.duckdb"
    assert f"kept in '{kept}'" in str(caught.value)
    with Store(kept) as store:
        assert store.load(record.run_id).outputs.tobytes() == record.outputs.tobytes()


def test_a_corrupt_store_is_refused_before_any_work_and_left_as_it_is(tmp_path):
    path = tmp_path / "runs.duckdb"
    garbage = os.urandom(4096)
    path.write_bytes(garbage)
    line = refused("scenario", "run", "essay-redirect", "--samples", "4", "--store", str(path))
    assert line.startswith(f"error: run store '{path}': is not a DuckDB run store")
    assert path.read_bytes() == garbage
    assert refused("runs", "list", "--store", str(path)).startswith("error: run store")
    assert path.read_bytes() == garbage


def test_a_folder_where_the_store_should_be_is_refused(tmp_path):
    line = refused("runs", "list", "--store", str(tmp_path))
    assert line == f"error: run store '{tmp_path}': is not a regular file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_store_is_refused_before_any_work(tmp_path):
    path = tmp_path / "runs.duckdb"
    Store(path).close()
    path.chmod(0o444)
    line = refused("scenario", "run", "essay-redirect", "--samples", "4", "--store", str(path))
    assert "is read-only" in line


@pytest.mark.parametrize(
    ("seed", "shown"), [("18446744073709551616", "18446744073709551616"), ("-1", "-1")]
)
def test_a_seed_a_store_cannot_hold_is_refused_before_any_work(tmp_path, seed, shown):
    store = str(tmp_path / "runs.duckdb")
    line = refused(
        "scenario", "run", "essay-redirect", "--samples", "4", "--seed", seed, "--store", store
    )
    assert line == (f"error: option '--seed': expected an integer from 0 to 2**64 - 1, got {shown}")
    assert not (tmp_path / "runs.duckdb").exists()
