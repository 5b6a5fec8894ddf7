"""The leak audit: run every model as of a cutoff and list each input it read that was known later.

Every CLI-level model (frontier, exposure, next direction, the bargaining issues, attrition, the
landscape, the integration ladder) is run on ``world.known_on(cutoff)`` with the configuration as
known that day (issue snapshots by :func:`postsoviet.data.issues.issue_as_known`, ladder stages by
:func:`postsoviet.models.integration_ladder.stages_as_known`, the ladder's intercept refitted).
The world handed to each model records which tables it reads; every row of those tables, every
issue snapshot and every ladder stage handed in is then checked:

- a row whose ``known_from`` is after the cutoff, or missing, is a leak;
- an end date (``left``, ``left_office``, ``until``) after the cutoff is a leak (it should have been
  censored);
- an issue snapshot or history row dated after the cutoff, or a ladder stage reached after it,
  is a leak.

Judgment values set after the cutoff are not data leaks but hindsight: they are listed apart
(:func:`postsoviet.data.judgment.judgment_as_of`), as a forecast must list them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from postsoviet.data.directions import read_directions
from postsoviet.data.integration_ladder import Stage, read_ladder_stages
from postsoviet.data.issues import Issue, issue_as_known, list_issues, load_issue
from postsoviet.data.judgment import judgment_as_of
from postsoviet.data.model_weights import exposure_weights, read_model_weights
from postsoviet.data.schema import KNOWN_FROM, TABLES
from postsoviet.errors import PostsovietError
from postsoviet.models.attrition import parameters_from, project_attrition
from postsoviet.models.bargaining.issues import forecast_issue
from postsoviet.models.exposure import exposure
from postsoviet.models.frontier import frontier
from postsoviet.models.integration_ladder import ladder_as_of, stages_as_known
from postsoviet.models.landscape.postsoviet import world_landscape
from postsoviet.models.next_direction import rank_directions
from postsoviet.world import World
from postsoviet.world.vintage import END_COLUMNS
from postsoviet.world.world import DateLike, as_timestamp

# The attrition band's draws in the audit: the rows read do not depend on their number.
AUDIT_DRAWS = 20
# The last year of the attrition path and the ladder in the audit.
HORIZON = 2030


class _Recorder(Mapping[str, pd.DataFrame]):
    """The tables of a world, remembering the name of every table read."""

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self._tables = dict(tables)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> pd.DataFrame:
        self.read.add(name)
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


def recording(world: World) -> tuple[World, set[str]]:
    """A copy of ``world`` whose table reads are recorded in the returned set.

    A world derived from it (``at``, ``with_tables``) reads every table to build itself, so all
    of them count as read: the audit errs on the side of checking more.
    """
    recorder = _Recorder(world._tables)
    copy = World(dict(world._tables), world.date, world.cutoff)
    object.__setattr__(copy, "_tables", recorder)
    return copy, recorder.read


@dataclass(frozen=True)
class ModelAudit:
    """One model run in the audit: the tables it read, and why it gave no answer if it gave none."""

    model: str
    tables: tuple[str, ...]
    answered: bool
    reason: str = ""
    leaks: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def _key(name: str, row: Mapping[str, Any]) -> dict[str, str]:
    return {k: _text(row.get(k)) for k in TABLES[name].fact_key}


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return str(value)


def table_leaks(world: World, names: set[str], cutoff: pd.Timestamp) -> list[dict[str, Any]]:
    """Each row of the dated tables ``names`` of ``world`` known after ``cutoff`` (or with no
    ``known_from``), and each end date after it."""
    leaks = []
    for name in sorted(names):
        if name not in TABLES or not TABLES[name].dated:
            continue
        frame = getattr(world, name)
        end = END_COLUMNS.get(name)
        for row in frame.to_dict("records"):
            day = row[KNOWN_FROM]
            if pd.isna(day) or day > cutoff:
                reason = "no known_from" if pd.isna(day) else f"known from {day:%Y-%m-%d}"
                leaks.append({"table": name, "key": _key(name, row), "reason": reason})
            if end is not None and pd.notna(row[end]) and row[end] > cutoff:
                reason = f"{end} {row[end]:%Y-%m-%d} after the cutoff (not censored)"
                leaks.append({"table": name, "key": _key(name, row), "reason": reason})
    return leaks


def issue_leaks(issue: Issue, cutoff: pd.Timestamp) -> list[dict[str, Any]]:
    """Each snapshot row or history row of ``issue`` dated after ``cutoff``."""
    day = cutoff.date()
    late = issue.positions[issue.positions["as_of"] > day]
    history = issue.history[issue.history["date"] > day]
    return [
        {
            "table": f"issues/{issue.id}/positions",
            "key": {"as_of": str(d)},
            "reason": "dated after the cutoff",
        }
        for d in sorted(set(late["as_of"]))
    ] + [
        {
            "table": f"issues/{issue.id}/history",
            "key": {"date": str(d)},
            "reason": "dated after the cutoff",
        }
        for d in history["date"]
    ]


Leaks = list[dict[str, Any]]


def _stage_leaks(stages: tuple[Stage, ...], cutoff: pd.Timestamp) -> Leaks:
    return [
        {
            "table": "integration_ladder_stages",
            "key": {"stage": str(s.index)},
            "reason": "reached after the cutoff",
        }
        for s in stages
        if s.reached is not None and s.reached > cutoff
    ]


def _world_only(model: Callable[[World], Any]) -> Callable[[World], Leaks]:
    """A model whose only dated input is the world: its configuration cannot leak."""

    def run(world: World) -> Leaks:
        model(world)
        return []

    return run


def _runs(cutoff: pd.Timestamp) -> dict[str, Callable[[World], Leaks]]:
    """Every CLI-level model as a function of the vintage, with its configuration as known; each
    returns the leaks in the configuration it was handed (issue snapshots, ladder stages)."""
    stages = stages_as_known(read_ladder_stages(), cutoff)

    def weights(model: str) -> dict[str, float]:
        return read_model_weights(model).set_index("component")["weight"].to_dict()

    def bargaining(issue_id: str) -> Callable[[World], Leaks]:
        def run(world: World) -> Leaks:
            issue = issue_as_known(load_issue(issue_id), cutoff)
            forecast_issue(issue, world, as_of=cutoff.date())
            return issue_leaks(issue, cutoff)

        return run

    def ladder(world: World) -> Leaks:
        horizon = max(cutoff.year, HORIZON)
        ladder_as_of(world, stages, weights("integration_ladder"), horizon=horizon)
        return _stage_leaks(stages, cutoff)

    def attrition(world: World) -> None:
        params = parameters_from(weights("attrition"))
        horizon = max(cutoff.year, HORIZON)
        project_attrition(world, params, horizon=horizon, seed=0, draws=AUDIT_DRAWS)

    runs: dict[str, Callable[[World], Leaks]] = {
        "frontier": _world_only(lambda w: frontier(w, cutoff)),
        "exposure": _world_only(lambda w: exposure(w, cutoff, weights=exposure_weights())),
        "next_direction": _world_only(
            lambda w: rank_directions(w, read_directions(), weights("next_direction"), on=cutoff)
        ),
        "attrition": _world_only(attrition),
        "landscape": _world_only(lambda w: world_landscape(w, cutoff, weights("landscape"))),
        "integration_ladder": ladder,
    }
    runs.update({f"bargaining:{i}": bargaining(i) for i in list_issues()["id"]})
    return runs


def audit(world: World, cutoff: DateLike) -> list[ModelAudit]:
    """Run every model on ``world.known_on(cutoff)`` and check every input each one read.

    ``world`` is the full world (embedded data, possibly overlaid); a model that cannot answer as
    of the cutoff (an issue with no snapshot yet, too little data) is reported with its reason and
    the tables it read before it stopped. Returns one :class:`ModelAudit` per model run.
    """
    day = as_timestamp(cutoff, argument="cutoff")
    vintage = world.known_on(day)
    results = []
    for name, run in _runs(day).items():
        watched, read = recording(vintage)
        answered, reason, extra = True, "", []
        try:
            extra = run(watched)
        except PostsovietError as error:
            answered, reason = False, str(error)
        leaks = table_leaks(vintage, read, day) + extra
        results.append(ModelAudit(name, tuple(sorted(read)), answered, reason, tuple(leaks)))
    return results


def leak_report(world: World, cutoff: DateLike) -> dict[str, Any]:
    """The audit as JSON-ready data: ``{"cutoff", "leaks", "models", "hindsight"}``.

    ``leaks`` lists every row read that was known after the cutoff, each with the model that read
    it (empty when vintages work); ``models`` what each model read and whether it answered;
    ``hindsight`` the judgment values set after the cutoff (:func:`judgment_as_of`).
    """
    day = as_timestamp(cutoff, argument="cutoff")
    results = audit(world, day)
    hindsight = judgment_as_of(day, allow_hindsight=True).attrs["hindsight"]
    return {
        "cutoff": f"{day:%Y-%m-%d}",
        "leaks": [{"model": r.model, **leak} for r in results for leak in r.leaks],
        "models": [
            {"model": r.model, "answered": r.answered, "reason": r.reason, "tables": list(r.tables)}
            for r in results
        ],
        "hindsight": hindsight,
    }
