"""Render tables for people (Rich) and for scripts (JSON); no model results are computed here."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from rich.console import Console
from rich.table import Table

Formatter = Callable[[Any], str]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def scaled(divisor: float, suffix: str, digits: int = 1) -> Formatter:
    """Format a number divided by ``divisor`` with ``suffix`` (e.g. 1e9 and ' bn')."""

    def format_number(value: Any) -> str:
        return "" if _missing(value) else f"{value / divisor:,.{digits}f}{suffix}"

    return format_number


def percent(value: Any) -> str:
    """Format a fraction as a percentage."""
    return "" if _missing(value) else f"{100 * value:.1f}%"


def plain(value: Any) -> str:
    """Format anything as text: dates as ISO days, floats to 6 significant digits, missing as empty."""
    if _missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def table(
    frame: pd.DataFrame,
    *,
    title: str,
    formats: Mapping[str, Formatter] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Table:
    """A Rich table of ``frame`` with per-column formatters and header labels."""
    formats = formats or {}
    headers = headers or {}
    rich_table = Table(title=title, header_style="bold")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        rich_table.add_column(headers.get(column, column), justify="right" if numeric else "left")
    for record in frame.itertuples(index=False):
        rich_table.add_row(
            *(formats.get(c, plain)(v) for c, v in zip(frame.columns, record, strict=True))
        )
    return rich_table


def to_json(frame: pd.DataFrame) -> str:
    """The rows of ``frame`` as a JSON list of objects (ISO dates, null for missing)."""
    return json.dumps(json.loads(frame.to_json(orient="records", date_format="iso")), indent=2)


def show(console: Console, renderable: Any) -> None:
    """Print a Rich renderable (kept as one seam so commands never format output inline)."""
    console.print(renderable)
