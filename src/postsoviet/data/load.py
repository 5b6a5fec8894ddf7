"""Load the world tables: the embedded files, overlaid by a user's folder, parsed and validated.

Overlay rule: a user's file adds its rows to the embedded file of the same name; a user row whose
key (see :data:`postsoviet.data.schema.TABLES`) matches an embedded row replaces that row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from postsoviet.data.cells import duplicate_problems, parse_table
from postsoviet.data.read import EMBEDDED_DIR, FILE_COLUMN, LINE_COLUMN, read_folder
from postsoviet.data.rules import (
    REGION_VARIABLES,
    SERIES_VARIABLES,
    STATE_VARIABLES,
    check_all,
    variable_value,
)
from postsoviet.data.schema import TABLES, Kind
from postsoviet.data.vintage_rules import fill_known_from, read_vintage_rules
from postsoviet.errors import DataError, Problem


def collect_tables(
    data_dir: str | Path | None = None, *, base: str | Path = EMBEDDED_DIR
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read, overlay, parse and check every table; return the tables and *all* problems found.

    ``base`` is the complete folder overlaid (default: the embedded data). The tables still carry
    ``_file`` and ``_line``; use :func:`read_tables` to get clean ones.
    """
    embedded, problems = read_folder(Path(base), complete=True)
    layers = [embedded]
    if data_dir is not None:
        folder = Path(data_dir)
        overlay, found = read_folder(folder, complete=False, label_prefix=f"{folder}/")
        layers.append(overlay)
        problems.extend(found)
    tables: dict[str, pd.DataFrame] = {}
    for name, table in TABLES.items():
        parsed_layers = []
        for layer in layers:
            if name not in layer:
                continue
            parsed, found = parse_table(layer[name], table)
            problems.extend(found)
            problems.extend(duplicate_problems(parsed, table))
            parsed_layers.append(parsed.drop_duplicates(subset=list(table.key), keep="first"))
        merged = pd.concat(parsed_layers, ignore_index=True) if parsed_layers else None
        if merged is None:
            merged = pd.DataFrame(columns=[*table.column_names, FILE_COLUMN, LINE_COLUMN])
        tables[name] = merged.drop_duplicates(subset=list(table.key), keep="last").reset_index(
            drop=True
        )
    problems.extend(check_all(tables))
    return tables, problems


def check_folder(data_dir: str | Path) -> list[Problem]:
    """Every problem in ``data_dir`` used as an overlay on the embedded data (empty when fine)."""
    return collect_tables(data_dir)[1]


def read_tables(
    data_dir: str | Path | None = None, *, base: str | Path = EMBEDDED_DIR
) -> dict[str, pd.DataFrame]:
    """The validated world tables with typed columns, ready for :class:`postsoviet.world.World`.

    Dates become ``datetime64``, years and counts integers, attribute values floats (text for text
    variables). Every dated row gets its ``known_from`` day: its own, or the one the vintage rules
    give (:mod:`postsoviet.data.vintage_rules`). ``base`` is the complete folder ``data_dir``
    overlays (default: the embedded data). Raises :class:`postsoviet.errors.DataError` listing
    every problem.
    """
    tables, problems = collect_tables(data_dir, base=base)
    if problems:
        raise DataError(problems)
    typed = {name: _typed(name, frame) for name, frame in tables.items()}
    return fill_known_from(typed, read_vintage_rules())


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[FILE_COLUMN, LINE_COLUMN]).copy()
    for column in TABLES[name].columns:
        if column.kind is Kind.DATE:
            frame[column.name] = pd.to_datetime(frame[column.name])
        elif column.kind in (Kind.YEAR, Kind.COUNT):
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.kind is Kind.NUMBER:
            frame[column.name] = frame[column.name].astype("float64")
    variables = {
        "attributes": (STATE_VARIABLES, "variable"),
        "region_attributes": (REGION_VARIABLES, "variable"),
        "series": (SERIES_VARIABLES, "series"),
    }.get(name)
    if variables is not None:
        registry, column = variables
        frame["value"] = [
            variable_value(registry[v], text)
            for v, text in zip(frame[column], frame["value"], strict=True)
        ]
        frame["value"] = frame["value"].astype(object)
    return frame
