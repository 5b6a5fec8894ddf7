"""The HTTP API, ``/api/v1/...``: the world, the models, scenarios, sampled jobs, runs, forecasts.

Every answer is JSON. A request the server cannot answer gets a 4xx naming the field or argument:
422 for a body or parameter of the wrong shape (pydantic), 400 for a value the models refuse, 404 for
an unknown model, scenario, job or run.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi import Path as PathParameter

from postsoviet.data.config import Config
from postsoviet.errors import DataError, PostsovietError
from postsoviet.forecasts.forecast import Models, forecast_targets
from postsoviet.forecasts.targets import parse_targets
from postsoviet.models import registry
from postsoviet.reports import geometry
from postsoviet.runs.store import Store
from postsoviet.runs.views import compare_runs, run_info
from postsoviet.scenarios.files import builtin_names, codes_of
from postsoviet.scenarios.run import run_scenario
from postsoviet.scenarios.spec import Scenario, check_consistency, parse_scenario
from postsoviet.serve.jobs import Jobs
from postsoviet.serve.levers import scenario_document
from postsoviet.serve.schemas import JobRequest, ScenarioDocument, TargetsDocument, ViewRequest
from postsoviet.serve.views import Views
from postsoviet.world import World

RunId = Annotated[str, PathParameter(pattern=r"^[0-9a-f]{12}$", description="A run id.")]
Name = Annotated[str, PathParameter(max_length=64)]
MAX_PENDING = 4


@dataclass
class Context:
    """What the server reads once at the door and shares between requests."""

    world: World
    config: Config
    store: Path
    views: Views
    jobs: Jobs
    judgment: Any
    data_version: str
    calibration: Callable[[pd.Timestamp], Any]
    forecasting: threading.Lock


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready rows (NaN as null, dates as ISO text)."""
    return json.loads(frame.to_json(orient="records", date_format="iso"))


def _context(request: Request) -> Context:
    return request.app.state.context


def _spec(name: str) -> registry.ModelSpec:
    if name not in registry.names():
        raise HTTPException(
            404,
            f"argument 'name': unknown model {name!r}: expected one of {list(registry.names())}",
        )
    return registry.get(name)


def _parsed(document: dict[str, Any], world: World) -> Scenario:
    """A posted scenario parsed from the body (never opened as a path); DataError lists problems."""
    scenario, problems = parse_scenario(document, codes_of(world), label="body.scenario")
    if scenario is not None:
        problems = check_consistency(scenario, label="body.scenario")
    if problems:
        raise DataError(problems)
    return scenario


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "A value the models refuse; the detail names the field or argument."},
    401: {"description": "A server started with a token, and no 'Authorization: Bearer' header."},
    404: {"description": "An unknown model, scenario, actor, job or run."},
    413: {"description": "A request body over 1 MiB."},
}
router = APIRouter(prefix="/api/v1", responses=ERRORS)


@router.get("/health")
async def health() -> dict[str, str]:
    """Whether the server is up."""
    return {"status": "ok"}


@router.get("/world")
def world(
    request: Request,
    date: Annotated[dt.date | None, Query(description="ISO day; default today.")] = None,
    known_on: Annotated[dt.date | None, Query(description="A data vintage (ISO day).")] = None,
) -> dict[str, Any]:
    """The actors on a day: key figures, head of state and memberships (or as known on a day)."""
    if date is not None and known_on is not None:
        raise PostsovietError("expected one of 'date' or 'known_on', got both")
    full = _context(request).world
    if known_on is not None:
        day = pd.Timestamp(known_on)
        return {
            "known_on": f"{day:%Y-%m-%d}",
            "summary": records(full.known_on(day).summary(day)),
            "held_back": records(full.held_back(day)),
        }
    day = pd.Timestamp(date) if date is not None else pd.Timestamp.today().normalize()
    return {"date": f"{day:%Y-%m-%d}", "summary": records(full.at(day).summary(day))}


@router.get("/world/{iso3}")
def actor(
    request: Request, iso3: Annotated[str, PathParameter(pattern=r"^[A-Za-z]{3}$")]
) -> dict[str, Any]:
    """Every fact about one actor, with its source."""
    full = _context(request).world
    code = iso3.upper()
    if code not in set(full.actors["iso3"]):
        raise HTTPException(404, f"argument 'iso3': unknown actor {code!r}")
    return {"iso3": code, "facts": records(full.facts(code))}


@router.get("/models")
async def models(request: Request) -> list[dict[str, Any]]:
    """Every registered model: summary, citations, quantities and uncertain inputs."""
    config = _context(request).config
    return [spec.to_dict(config) for spec in registry.specs()]


@router.get("/models/{name}")
def model(request: Request, name: Name) -> dict[str, Any]:
    """One model, with what each quantity means and the world tables it reads."""
    spec = _spec(name)
    return {
        **spec.to_dict(_context(request).config),
        "reads": list(spec.reads),
        "quantities": [
            {**q.to_dict(), "args": list(q.args), "description": q.description}
            for q in spec.quantities
        ],
    }


@router.get("/levers")
async def levers(request: Request) -> list[dict[str, Any]]:
    """The dashboard's levers: each one's name, label, kind and range."""
    return [lever.to_dict() for lever in _context(request).views.levers.values()]


@router.get("/assumptions")
async def assumptions(request: Request) -> list[dict[str, Any]]:
    """The uncertain inputs the dashboard may set, with the model each belongs to."""
    return [
        {"model": model, **item.to_dict()}
        for model, item in _context(request).views.inputs.values()
    ]


