"""The report's Markdown and JSON twins, for people who diff or script reports."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from postsoviet.reports.content import ReportContent, scenario_table, sources_used
from postsoviet.reports.html import _cell
from postsoviet.reports.sections import STANCE, Section


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
            parts += [paragraph, ""]
        for table in section.tables:
            parts += [table_markdown(table.title, table.frame), ""]
    return "\n".join(parts)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(frame.to_json(orient="records", date_format="iso", default_handler=str))


def report_dict(content: ReportContent) -> dict[str, Any]:
    """The report's results as one JSON-ready dict (the models' own ``to_dict`` shapes)."""
    landscape = content.landscape
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
        "geometry": STANCE,
        "sources": _records(sources_used(content.world, content.issues)),
    }


def render_json(content: ReportContent) -> str:
    """The JSON twin, indented."""
    return json.dumps(report_dict(content), indent=2, default=str) + "\n"
