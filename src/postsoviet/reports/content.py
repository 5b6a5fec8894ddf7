"""Gather what the report shows: every model's answer on the report's day and under each scenario.

This module only calls the models, scenarios and, with ``--samples``, the runs package
(:func:`sample_scenarios`), and keeps their results; it computes no model result itself. Figures (:mod:`postsoviet.reports.figures`) and pages
(:mod:`postsoviet.reports.html`, :mod:`postsoviet.reports.text`) are drawn from
:class:`ReportContent`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from postsoviet.data.config import WEIGHTED_MODELS, Config, default_config
from postsoviet.data.issues import Issue
from postsoviet.data.schema import TABLES
from postsoviet.models import registry
from postsoviet.models.attrition import AttritionPath
from postsoviet.models.bargaining.issues import forecast_issue
from postsoviet.models.bargaining.results import BargainingResult
from postsoviet.models.exposure import Exposure
from postsoviet.models.frontier import Frontier
from postsoviet.models.integration_ladder import LadderForecast, stage_reached
from postsoviet.models.landscape.postsoviet import WorldLandscape
from postsoviet.models.next_direction import DirectionRanking
from postsoviet.models.registry.spec import year_end
from postsoviet.reports.track_record import TrackRecord
from postsoviet.runs import RunRecord, default_problem, run_uncertainty
from postsoviet.runs.executors import Progress
from postsoviet.scenarios.apply import apply_scenario
from postsoviet.scenarios.claims import evaluate_claims
from postsoviet.scenarios.files import load_scenario
from postsoviet.scenarios.flat import flatten
from postsoviet.scenarios.run import ScenarioRun, run_scenarios
from postsoviet.scenarios.spec import Scenario
from postsoviet.world import World
from postsoviet.world.world import as_timestamp

BEFORE_THE_WAR = pd.Timestamp("2021-12-31")
LADDER_HISTORY_START = 1995
# The world tables the report reads outside the registered models: the regions table
# (region_table), the frontier views (frontier_view) and the maps' actors (figures).
REPORT_READS = ("actors", "borders", "regions", "region_control", "region_attributes")


def tables_used() -> tuple[str, ...]:
    """The world tables the report reads: every registered model's (its entry's ``reads``) and
    :data:`REPORT_READS`, in the schema's order. The sources appendix lists every row they hold."""
    read = set(REPORT_READS).union(*(spec.reads for spec in registry.specs()))
    return tuple(name for name in TABLES if name in read)


TABLES_USED = tables_used()
# --samples: the design every sampled report uses, so its numbers are those of
# `postsoviet scenario run NAME --samples N` with that command's defaults (mc, seed 0, seq).
SAMPLE_METHOD = "mc"
SAMPLE_SEED = 0
SAMPLE_EXECUTOR = "seq"
TOP_STATES = 10
SAMPLES_HINT = (
    "How sure these answers are: 'postsoviet report --samples 1000' adds a section of sampled "
    "draws of the uncertain inputs (docs/report.md)."
)
SUMMARY_COLUMNS = ["scenario", "output", "draws", "mean", "sd", "q05", "q25", "q50", "q75", "q95"]
CHARTED = {"exposure.index.": "exposure index", "directions.net.": "next-direction net"}


@dataclass(frozen=True)
class FrontierView:
    """The frontier on one day, and the territories that count as Russia's that day.

    ``russian`` holds ``RUS`` and ``kaliningrad`` plus every state a scenario merged into Russia (a
    state whose borders the merger handed to Russia), so a map can draw the segments.
    """

    label: str
    frontier: Frontier
    russian: frozenset[str]


@dataclass(frozen=True)
class IssueForecast:
    """One bargaining issue: its data, the three models' results and their inputs."""

    issue: Issue
    results: dict[str, BargainingResult]
    inputs: pd.DataFrame