@router.post("/views/{name}")
def view(request: Request, name: Name, body: ViewRequest) -> Response:
    """One model under a view (scenario, levers, assumptions, day, seed) beside the baseline.

    ``rows`` hold ``quantity, keys, unit, baseline, scenario``; ``scenario`` the view's scenario as a
    scenario file's mapping; ``citations`` and ``reads`` the model's sources.
    """
    _spec(name)
    return Response(_context(request).views.payload(name, body), media_type="application/json")


@cache
def _shapes() -> bytes:
    shapes = [
        {"id": s.id, "name": s.name, "kind": s.kind, "x": list(s.x), "y": list(s.y)}
        for s in geometry.shapes().values()
    ]
    return json.dumps({"note": geometry.source_note(), "shapes": shapes}).encode("utf-8")


@router.get("/geometry")
async def shapes() -> Response:
    """The map's shapes (projected ``x``, ``y``, null between rings) and the source of the geometry."""
    return Response(_shapes(), media_type="application/json")


@router.get("/scenarios")
async def scenarios(request: Request) -> list[dict[str, Any]]:
    """The built-in scenarios."""
    views = _context(request).views
    return [_summary(views.base(name)) for name in builtin_names()]


def _summary(scenario: Scenario) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "shocks": len(scenario.shocks),
        "horizon": f"{scenario.horizon:%Y-%m-%d}",
        "description": scenario.description.strip(),
    }


@router.get("/scenarios/{name}")
def scenario(request: Request, name: Name) -> dict[str, Any]:
    """A built-in scenario's description, window, shocks and parameters."""
    return scenario_document(_context(request).views.base(name))


@router.post("/scenarios/validate")
def validate(request: Request, body: ScenarioDocument) -> dict[str, Any]:
    """Check a posted scenario: valid, or every problem with its field."""
    try:
        parsed = _parsed(body.scenario, _context(request).world)
    except DataError as error:
        return {"valid": False, "problems": [_problem(p) for p in error.problems]}
    return {"valid": True, "problems": [], "shocks": len(parsed.shocks)}


def _problem(problem: Any) -> dict[str, Any]:
    return {"field": problem.field, "message": problem.message}


@router.post("/scenarios/run")
def run_posted(request: Request, body: ScenarioDocument) -> dict[str, Any]:
    """Run every model under a posted scenario and the baseline, at its horizon."""
    context = _context(request)
    return run_scenario(
        context.world, _parsed(body.scenario, context.world), config=context.config
    ).to_dict()


@router.post("/scenarios/{name}/run")
def run_named(request: Request, name: Name) -> dict[str, Any]:
    """Run every model under a built-in scenario and the baseline, at its horizon."""
    context = _context(request)
    return context.views.named_run(name)


@router.post("/jobs", status_code=202)
def submit(request: Request, body: JobRequest) -> dict[str, Any]:
    """Queue a sampled run of a view's scenario; poll ``GET /jobs/{id}`` for its progress."""
    context = _context(request)
    if context.jobs.pending() >= MAX_PENDING:
        raise HTTPException(429, f"{MAX_PENDING} jobs are already waiting: try again when one ends")
    scenario = context.views.scenario(body)
    return context.jobs.submit(
        scenario, samples=body.samples, method=body.method, seed=body.seed
    ).to_dict()


def _job(context: Context, job_id: str) -> Any:
    job = context.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"argument 'job_id': unknown job {job_id!r}")
    return job


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: Name) -> dict[str, Any]:
    """A job's status and progress (draws done of total)."""
    return _job(_context(request), job_id).to_dict()


@router.get("/jobs/{job_id}/result")
def job_result(request: Request, job_id: Name) -> dict[str, Any]:
    """A finished job's stored run (409 while it runs)."""
    context = _context(request)
    state = _job(context, job_id).to_dict()
    if state["status"] != "complete":
        raise HTTPException(409, f"job {job_id} is {state['status']}: no result yet")
    return _show(context, state["run_id"])


@router.get("/runs")
def runs(request: Request) -> list[dict[str, Any]]:
    """Every stored run, newest first."""
    with Store(_context(request).store) as opened:
        return records(opened.list())


def _load(context: Context, run_id: str) -> Any:
    with Store(context.store) as opened:
        if run_id not in set(opened.list()["run_id"]):
            raise HTTPException(404, f"argument 'run_id': unknown run {run_id!r}")
        return opened.load(run_id)


def _show(context: Context, run_id: str) -> dict[str, Any]:
    run = _load(context, run_id)
    return {
        **run_info(run.info),
        "inputs": run.problem.to_json(),
        "summaries": records(run.summary),
    }


@router.get("/runs/{run_id}")
def run_show(request: Request, run_id: RunId) -> dict[str, Any]:
    """A stored run's provenance, inputs and per-output quantiles."""
    return _show(_context(request), run_id)


@router.get("/runs/{first}/compare/{second}")
def run_compare(request: Request, first: RunId, second: RunId) -> dict[str, Any]:
    """Two stored runs: provenance that differs, each output's median and 90 % band."""
    context = _context(request)
    differs, table = compare_runs(_load(context, first), _load(context, second))
    return {"differs": differs, "outputs": records(table)}


@router.post("/forecasts")
def forecasts(request: Request, body: TargetsDocument) -> dict[str, Any]:
    """Answer each posted target as of its own ``asked_on``: a probability or quantiles, or why not."""
    context = _context(request)
    readable, problems = parse_targets({"targets": body.targets})
    models = Models(context.config, context.judgment, body.allow_hindsight)
    with context.forecasting:  # one at a time: they share the calibration history's cache
        answers = forecast_targets(
            context.world,
            readable,
            problems,
            draws=body.draws,
            seed=body.seed,
            calibration_on=context.calibration,
            data_version=context.data_version,
            models=models,
        )
    return {"draws": body.draws, "seed": body.seed, "forecasts": [a.to_dict() for a in answers]}
