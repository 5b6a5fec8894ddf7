"""Render tables for people (Rich) and for scripts (JSON); no model results are computed here.

Text from users (names in files, scenario descriptions) is shown as it is, never as Rich markup, and
with terminal control sequences removed (:func:`clean`). JSON is always valid JSON: a number that is
not finite (NaN, infinity) is written as ``null`` (:func:`dumps`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    import pandas as pd

Formatter = Callable[[Any], str]
# ANSI escape sequences (CSI, OSC and two-character ones), then any other C0/C1 control character
# except tab and newline.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def clean(text: str) -> str:
    """``text`` without terminal control sequences (ANSI escapes, bells, carriage returns)."""
    return _CONTROL.sub("", text)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(inner) for inner in value]
    return value


def dumps(value: Any, **options: Any) -> str:
    """``value`` as JSON text; NaN and infinities become ``null`` (JSON has no such numbers)."""
    return json.dumps(_finite(value), allow_nan=False, **options)


def _missing(value: Any) -> bool:
    import pandas as pd

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
    import pandas as pd

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
    """A Rich table of ``frame`` with per-column formatters and header labels.

    A cell too wide for its column is wrapped, and a word too long for it folded onto the next
    line, never cut short with an ellipsis.
    """
    import pandas as pd

    formats = formats or {}
    headers = headers or {}
    rich_table = Table(title=Text(clean(title)), header_style="bold")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        rich_table.add_column(
            Text(clean(str(headers.get(column, column)))), justify="right" if numeric else "left"
        )
    for record in frame.itertuples(index=False):
        rich_table.add_row(
            *(
                Text(clean(formats.get(c, plain)(v)), overflow="fold")
                for c, v in zip(frame.columns, record, strict=True)
            )
        )
    return rich_table


def to_json(frame: pd.DataFrame) -> str:
    """The rows of ``frame`` as a JSON list of objects (ISO dates, null for missing or not finite)."""
    return dumps(json.loads(frame.to_json(orient="records", date_format="iso")), indent=2)


def show(console: Console, renderable: Any) -> None:
    """Print a Rich renderable (kept as one seam so commands never format output inline)."""
    console.print(renderable)