@dataclass(frozen=True)
class SampledRuns:
    """The report's uncertainty runs: one per scenario, over its default problem, one design.

    Each record is what :func:`postsoviet.runs.run_uncertainty` returns (docs/runs.md).
    """

    samples: int
    method: str
    seed: int
    executor: str
    records: tuple[RunRecord, ...]

    @property
    def summary(self) -> pd.DataFrame:
        """Every sampled output's quantiles over the draws, scenario by scenario.

        Columns ``scenario, output, draws, mean, sd, q05, q25, q50, q75, q95``.
        """
        frames = [record.summary[SUMMARY_COLUMNS] for record in self.records]
        if not frames:
            return pd.DataFrame(columns=SUMMARY_COLUMNS)
        return pd.concat(frames, ignore_index=True)

    def by_model(self, count: int = 3) -> pd.DataFrame:
        """Every registered model's most uncertain outputs: per scenario and model, the ``count``
        outputs with the widest 5-95% range (every model has a row, even a steady one).

        Columns ``scenario, model, output, q05, q50, q95``.
        """
        summary = self.summary.assign(
            model=lambda f: f["output"].str.split(".").str[0], width=lambda f: f["q95"] - f["q05"]
        )
        widest = summary.sort_values(
            ["scenario", "model", "width", "output"],
            ascending=[True, True, False, True],
            kind="stable",
        )
        columns = ["scenario", "model", "output", "q05", "q50", "q95"]
        return (
            widest.groupby(["scenario", "model"], sort=False)
            .head(count)[columns]
            .reset_index(drop=True)
        )

    def inputs(self) -> pd.DataFrame:
        """Each sampled input once: ``input, distribution, params, nominal, origin, scenarios``.

        ``scenarios`` is ``all`` when every scenario samples the input with the same
        distribution, else the scenarios that do, joined by ``, ``.
        """
        rows: dict[tuple[Any, ...], dict[str, Any]] = {}
        for record in self.records:
            for item in record.problem.inputs:
                spread = item.distribution
                key = (item.name, spread.kind, spread.params, item.nominal)
                row = rows.setdefault(
                    key,
                    {
                        "input": item.name,
                        "distribution": spread.kind,
                        "params": ", ".join(f"{p:.6g}" for p in spread.params),
                        "nominal": item.nominal,
                        "origin": item.origin,
                        "scenarios": [],
                    },
                )
                row["scenarios"].append(record.scenarios[0])
        for row in rows.values():
            every = len(row["scenarios"]) == len(self.records)
            row["scenarios"] = "all" if every else ", ".join(row["scenarios"])
        columns = ["input", "distribution", "params", "nominal", "origin", "scenarios"]
        return pd.DataFrame(list(rows.values()), columns=columns)

    def charted(self, top: int = TOP_STATES) -> pd.DataFrame:
        """The outputs the report charts, each with its median and 5-95% range.

        The exposure index of the ``top`` states (by their highest median over the scenarios) and
        every direction's net. Columns ``scenario, output, kind, name, q05, q50, q95``, states and directions in
        descending order of their highest median.
        """
        summary = self.summary
        parts = []
        for prefix, kind in CHARTED.items():
            rows = summary[summary["output"].str.startswith(prefix)].assign(
                kind=kind, name=lambda f, p=prefix: f["output"].str.removeprefix(p)
            )
            order = rows.groupby("name")["q50"].max().sort_values(ascending=False, kind="stable")
            keep = list(order.index[:top] if prefix == "exposure.index." else order.index)
            rows = rows[rows["name"].isin(keep)]
            position = rows["name"].map({name: i for i, name in enumerate(keep)})
            parts.append(rows.assign(position=position).sort_values(["position"], kind="stable"))
        columns = ["scenario", "output", "kind", "name", "q05", "q50", "q95"]
        return pd.concat(parts, ignore_index=True)[columns]


def sample_scenarios(
    world: World,
    scenarios: Sequence[Scenario],
    *,
    samples: int,
    sources: Sequence[str] | None = None,
    data_dir: str | Path | None = None,
    config: Config | None = None,
    progress: Progress | None = None,
    on_design: Callable[[int], None] | None = None,
) -> SampledRuns:
    """Run each scenario on ``samples`` draws of its uncertain inputs, through the runs package.

    Each scenario's problem is :func:`~postsoviet.runs.default_problem` (every judgment weight
    and scenario parameter with the default spread); method :data:`SAMPLE_METHOD`, seed
    :data:`SAMPLE_SEED`, executor :data:`SAMPLE_EXECUTOR` (in this process).

    ``sources`` are the scenarios as given (built-in names or files; default their names);
    ``data_dir`` a ``--data`` overlay, recorded in each run's data version. ``progress`` and
    ``on_design`` are passed to each run (:func:`~postsoviet.runs.run_uncertainty`): the draws
    done, and each scenario's number of draws before they run.
    """
    sources = list(sources) if sources is not None else [s.name for s in scenarios]
    records = tuple(
        run_uncertainty(
            world,
            [scenario],
            default_problem(scenario, config),
            samples=samples,
            method=SAMPLE_METHOD,
            seed=SAMPLE_SEED,
            executor=SAMPLE_EXECUTOR,
            data_dir=data_dir,
            sources=[source],
            config=config,
            progress=progress,
            on_design=on_design,
        )
        for scenario, source in zip(scenarios, sources, strict=True)
    )
    return SampledRuns(samples, SAMPLE_METHOD, SAMPLE_SEED, SAMPLE_EXECUTOR, records)


