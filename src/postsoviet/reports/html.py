"""The report as one self-contained HTML page: plotly.js embedded once, no request leaves the file.

Links (every URL and repository path, :mod:`postsoviet.reports.links`) are anchors a reader may
follow; nothing is fetched. The navigation wraps and stays at the top while the page scrolls; wide
tables scroll inside their own box, so the page never scrolls sideways.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from postsoviet.reports.links import linked_html
from postsoviet.reports.parts import Section, Table

CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["toImage"]}
STYLE = """
html { scroll-padding-top: 5em; }
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; color: #222; }
header { background: #1f2d3d; color: white; padding: 1.2em 2em; }
header h1 { margin: 0 0 0.3em 0; font-size: 1.6em; }
nav { position: sticky; top: 0; z-index: 1000; background: #eef2f6; padding: 0.5em 2em;
  display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; border-bottom: 1px solid #cfd8e3; }
nav a { color: #1f4e79; text-decoration: none; white-space: nowrap; }
main { padding: 0 2em 3em 2em; max-width: 1400px; box-sizing: border-box; }
section { border-bottom: 1px solid #ddd; padding: 1em 0 1.5em 0; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: 0.5em 0 1em 0; }
table { border-collapse: collapse; font-size: 0.85em; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; max-width: 40em; }
th { background: #f0f0f0; }
caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
summary { cursor: pointer; font-weight: 600; margin: 0.4em 0; }
.figure { margin: 0.5em 0; max-width: 100%; overflow: hidden; }
.note { color: #555; }
"""


def _cell(value: object) -> str:
    if isinstance(value, float):
        if pd.isna(value):
            return ""
        return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.4g}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value))
    if value is None or value is pd.NaT:
        return ""
    return str(value)


def table_html(table: Table) -> str:
    """An escaped HTML table with its caption (inside <details> when collapsed)."""
    frame = table.frame
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{linked_html(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    markup = (
        f'<div class="table-wrap"><table><caption>{html.escape(table.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
    if table.collapsed:
        return f"<details><summary>{html.escape(table.title)}</summary>{markup}</details>"
    return markup


def section_html(section: Section, figures: Mapping[str, go.Figure]) -> str:
    """One <section>: title, text, figures (plotly divs) and tables (folded when collapsed)."""
    parts = [f'<section id="{section.id}"><h2>{html.escape(section.title)}</h2>']
    if section.collapsed:
        parts.append(f"<details><summary>Show {html.escape(section.title.lower())}</summary>")
    parts += [f"<p>{linked_html(p)}</p>" for p in section.text]
    for figure_id in section.figures:
        div = figures[figure_id].to_html(
            full_html=False, include_plotlyjs=False, div_id=figure_id, config=CONFIG
        )
        parts.append(f'<div class="figure" data-figure="{figure_id}">{div}</div>')
    parts += [table_html(t) for t in section.tables]
    if section.collapsed:
        parts.append("</details>")
    parts.append("</section>")
    return "\n".join(parts)


def render_html(
    title: str, subtitle: str, sections: list[Section], figures: Mapping[str, go.Figure]
) -> str:
    """The whole page; plotly.js is written once, in the head."""
    nav = "".join(f'<a href="#{s.id}">{html.escape(s.title)}</a>' for s in sections)
    body = "\n".join(section_html(s, figures) for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body>'
        f"<header><h1>{html.escape(title)}</h1><div>{linked_html(subtitle)}</div></header>"
        f"<nav>{nav}</nav><main>{body}</main></body></html>\n"
    )
