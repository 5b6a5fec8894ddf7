"""The same seed gives the same bytes on every executor and any number of workers (as Axelrod checks
for its tournaments): sequential, a pool of 2 processes, and a real Dask LocalCluster of 2 workers."""

from __future__ import annotations

import numpy as np
import pytest

from postsoviet.errors import PostsovietError
from postsoviet.runs import default_problem, run_uncertainty, sample
from postsoviet.runs.examples import Ishigami
from postsoviet.runs.executors import CHUNK, draw_seeds, execute
from postsoviet.scenarios.files import load_scenario

EXECUTORS = [("seq", None), ("process", 2), ("dask", 2)]


@pytest.fixture(scope="module")
def noisy_design():
    return sample(Ishigami.problem(), 2 * CHUNK + 37, seed=5, method="lhs")


def test_per_draw_seeds_depend_on_the_index_not_the_split():
    whole = draw_seeds(9, 0, 10)
    assert np.array_equal(np.concatenate([draw_seeds(9, 0, 4), draw_seeds(9, 4, 10)]), whole)
    assert len(set(whole.tolist())) == 10


def test_a_stochastic_model_gives_the_same_bytes_on_every_executor(noisy_design):
    model = Ishigami(noise=0.5)
    results = [
        execute(model, noisy_design.values, seed=5, executor=executor, workers=workers)
        for executor, workers in EXECUTORS
    ]
    for result in results:
        assert result.done.all()
        assert results[0].outputs.tobytes() == result.outputs.tobytes()
    assert [r.workers for r in results] == [1, 2, 2]


def test_a_scenario_run_gives_the_same_outputs_and_quantiles_on_1_and_2_processes(world):
    scenarios = [load_scenario("essay-kazakhstan", world)]
    problem = default_problem(scenarios[0])
    runs = [
        run_uncertainty(world, scenarios, problem, samples=2 * CHUNK, seed=3, executor=e, workers=w)
        for e, w in EXECUTORS[:2]
    ]
    assert runs[0].outputs.tobytes() == runs[1].outputs.tobytes()
    assert runs[0].summary.equals(runs[1].summary)


class _StopsAfterOneChunk:
    """Raises KeyboardInterrupt (as Ctrl-C does) on its second chunk."""

    labels = Ishigami().labels

    def __init__(self) -> None:
        self.calls = 0

    def evaluate(self, values, seeds):
        self.calls += 1
        if self.calls == 2:
            raise KeyboardInterrupt
        return Ishigami().evaluate(values, seeds)


def test_ctrl_c_keeps_the_finished_chunks(noisy_design):
    result = execute(_StopsAfterOneChunk(), noisy_design.values, seed=5)
    assert result.interrupted
    assert result.done[:CHUNK].all() and not result.done[CHUNK:].any()
    assert np.isnan(result.outputs[CHUNK:]).all()
    assert not np.isnan(result.outputs[:CHUNK]).any()


def test_an_unknown_executor_is_named():
    with pytest.raises(PostsovietError, match="argument 'executor'"):
        execute(Ishigami(), np.zeros((2, 3)), seed=0, executor="mpi")
