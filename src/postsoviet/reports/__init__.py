"""The report: one self-contained HTML page (or its Markdown/JSON twin) of every model's answer.

``build_report(world, scenarios)`` (:func:`content.collect`) runs the models;
``render(content, fmt)`` turns the result into the text of one file. The report assembles and
draws; it computes no model result itself. The modules behind these names (the models, plotly) are
imported on first use, so the command line's ``report --help`` can read :data:`FORMATS` at once.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from postsoviet.reports.content import ReportContent

FORMATS = ("html", "md", "json")
TITLE = "postsoviet: the post-Soviet space, by the models"

_LAZY = {"ReportContent": "ReportContent", "build_report": "collect"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module("postsoviet.reports.content"), _LAZY[name])
    raise AttributeError(f"module 'postsoviet.reports' has no attribute '{name}'")


def render(content: ReportContent, fmt: str = "html") -> str:
    """The report as the text of one ``fmt`` file (``html``, ``md`` or ``json``)."""
    from postsoviet.reports.figures import all_figures
    from postsoviet.reports.html import render_html
    from postsoviet.reports.sections import build_sections
    from postsoviet.reports.text import render_json, render_markdown

    if fmt == "json":
        return render_json(content)
    subtitle = (
        f"Report day {content.day:%Y-%m-%d}; scenarios: "
        f"{', '.join(run.scenario.name for run in content.runs) or 'none'}. Every figure is "
        "computed from the embedded, sourced world data; sources at the end."
    )
    sections = build_sections(content)
    if fmt == "md":
        return render_markdown(TITLE, subtitle, sections)
    return render_html(TITLE, subtitle, sections, all_figures(content))


__all__ = ["FORMATS", "ReportContent", "build_report", "render"]
