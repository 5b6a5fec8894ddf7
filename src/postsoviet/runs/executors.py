"""Run a model on every draw of a design: sequentially, in a local process pool, or on Dask.

The draws are cut into chunks of :data:`CHUNK` rows by draw index, whatever the executor or the
number of workers, and draw ``i`` gets its own seed from ``numpy.random.SeedSequence(seed,
spawn_key=(i,))``. A model's outputs for a draw depend only on that draw's row and seed, so the same
seed gives the same bytes on every executor and any number of workers (tested).

Ctrl-C (``KeyboardInterrupt``) stops a run cleanly: pending chunks are cancelled and the finished ones
are kept (:attr:`Execution.done` marks them); the caller decides what to store.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from postsoviet.errors import PostsovietError

EXECUTORS = ("seq", "process", "dask")
CHUNK = 20
Progress = Callable[[int], None]


class Model(Protocol):
    """What an executor runs: outputs for a block of draws (values and per-draw seeds)."""

    @property
    def labels(self) -> list[tuple[str, str]]: ...

    def evaluate(self, values: np.ndarray, seeds: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Execution:
    """The outputs (draws x outputs, NaN where not run), which draws finished, and how it ran."""

    outputs: np.ndarray
    done: np.ndarray
    executor: str
    workers: int
    seconds: float

    @property
    def interrupted(self) -> bool:
        """True when some draws did not run (Ctrl-C)."""
        return not bool(self.done.all())


def draw_seeds(seed: int, start: int, stop: int) -> np.ndarray:
    """One 64-bit seed per draw index in ``[start, stop)``, from ``SeedSequence(seed, spawn_key=(i,))``."""
    return np.array(
        [
            np.random.SeedSequence(seed, spawn_key=(i,)).generate_state(1, np.uint64)[0]
            for i in range(start, stop)
        ],
        dtype=np.uint64,
    )


def _chunks(draws: int) -> Iterator[tuple[int, int]]:
    for start in range(0, draws, CHUNK):
        yield start, min(start + CHUNK, draws)


def _run_chunk(model: Model, values: np.ndarray, seed: int, start: int) -> np.ndarray:
    return model.evaluate(values, draw_seeds(seed, start, start + len(values)))


def execute(
    model: Model,
    values: np.ndarray,
    *,
    seed: int,
    executor: str = "seq",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Execution:
    """Evaluate ``model`` on every row of ``values``; see the module docstring.

    Parameters
    ----------
    executor
        ``seq``, ``process`` (a local pool of ``workers`` processes, started with ``spawn`` without
        touching the global start method) or ``dask`` (the scheduler at ``scheduler``, or a
        ``LocalCluster`` of ``workers`` single-threaded processes started and closed here).
    progress
        Called with the number of draws of each chunk as it finishes (e.g. to advance a bar).
    """
    if executor not in EXECUTORS:
        raise PostsovietError(
            f"argument 'executor': expected one of {list(EXECUTORS)}, got {executor!r}"
        )
    if workers is not None and workers < 1:
        raise PostsovietError(f"argument 'workers': expected a number >= 1, got {workers}")
    draws = len(values)
    outputs = np.full((draws, len(model.labels)), np.nan)
    done = np.zeros(draws, dtype=bool)
    count = 1 if executor == "seq" else workers or os.cpu_count() or 1
    began = time.perf_counter()

    def finish(start: int, result: np.ndarray) -> None:
        outputs[start : start + len(result)] = result
        done[start : start + len(result)] = True
        if progress is not None:
            progress(len(result))

    try:
        if executor == "seq":
            for start, stop in _chunks(draws):
                finish(start, _run_chunk(model, values[start:stop], seed, start))
        elif executor == "process":
            _run_pool(model, values, seed, count, finish)
        else:
            count = _run_dask(model, values, seed, count, scheduler, finish)
    except KeyboardInterrupt:
        pass
    return Execution(outputs, done, executor, count, time.perf_counter() - began)


def _run_pool(
    model: Model, values: np.ndarray, seed: int, workers: int, finish: Callable[..., None]
) -> None:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: dict[Future[np.ndarray], int] = {
            pool.submit(_run_chunk, model, values[start:stop], seed, start): start
            for start, stop in _chunks(len(values))
        }
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                finish(pending.pop(future), future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    model: Model,
    values: np.ndarray,
    seed: int,
    workers: int,
    scheduler: str | None,
    finish: Callable[..., None],
) -> int:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise PostsovietError(
            "the dask executor needs dask.distributed: pip install 'postsoviet[dask]'"
        ) from None
    import dask

    cluster: Any = None
    if scheduler is None:
        # each worker is one core: numba's parallel loops run on one thread there (two per worker
        # on two cores fight for them; BLAS is already single-threaded by Dask's own settings),
        # and the worker's statistical profiler (a thread sampling the stack every 10 ms, taking
        # the GIL) only slows the draws down (docs/performance.md, "Runs")
        environ = {**dask.config.get("distributed.nanny.pre-spawn-environ"), "NUMBA_NUM_THREADS": 1}
        settings = {
            "distributed.worker.profile.enabled": False,
            "distributed.nanny.pre-spawn-environ": environ,
        }
        with dask.config.set(settings):
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
    client = Client(cluster if cluster is not None else scheduler)
    try:
        count = len(client.nthreads()) if scheduler else workers
        shared = client.scatter(model, broadcast=True)
        futures = {
            client.submit(_run_chunk, shared, values[start:stop], seed, start, pure=False): start
            for start, stop in _chunks(len(values))
        }
        try:
            for future in as_completed(list(futures)):
                finish(futures[future], future.result())
        except KeyboardInterrupt:
            client.cancel(list(futures))
            raise
        return count
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
