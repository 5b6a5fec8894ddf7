"""The run store: an embedded DuckDB file holding every run with its provenance and outputs.

Default file: ``runs.duckdb`` in the user's data directory (``platformdirs.user_data_dir
("postsoviet")``, e.g. ``~/.local/share/postsoviet`` under XDG). A run is written in one
transaction, so a run killed while writing leaves no rows and the file opens as before.

Faults: DuckDB lets one process at a time open the file for writing, so :class:`Store` waits for
another process's lock up to ``wait`` seconds (default :data:`LOCK_WAIT`, or the environment
variable ``POSTSOVIET_STORE_WAIT``) before it gives up with a :class:`StoreError`. A file that is not
a DuckDB database, or a folder the user cannot write, is a :class:`StoreError` too, and the file is
left as it was. :func:`save_or_keep` never loses a finished run: when the store cannot take it, the
run goes to a store file of its own in a writable folder, and the error says where.

Tables (one fact per row; ``run_id`` joins them):

- ``runs``: ``run_id, created_at, finished_at, seconds, scenarios, sources, scenario_hashes,
  method, samples, draws, draws_done, status, seed, executor, workers, package_version,
  data_version, data_dir, problem_hash, rerun_of`` (lists as JSON text; times in UTC);
- ``inputs``: ``run_id, position, name, kind, distribution, params, nominal, origin, hash``;
- ``draws``: ``run_id, draw, input, unit, value`` (the design: the point in [0, 1] and the value);
- ``outputs``: ``run_id, draw, scenario, output, value`` (finished draws only);
- ``summaries``: ``run_id, position, scenario, output, draws, mean, sd, q05, q25, q50, q75, q95``;
- ``indices``: ``run_id, scenario, output, input, index, value, conf``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from postsoviet.errors import PostsovietError, StoreError
from postsoviet.runs.problem import SamplingProblem
from postsoviet.runs.run import RunRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, created_at TIMESTAMP, finished_at TIMESTAMP, seconds DOUBLE,
    scenarios VARCHAR, sources VARCHAR, scenario_hashes VARCHAR, method VARCHAR, samples INTEGER,
    draws INTEGER, draws_done INTEGER, status VARCHAR, seed UBIGINT, executor VARCHAR,
    workers INTEGER, package_version VARCHAR, data_version VARCHAR, data_dir VARCHAR,
    problem_hash VARCHAR, rerun_of VARCHAR);
CREATE TABLE IF NOT EXISTS inputs (
    run_id VARCHAR, position INTEGER, name VARCHAR, kind VARCHAR, distribution VARCHAR,
    params VARCHAR, nominal DOUBLE, origin VARCHAR, hash VARCHAR);
CREATE TABLE IF NOT EXISTS draws (
    run_id VARCHAR, draw INTEGER, input VARCHAR, unit DOUBLE, value DOUBLE);
CREATE TABLE IF NOT EXISTS outputs (
    run_id VARCHAR, draw INTEGER, scenario VARCHAR, output VARCHAR, value DOUBLE);
CREATE TABLE IF NOT EXISTS summaries (
    run_id VARCHAR, position INTEGER, scenario VARCHAR, output VARCHAR, draws INTEGER,
    mean DOUBLE, sd DOUBLE, q05 DOUBLE, q25 DOUBLE, q50 DOUBLE, q75 DOUBLE, q95 DOUBLE);
CREATE TABLE IF NOT EXISTS indices (
    run_id VARCHAR, scenario VARCHAR, output VARCHAR, input VARCHAR, "index" VARCHAR,
    value DOUBLE, conf DOUBLE);
"""
TABLES = ("runs", "inputs", "draws", "outputs", "summaries", "indices")
LOCK_WAIT = 60.0
"""Seconds a store waits for another process's lock before it gives up."""
SEED_LIMIT = 2**64
"""Seeds are stored as unsigned 64-bit integers: 0 <= seed < SEED_LIMIT."""


def default_store_path() -> Path:
    """``runs.duckdb`` in the user's data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("postsoviet", appauthor=False)) / "runs.duckdb"


@dataclass(frozen=True)
class StoredRun:
    """A run read back from the store: its ``runs`` row and its tidy tables."""

    info: dict[str, Any]
    problem: SamplingProblem
    labels: tuple[tuple[str, str], ...]
    outputs: np.ndarray
    design: pd.DataFrame
    summary: pd.DataFrame
    indices: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the run, tidy: ``runs, inputs, draws, outputs, summaries, indices``."""
        tidy = pd.DataFrame(self.outputs, columns=pd.MultiIndex.from_tuples(self.labels))
        long = tidy.stack(level=[0, 1], future_stack=True).rename("value").reset_index()
        long.columns = ["draw", "scenario", "output", "value"]
        return {
            "runs": pd.DataFrame([self.info]),
            "inputs": self.problem.to_df(),
            "draws": self.design,
            "outputs": long.dropna(subset=["value"]),
            "summaries": self.summary,
            "indices": self.indices,
        }


