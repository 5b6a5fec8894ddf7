"""Sampled runs as background jobs: submit, follow the progress, read the stored run.

One worker thread runs the jobs in turn (a sampled run already keeps the cores busy); each run goes
to the run store when it ends. A scenario built from levers is written as YAML beside the store
(``<store folder>/scenarios/<sha256>.yaml``) so the stored run names a file it can be rerun from;
the server writes nowhere else.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from postsoviet.data.config import Config
from postsoviet.runs.problem import default_problem
from postsoviet.runs.run import run_uncertainty
from postsoviet.runs.store import Store
from postsoviet.scenarios.spec import Scenario
from postsoviet.serve.levers import scenario_document
from postsoviet.world import World


@dataclass
class Job:
    """A job's state: ``queued``, ``running``, ``complete`` or ``failed``, and its progress."""

    id: str
    status: str = "queued"
    done: int = 0
    total: int | None = None
    run_id: str | None = None
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``GET /api/v1/jobs/{id}``."""
        with self.lock:
            return {
                "id": self.id,
                "status": self.status,
                "done": self.done,
                "total": self.total,
                "run_id": self.run_id,
                "error": self.error,
            }


class Jobs:
    """The background jobs of one server, writing to the run store at ``store``."""

    def __init__(self, world: World, config: Config, store: Path) -> None:
        self.world = world
        self.config = config
        self.store = store
        self._jobs: dict[str, Job] = {}
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postsoviet-job")

    def _source(self, scenario: Scenario) -> str:
        text = yaml.safe_dump(scenario_document(scenario), sort_keys=False)
        folder = self.store.parent / "scenarios"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.yaml"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def submit(self, scenario: Scenario, *, samples: int, method: str, seed: int) -> Job:
        """Queue a sampled run of ``scenario``; return its job at once."""
        job = Job(uuid.uuid4().hex[:12])
        self._jobs[job.id] = job
        self._pool.submit(self._run, job, scenario, samples, method, seed)
        return job

    def pending(self) -> int:
        """How many jobs are queued or running."""
        return sum(job.to_dict()["status"] in ("queued", "running") for job in self._jobs.values())

    def get(self, job_id: str) -> Job | None:
        """The job ``job_id``, or None."""
        return self._jobs.get(job_id)

    def _run(self, job: Job, scenario: Scenario, samples: int, method: str, seed: int) -> None:
        def total(count: int) -> None:
            with job.lock:
                job.total = count

        def advance(count: int) -> None:
            with job.lock:
                job.done += count

        with job.lock:
            job.status = "running"
        try:
            record = run_uncertainty(
                self.world,
                [scenario],
                default_problem(scenario, self.config),
                samples=samples,
                method=method,
                seed=seed,
                progress=advance,
                on_design=total,
                sources=[self._source(scenario)],
                config=self.config,
            )
            with Store(self.store) as opened:
                opened.save(record)
        except Exception as error:  # a failed job reports why instead of vanishing
            with job.lock:
                job.status, job.error = "failed", str(error)
            return
        with job.lock:
            job.status, job.run_id = "complete", record.run_id

    def close(self) -> None:
        """Stop taking jobs; let the running one finish."""
        self._pool.shutdown(wait=False, cancel_futures=True)
