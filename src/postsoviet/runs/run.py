"""One uncertainty run from end to end: sample, execute, summarise, analyse, with its provenance.

A :class:`RunRecord` holds everything the store keeps: what was run (scenarios and their file hashes,
the problem and its hash, method, base size and seed), on what (package version, data version: a
hash of every data file), how (executor, workers, time) and what came out (the outputs of every
draw, their quantiles, and sensitivity indices for ``sobol``, ``morris`` and ``fast``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.data.config import Config
from postsoviet.data.version import data_version
from postsoviet.runs.analyze import ANALYSES, analyze, quantiles
from postsoviet.runs.chain import chain_set
from postsoviet.runs.executors import Progress, execute
from postsoviet.runs.problem import SamplingProblem
from postsoviet.runs.sample import sample
from postsoviet.scenarios.files import scenario_path
from postsoviet.scenarios.spec import Scenario
from postsoviet.world import World


def package_version() -> str:
    """The installed postsoviet version."""
    try:
        return version("postsoviet")
    except PackageNotFoundError:  # pragma: no cover - a source tree without installation
        return "unknown"


def scenario_hash(source: str) -> str:
    """SHA-256 of a scenario file's bytes (a built-in name or a path)."""
    return hashlib.sha256(scenario_path(source).read_bytes()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class RunRecord:
    """A run and its provenance (see the module docstring)."""

    run_id: str
    created_at: dt.datetime
    finished_at: dt.datetime
    seconds: float
    scenarios: tuple[str, ...]
    sources: tuple[str, ...]
    scenario_hashes: tuple[str, ...]
    method: str
    samples: int
    seed: int
    executor: str
    workers: int
    package_version: str
    data_version: str
    data_dir: str | None
    problem: SamplingProblem
    unit: np.ndarray
    values: np.ndarray
    labels: tuple[tuple[str, str], ...]
    outputs: np.ndarray
    done: np.ndarray
    summary: pd.DataFrame
    indices: pd.DataFrame | None = None
    rerun_of: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """``complete``, or ``interrupted`` when Ctrl-C stopped it (the finished draws are kept)."""
        return "complete" if bool(self.done.all()) else "interrupted"

    def to_dict(self) -> dict[str, Any]:
        """The run id, provenance and, per scenario and output, its quantiles (JSON-ready)."""
        outputs: dict[str, dict[str, dict[str, float]]] = {}
        for row in self.summary.to_dict(orient="records"):
            stats = {k: v for k, v in row.items() if k not in ("scenario", "output")}
            outputs.setdefault(row["scenario"], {})[row["output"]] = stats
        shape: dict[str, Any] = {
            "run_id": self.run_id,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "finished_at": self.finished_at.isoformat(timespec="seconds"),
            "seconds": round(self.seconds, 3),
            "executor": self.executor,
            "workers": self.workers,
            "status": self.status,
            "scenarios": list(self.scenarios),
            "method": self.method,
            "samples": self.samples,
            "draws": len(self.values),
            "seed": self.seed,
            "package_version": self.package_version,
            "data_version": self.data_version,
            "problem_hash": self.problem.hash,
            "inputs": self.problem.names,
            "models": sorted({output.split(".", 1)[0] for _, output in self.labels}),
            "outputs": outputs,
        }
        if self.indices is not None:
            shape["indices"] = self.indices.to_dict(orient="records")
        return shape


def run_uncertainty(
    world: World,
    scenarios: Sequence[Scenario],
    problem: SamplingProblem,
    *,
    samples: int,
    method: str = "mc",
    seed: int | np.random.Generator = 0,
    executor: str = "seq",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    data_dir: str | Path | None = None,
    sources: Sequence[str] | None = None,
    on_design: Callable[[int], None] | None = None,
    config: Config | None = None,
    models: Sequence[str] | None = None,
) -> RunRecord:
    """Sample ``problem``, run every scenario on each draw, summarise and, for ``sobol``, ``morris``
    and ``fast``, analyse.

    ``sources`` are the scenarios as given (built-in names or files; default their names), kept to
    rerun them; ``on_design`` is called with the number of draws before they run; ``config`` the
    models' configuration (default: the embedded one); ``models`` the registered models to run
    (default: all, :mod:`postsoviet.runs.chain`).
    """
    sources = tuple(sources) if sources is not None else tuple(s.name for s in scenarios)
    created = _now()
    design = sample(problem, samples, seed=seed, method=method)
    if on_design is not None:
        on_design(design.draws)
    model = chain_set(world, scenarios, problem.names, config=config, models=models)
    labels = tuple(model.labels)
    run = execute(
        model,
        design.values,
        seed=design.seed,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
    )
    summary = quantiles(run.outputs, labels)
    indices = None
    if method in ANALYSES and not run.interrupted:
        indices = analyze(
            problem, run.outputs, method=method, labels=labels, unit=design.unit, seed=design.seed
        ).to_df()
    return RunRecord(
        run_id=uuid.uuid4().hex[:12],
        created_at=created,
        finished_at=_now(),
        seconds=run.seconds,
        scenarios=tuple(s.name for s in scenarios),
        sources=sources,
        scenario_hashes=tuple(scenario_hash(s) for s in sources),
        method=method,
        samples=samples,
        seed=design.seed,
        executor=run.executor,
        workers=run.workers,
        package_version=package_version(),
        data_version=data_version(data_dir),
        data_dir=None if data_dir is None else str(data_dir),
        problem=problem,
        unit=design.unit,
        values=design.values,
        labels=labels,
        outputs=run.outputs,
        done=run.done,
        summary=summary,
        indices=indices,
    )