@dataclass(frozen=True)
class ReportContent:
    """Everything the report shows, as the models returned it."""

    day: pd.Timestamp
    world: World
    landscape: WorldLandscape
    exposure: Exposure
    regions: pd.DataFrame
    frontiers: tuple[FrontierView, ...]
    attrition: AttritionPath
    ladder: LadderForecast
    ladder_history: pd.Series
    issues: tuple[IssueForecast, ...]
    directions: DirectionRanking
    claims: pd.DataFrame
    runs: tuple[ScenarioRun, ...]
    weights: dict[str, pd.DataFrame]
    sampled: SampledRuns | None = None
    notes: list[str] = field(default_factory=list)
    track: TrackRecord | None = None


def _detail(name: str, world: World, config: Config, on: pd.Timestamp, **options: Any) -> Any:
    """The registered model ``name``'s own result on ``on``."""
    return registry.get(name).run(world, config, on=on, **options).detail


def _latest(rows: pd.DataFrame, key: str, variable: str) -> pd.Series:
    """The latest value of ``variable`` per ``key`` (rows of a long table with ``year``)."""
    picked = rows[rows["variable"] == variable].sort_values("year")
    return picked.groupby(key)["value"].last()


def region_table(world: World, day: pd.Timestamp) -> pd.DataFrame:
    """The regions of ``regions.csv`` with their de facto control on ``day`` and latest figures.

    Columns ``id, name, kind, de_jure, controller, backer, area_share, since, population,
    ethnic_russian_share, russian_troops``; a region with no control row that day has none.
    """
    dated = world.at(day)
    control = dated.region_control.sort_values("since").groupby("region").last()
    attributes = dated.region_attributes
    table = world.regions[["id", "name", "kind", "de_jure"]].copy()
    for column in ("controller", "backer", "area_share", "since"):
        table[column] = table["id"].map(control[column])
    for variable in ("population", "ethnic_russian_share", "russian_troops"):
        table[variable] = pd.to_numeric(
            table["id"].map(_latest(attributes, "region", variable)), errors="coerce"
        )
    return table


def frontier_view(
    label: str, world: World, shocked: World, day: pd.Timestamp, config: Config | None = None
) -> FrontierView:
    """The frontier of ``shocked`` on ``day``, with the states ``shocked`` merged into Russia."""
    before = set(world.borders["a_state"])
    after = set(shocked.borders["a_state"])
    merged = {state for state in before - after if state in set(world.actors["iso3"])}
    result = _detail("frontier", shocked, config or default_config(), day)
    return FrontierView(label, result, frozenset({"RUS", "kaliningrad", *merged}))


def collect(
    world: World,
    scenarios: Sequence[str],
    *,
    day: Any = None,
    samples: int | None = None,
    data_dir: str | Path | None = None,
    config: Config | None = None,
    track: TrackRecord | None = None,
    progress: Progress | None = None,
    on_design: Callable[[int], None] | None = None,
) -> ReportContent:
    """Run every model for the report: on ``day`` (default today) and under each scenario.

    With ``samples``, each scenario is also run on that many draws of its uncertain inputs
    (:func:`sample_scenarios`); without, nothing is sampled. ``data_dir`` is the ``--data``
    overlay the world was loaded with, recorded in the sampled runs' data version. ``config`` is
    the models' configuration, loaded once by the caller (default: the embedded one). ``track``
    is the track record the caller backtested (:func:`~postsoviet.reports.track_record.track_record`),
    shown as it is; without it the section says how to get one. ``progress`` and ``on_design``
    follow the sampled draws (:func:`sample_scenarios`).
    """
    config = config if config is not None else default_config()
    today = as_timestamp(day if day is not None else pd.Timestamp.today().normalize())
    loaded = [load_scenario(name, world) for name in scenarios]
    runs = run_scenarios(world, loaded, config=config)
    frontiers = [
        frontier_view(
            f"{BEFORE_THE_WAR:%Y-%m-%d} (before the invasion)",
            world,
            world,
            BEFORE_THE_WAR,
            config,
        ),
        frontier_view(f"{today:%Y-%m-%d} (report day)", world, world, today, config),
    ]
    frontiers += [
        frontier_view(
            f"{s.name} ({s.horizon:%Y-%m-%d})", world, apply_scenario(world, s), s.horizon, config
        )
        for s in loaded
        if s.name != "baseline"
    ]
    issues = []
    for issue in config.issues:
        results, inputs = forecast_issue(issue, world)
        issues.append(IssueForecast(issue, results, inputs))
    sampled = None
    notes = []
    if samples is None:
        notes.append(SAMPLES_HINT)
    else:
        sampled = sample_scenarios(
            world,
            loaded,
            samples=samples,
            sources=scenarios,
            data_dir=data_dir,
            config=config,
            progress=progress,
            on_design=on_design,
        )
    stages = config.stages
    history_years = range(LADDER_HISTORY_START, today.year + 1)
    ladder_history = pd.Series(
        [stage_reached(stages, pd.Timestamp(year=y, month=1, day=1)) for y in history_years],
        index=list(history_years),
        name="stage",
    )
    return ReportContent(
        day=today,
        world=world,
        landscape=_detail("landscape", world, config, today),
        exposure=_detail("exposure", world, config, today),
        regions=region_table(world, today),
        frontiers=tuple(frontiers),
        attrition=_detail(
            "attrition",
            world,
            config,
            year_end(int(config.parameter("horizon.year"))),
            seed=int(config.parameter("attrition.seed")),
        ),
        ladder=_detail(
            "ladder",
            world,
            config,
            year_end(max(int(config.parameter("horizon.year")), today.year)),
            start=today.year,
        ),
        ladder_history=ladder_history,
        issues=tuple(issues),
        directions=_detail("directions", world, config, today),
        claims=evaluate_claims(world, runs={run.scenario.name: run for run in runs}),
        runs=runs,
        weights={model: config.weights_table(model) for model in WEIGHTED_MODELS},
        sampled=sampled,
        notes=notes,
        track=track,
    )