def lock_wait() -> float:
    """Seconds to wait for a lock: ``POSTSOVIET_STORE_WAIT`` if set, else :data:`LOCK_WAIT`."""
    text = os.environ.get("POSTSOVIET_STORE_WAIT", "")
    try:
        seconds = float(text) if text else LOCK_WAIT
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise StoreError(
            f"environment variable POSTSOVIET_STORE_WAIT: expected seconds >= 0, got {text!r}"
        )
    return seconds


def _is_lock(error: duckdb.Error) -> bool:
    text = str(error)
    return "Could not set lock" in text or "Conflicting lock" in text


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    if "not a valid DuckDB database" in text or "Invalid Input Error" in text:
        return f"is not a DuckDB run store (left as it is): {text}"
    return f"cannot be opened: {text}"


def _connect(path: Path, wait: float) -> duckdb.DuckDBPyConnection:
    """Open ``path``, waiting up to ``wait`` seconds while another process holds its lock."""
    if path.exists() and not path.is_file():
        raise StoreError(f"run store '{path}': is not a regular file")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise StoreError(f"run store '{path}': is read-only (cannot write the file or its folder)")
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.Error as error:
            if not _is_lock(error):
                raise StoreError(f"run store '{path}': {_reason(error)}") from None
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"run store '{path}': locked by another process (waited {wait:g} s; "
                    "set POSTSOVIET_STORE_WAIT to wait longer)"
                ) from None
        time.sleep(pause)
        pause = min(2 * pause, 0.5)


