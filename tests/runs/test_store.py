"""The DuckDB store round-trips a run and survives a run killed while it writes."""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from postsoviet.runs import Store, default_problem, run_uncertainty
from postsoviet.runs.store import default_store_path
from postsoviet.scenarios.files import load_scenario


@pytest.fixture(scope="module")
def record(world):
    scenario = load_scenario("essay-redirect", world)
    return run_uncertainty(world, [scenario], default_problem(scenario), samples=30, seed=11)


def test_a_run_round_trips_through_a_duckdb_file(tmp_path, record):
    path = tmp_path / "runs.duckdb"
    with Store(path) as store:
        store.save(record)
    with Store(path) as store:
        back = store.load(record.run_id)
        listed = store.list()
    assert listed["run_id"].tolist() == [record.run_id]
    assert back.outputs.tobytes() == record.outputs.tobytes()
    assert back.problem == record.problem
    assert back.labels == record.labels
    assert back.info["seed"] == record.seed
    assert back.info["data_version"] == record.data_version
    assert back.info["status"] == "complete"
    assert np.allclose(back.summary["q50"], record.summary["q50"])
    design = back.design.pivot(index="draw", columns="input", values="value")
    assert np.array_equal(design[record.problem.names].to_numpy(), record.values)


def test_the_default_store_lives_in_the_user_data_directory():
    assert default_store_path().name == "runs.duckdb"
    assert "postsoviet" in str(default_store_path())


KILLED_WRITER = textwrap.dedent(
    """
    import pickle, sys, time
    from postsoviet.runs import store as module

    record = pickle.loads(open(sys.argv[2], "rb").read())
    insert = module.Store._insert

    def slow(self, con, table, frame):
        insert(self, con, table, frame)
        if table == "draws":
            print("writing", flush=True)
            time.sleep(120)

    module.Store._insert = slow
    with module.Store(sys.argv[1]) as store:
        store.save(record)
    """
)


def test_a_run_killed_while_writing_leaves_only_complete_runs(tmp_path, record):
    path = tmp_path / "runs.duckdb"
    with Store(path) as store:
        store.save(record)
        before = store.counts()
    other = tmp_path / "other.pickle"
    other.write_bytes(pickle.dumps(_renamed(record, "0123456789ab")))
    script = tmp_path / "writer.py"
    script.write_text(KILLED_WRITER, encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, str(script), str(path), str(other)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    with Store(path) as store:
        assert store.list()["run_id"].tolist() == [record.run_id]
        assert store.counts() == before
        assert store.load(record.run_id).outputs.tobytes() == record.outputs.tobytes()


def _renamed(record, run_id):
    import dataclasses

    return dataclasses.replace(record, run_id=run_id)
