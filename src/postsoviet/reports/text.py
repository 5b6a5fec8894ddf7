"""The report's Markdown and JSON twins, for people who diff or script reports."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from postsoviet.reports.content import ReportContent, SampledRuns, scenario_table, sources_used
from postsoviet.reports.html import _cell
from postsoviet.reports.links import linked_markdown
from postsoviet.reports.parts import Section
from postsoviet.reports.sections import STANCE


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(title: str, frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table under a bold title."""
    head = "| " + " | ".join(_escape(str(c)) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = [
        "| " + " | ".join(_escape(_cell(v)) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([f"**{_escape(title)}**", "", head, rule, *rows])


def render_markdown(title: str, subtitle: str, sections: list[Section]) -> str:
    """The report as Markdown: the same sections and tables as the HTML page, no figures."""
    parts = [f"# {title}", "", subtitle, ""]
    for section in sections:
        parts += [f"## {section.title}", ""]
        for paragraph in section.text:
            parts += [linked_markdown(paragraph), ""]
        for table in section.tables:
            parts += [table_markdown(table.title, table.frame), ""]
    return "\n".join(parts)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(frame.to_json(orient="records", date_format="iso", default_handler=str))


def sampled_dict(sampled: SampledRuns) -> dict[str, Any]:
    """The sampled runs without their ids and times, so the same seed gives the same bytes.

    The numbers of the section "How sure": design, provenance, the inputs and every output's
    quantiles (``outputs``; the charted ones again in ``charted``).
    """
    records = sampled.records
    return {
        "samples": sampled.samples,
        "method": sampled.method,
        "seed": sampled.seed,
        "executor": sampled.executor,
        "package_version": records[0].package_version if records else None,
        "data_version": records[0].data_version if records else None,
        "runs": [
            {
                "scenario": record.scenarios[0],
                "source": record.sources[0],
                "scenario_hash": record.scenario_hashes[0],
                "draws": len(record.values),
                "status": record.status,
                "problem_hash": record.problem.hash,
                "inputs": record.problem.names,
            }
            for record in records
        ],
        "inputs": _records(sampled.inputs()),
        "charted": _records(sampled.charted()) if records else [],
        "outputs": _records(sampled.summary),
    }


def report_dict(content: ReportContent) -> dict[str, Any]:
    """The report's results as one JSON-ready dict (the models' own ``to_dict`` shapes).

    ``uncertainty`` (:func:`sampled_dict`) only with ``--samples``; ``track_record`` only with a
    track record.
    """
    landscape = content.landscape
    sampled = {} if content.sampled is None else {"uncertainty": sampled_dict(content.sampled)}
    track = {} if content.track is None else {"track_record": content.track.to_dict()}
    return {
        "date": f"{content.day:%Y-%m-%d}",
        "notes": content.notes,
        "blocs": {
            "sides": landscape.sides().to_dict(),
            "least_stable": _records(landscape.least_stable()),
        },
        "exposure": content.exposure.to_dict(),
        "regions": _records(content.regions),
        "frontier": [{"view": v.label, **v.frontier.to_dict()} for v in content.frontiers],
        "attrition": content.attrition.to_dict(),
        "bargaining": {
            f.issue.id: {model: r.forecast for model, r in f.results.items()}
            for f in content.issues
        },
        "directions": _records(content.directions.table.reset_index(names="direction")),
        "claims": _records(content.claims.astype({"scenario_value": str, "baseline_value": str})),
        "scenarios": [
            {**run.to_dict(), "changed": _records(scenario_table(run).astype(str))}
            for run in content.runs
        ],
        **sampled,
        **track,
        "geometry": STANCE,
        "sources": _records(sources_used(content.world, content.issues)),
    }


def render_json(content: ReportContent) -> str:
    """The JSON twin, indented."""
    return json.dumps(report_dict(content), indent=2, default=str) + "\n"