class Store:
    """A DuckDB run store at ``path`` (created with its tables if missing).

    ``wait`` is how long to wait for another process's lock (default: :func:`lock_wait`).
    """

    def __init__(self, path: str | Path | None = None, *, wait: float | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"run store '{self.path}': its folder cannot be created ({error.strerror})"
            ) from None
        self._connection = _connect(self.path, lock_wait() if wait is None else wait)
        try:
            self._connection.execute(SCHEMA)
        except duckdb.Error as error:
            self._connection.close()
            raise StoreError(f"run store '{self.path}': {_reason(error)}") from None

    def close(self) -> None:
        """Close the file."""
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: everything inside is written at commit, or nothing."""
        con = self._connection
        con.begin()
        try:
            yield con
        except BaseException:
            con.rollback()
            raise
        con.commit()

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
        con.register("frame", frame)
        try:
            con.execute(f"INSERT INTO {table} SELECT * FROM frame")  # noqa: S608 - fixed names
        finally:
            con.unregister("frame")

    def save(self, run: RunRecord) -> str:
        """Write ``run`` (one transaction) and return its id."""
        check_seed(run.seed)
        frames = _frames(run)
        try:
            with self.transaction() as con:
                for table in TABLES:
                    self._insert(con, table, frames[table])
        except duckdb.Error as error:
            raise StoreError(
                f"run store '{self.path}': the run cannot be written ({error})"
            ) from None
        return run.run_id

    def list(self) -> pd.DataFrame:
        """One row per run, newest first."""
        return self._connection.execute(
            "SELECT run_id, created_at, scenarios, method, samples, draws, draws_done, status, "
            "seed, executor, workers, seconds FROM runs ORDER BY created_at DESC, run_id"
        ).df()

    def _one(self, sql: str, run_id: str) -> pd.DataFrame:
        return self._connection.execute(sql, [run_id]).df()

    def load(self, run_id: str) -> StoredRun:
        """Read run ``run_id`` back (an unknown id raises :class:`PostsovietError`)."""
        info = self._one("SELECT * FROM runs WHERE run_id = ?", run_id)
        if info.empty:
            raise PostsovietError(
                f"unknown run '{run_id}' in store '{self.path}': see 'postsoviet runs list'"
            )
        row = info.iloc[0].to_dict()
        inputs = self._one("SELECT * FROM inputs WHERE run_id = ? ORDER BY position", run_id)
        problem = SamplingProblem.from_json(
            {
                "name": r.name,
                "distribution": {"kind": r.distribution, "params": json.loads(r.params)},
                "nominal": r.nominal,
                "origin": r.origin,
            }
            for r in inputs.itertuples()
        )
        summary = self._one(
            "SELECT * EXCLUDE (run_id) FROM summaries WHERE run_id = ? ORDER BY position", run_id
        )
        labels = tuple(zip(summary["scenario"], summary["output"], strict=True))
        long = self._one(
            "SELECT o.draw, s.position, o.value FROM outputs o JOIN summaries s "
            "USING (run_id, scenario, output) WHERE run_id = ?",
            run_id,
        )
        outputs = np.full((int(row["draws"]), len(labels)), np.nan)
        outputs[long["draw"].to_numpy(), long["position"].to_numpy()] = long["value"].to_numpy()
        design = self._one(
            "SELECT draw, input, unit, value FROM draws WHERE run_id = ? ORDER BY draw", run_id
        )
        indices = self._one("SELECT * EXCLUDE (run_id) FROM indices WHERE run_id = ?", run_id)
        return StoredRun(
            info=row,
            problem=problem,
            labels=labels,
            outputs=outputs,
            design=design,
            summary=summary.drop(columns="position"),
            indices=indices,
        )

    def counts(self) -> dict[str, int]:
        """Rows per table (to check a store after a failure)."""
        return {
            t: int(self._connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # noqa: S608
            for t in TABLES
        }


def check_seed(seed: int, argument: str = "--seed") -> int:
    """``seed`` if a store can hold it (0 <= seed < 2**64), else a clear :class:`PostsovietError`."""
    if (
        isinstance(seed, bool)
        or not isinstance(seed, int | np.integer)
        or not 0 <= seed < SEED_LIMIT
    ):
        raise PostsovietError(
            f"option '{argument}': expected an integer from 0 to 2**64 - 1, got {seed!r:.40}"
        )
    return int(seed)


def check_store(path: str | Path | None = None) -> Path:
    """Open and close the store at ``path`` now, before any work: a :class:`StoreError` if unusable.

    Returns the store's path (the default one when ``path`` is None).
    """
    with Store(path) as store:
        return store.path


def _fallback_folders(failed: Path) -> list[Path]:
    """Where a run goes when its store cannot take it: beside the store, user data, temp."""
    return [failed.parent, default_store_path().parent, Path(tempfile.gettempdir())]


def save_or_keep(run: RunRecord, path: str | Path | None = None) -> Path:
    """Save ``run`` in the store at ``path``; if that fails, keep it in a store file of its own.

    Returns the store the run went to. When the store at ``path`` fails, the run is saved to
    ``run-<id>.duckdb`` in the first writable folder of: the store's folder, the user's data folder,
    the temporary folder; then a :class:`StoreError` says why and where the run is.
    """
    target = Path(path) if path is not None else default_store_path()
    try:
        with Store(target) as store:
            store.save(run)
        return target
    except StoreError as error:
        failure = str(error)
    for folder in _fallback_folders(target):
        kept = folder / f"run-{run.run_id}.duckdb"
        if kept.exists():
            continue
        try:
            with Store(kept, wait=0) as store:
                store.save(run)
        except (StoreError, OSError):
            kept.unlink(missing_ok=True)
            continue
        raise StoreError(
            f"{failure}; run {run.run_id} kept in '{kept}' instead "
            f"(see 'postsoviet runs show {run.run_id} --store {kept}')"
        )
    raise StoreError(f"{failure}; run {run.run_id} could not be kept anywhere else either")


def _frames(run: RunRecord) -> dict[str, pd.DataFrame]:
    """The run as one DataFrame per table, columns in the tables' order."""
    draws, k = run.values.shape
    info = {
        "run_id": run.run_id,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "seconds": run.seconds,
        "scenarios": json.dumps(list(run.scenarios)),
        "sources": json.dumps(list(run.sources)),
        "scenario_hashes": json.dumps(list(run.scenario_hashes)),
        "method": run.method,
        "samples": run.samples,
        "draws": draws,
        "draws_done": int(run.done.sum()),
        "status": run.status,
        "seed": run.seed,
        "executor": run.executor,
        "workers": run.workers,
        "package_version": run.package_version,
        "data_version": run.data_version,
        "data_dir": run.data_dir,
        "problem_hash": run.problem.hash,
        "rerun_of": run.rerun_of,
    }
    inputs = run.problem.to_df()
    inputs.insert(0, "position", range(k))
    inputs.insert(0, "run_id", run.run_id)
    design = pd.DataFrame(
        {
            "run_id": run.run_id,
            "draw": np.repeat(np.arange(draws, dtype=np.int32), k),
            "input": np.tile(np.array(run.problem.names, dtype=object), draws),
            "unit": run.unit.ravel(),
            "value": run.values.ravel(),
        }
    )
    finished = np.flatnonzero(run.done)
    m = len(run.labels)
    scenario = np.array([s for s, _ in run.labels], dtype=object)
    output = np.array([o for _, o in run.labels], dtype=object)
    outputs = pd.DataFrame(
        {
            "run_id": run.run_id,
            "draw": np.repeat(finished.astype(np.int32), m),
            "scenario": np.tile(scenario, len(finished)),
            "output": np.tile(output, len(finished)),
            "value": run.outputs[finished].ravel(),
        }
    )
    summary = run.summary.copy()
    summary.insert(0, "position", range(len(summary)))
    summary.insert(0, "run_id", run.run_id)
    indices = (
        run.indices
        if run.indices is not None
        else pd.DataFrame(columns=["scenario", "output", "input", "index", "value", "conf"])
    ).copy()
    indices.insert(0, "run_id", run.run_id)
    return {
        "runs": pd.DataFrame([info]),
        "inputs": inputs,
        "draws": design,
        "outputs": outputs,
        "summaries": summary,
        "indices": indices.astype({"value": float, "conf": float}),
    }
