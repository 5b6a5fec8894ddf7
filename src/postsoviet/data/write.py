"""Write world tables back to CSV files that :func:`postsoviet.data.read_tables` reads again.

The inverse of loading: typed columns become text (ISO dates, plain numbers, empty cells for
missing values), one file per table with the columns of the schema, rows in table order.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from postsoviet.data.schema import TABLES, Kind


def _cell(value: Any, kind: Kind) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind is Kind.DATE:
        return f"{pd.Timestamp(value):%Y-%m-%d}"
    if isinstance(value, float) and kind in (Kind.TEXT, Kind.NUMBER) and value.is_integer():
        # 144746762.0 was read from "144746762"; repr keeps every other float exact
        return str(int(value)) if abs(value) < 2**53 else repr(value)
    return str(value)


def write_tables(tables: Mapping[str, pd.DataFrame], folder: str | Path) -> Path:
    """Write each of ``tables`` (named as in the schema) to ``folder/<name>.csv``; return folder.

    Raises ``KeyError`` for a table name not in the schema.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        table = TABLES[name]
        with (out / table.filename).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.column_names)
            for record in frame.to_dict("records"):
                writer.writerow(_cell(record.get(c.name), c.kind) for c in table.columns)
    return out