def _source_ids(cell: Any) -> list[str]:
    if not isinstance(cell, str):
        return []
    return [part.strip() for part in cell.split(";") if part.strip()]


def figures_used(world: World) -> pd.DataFrame:
    """Every row of the tables the report's models read: ``file, row, fact, source``.

    ``fact`` is the row's cells other than ``source`` and ``note``, joined as ``column=value``.
    """
    rows = []
    for name in TABLES_USED:
        table = getattr(world, name)
        columns = [c for c in table.columns if c not in ("source", "note")]
        for number, record in enumerate(table.to_dict(orient="records"), start=1):
            fact = "; ".join(f"{c}={_text(record[c])}" for c in columns if _text(record[c]) != "")
            rows.append(
                {"file": f"{name}.csv", "row": number, "fact": fact, "source": record["source"]}
            )
    return pd.DataFrame(rows, columns=["file", "row", "fact", "source"])


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sources_used(world: World, issues: Sequence[IssueForecast]) -> pd.DataFrame:
    """The sources cited by the figures used and by the issues: one row per source.

    Columns ``id, title, publisher, url, date, cited_by`` (``date`` the publication date, or the
    access date when none is given; ``cited_by`` ``file (rows)`` joined by ``, ``), sorted by id.
    """
    figures = figures_used(world)
    counts: dict[str, dict[str, int]] = {}
    for file, cell in zip(figures["file"], figures["source"], strict=True):
        for source in _source_ids(cell):
            counts.setdefault(source, {}).setdefault(file, 0)
            counts[source][file] += 1
    catalogue = world.sources.set_index("id")
    for forecast in issues:
        for source in forecast.issue.sources["id"]:
            counts.setdefault(source, {}).setdefault(f"issue {forecast.issue.id}", 0)
            counts[source][f"issue {forecast.issue.id}"] += 1
        catalogue = pd.concat(
            [
                catalogue,
                forecast.issue.sources.set_index("id").drop(catalogue.index, errors="ignore"),
            ]
        )
    rows = []
    for source in sorted(counts):
        if source == "judgment":
            continue
        known = source in catalogue.index
        meta = catalogue.loc[source] if known else None
        published = _text(meta["published"]) if known else ""
        accessed = _text(meta["accessed"]) if known else ""
        rows.append(
            {
                "id": source,
                "title": _text(meta["title"]) if known else "(not in sources.csv)",
                "publisher": _text(meta["publisher"]) if known else "",
                "url": _text(meta["url"]) if known else "",
                "date": published or (f"accessed {accessed}" if accessed else ""),
                "cited_by": ", ".join(f"{f} ({n})" for f, n in sorted(counts[source].items())),
            }
        )
    return pd.DataFrame(rows, columns=["id", "title", "publisher", "url", "date", "cited_by"])


def judgment_counts(world: World) -> pd.DataFrame:
    """How many rows of each table used rest on analyst judgment: ``file, rows, judgment``."""
    figures = figures_used(world)
    judged = figures["source"].map(lambda cell: "judgment" in _source_ids(cell))
    return (
        figures.assign(judgment=judged)
        .groupby("file", sort=False)
        .agg(rows=("row", "size"), judgment=("judgment", "sum"))
        .reset_index()
    )


def scenario_table(run: ScenarioRun) -> pd.DataFrame:
    """One row per output of a run: ``output, baseline, scenario, changed``."""
    after, before = flatten(dict(run.results)), flatten(dict(run.baseline))
    rows = [
        {
            "output": key,
            "baseline": before.get(key),
            "scenario": after[key],
            "changed": after[key] != before.get(key),
        }
        for key in after
    ]
    return pd.DataFrame(rows, columns=["output", "baseline", "scenario", "changed"])
