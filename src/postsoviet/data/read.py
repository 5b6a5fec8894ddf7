"""Read world data files from a folder into string tables that remember where each row came from.

Every cell is read as text; parsing and checking happen in :mod:`postsoviet.data.cells` and
:mod:`postsoviet.data.rules`. Two extra columns, ``_file`` and ``_line``, carry each row's origin so
that a problem found later can still name the file and line.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from postsoviet.data.schema import TABLES, Table
from postsoviet.data.untrusted import csv_rows, read_text
from postsoviet.errors import InputFileError, Problem

EMBEDDED_DIR = Path(__file__).parent / "world"
FILE_COLUMN = "_file"
LINE_COLUMN = "_line"


def read_table(path: Path, table: Table, label: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one CSV file as text, checking its header against ``table``.

    Every required column must be in the header; an optional one may be left out (its cells are
    read as empty), so files written before a column was added stay valid.

    Returns the rows (with ``_file`` and ``_line``) and the problems found; on a header problem the
    table comes back empty so that no row is read under the wrong column.
    """
    empty = pd.DataFrame(columns=[*table.column_names, FILE_COLUMN, LINE_COLUMN])
    try:
        rows = csv_rows(read_text(path, label=label), label=label)
        first = next(rows, None)
        if first is None:
            return empty, [Problem(label, None, None, "the file is empty: expected a header row")]
        header = [name.strip() for name in first[1]]
        problems = _header_problems(header, table, label)
        if problems:
            return empty, problems
        records = []
        for line, cells in rows:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        label,
                        line,
                        None,
                        f"has {len(cells)} cells: expected {len(header)} like the header",
                    )
                )
                continue
            record = dict.fromkeys(table.column_names, "")
            record.update((name, cell.strip()) for name, cell in zip(header, cells, strict=True))
            record[FILE_COLUMN] = label
            record[LINE_COLUMN] = line
            records.append(record)
    except InputFileError as error:
        return empty, [error.problem]
    frame = pd.DataFrame.from_records(
        records, columns=[*table.column_names, FILE_COLUMN, LINE_COLUMN]
    )
    return frame, problems


def _header_problems(header: list[str], table: Table, label: str) -> list[Problem]:
    """Required columns missing, unknown or duplicated ones (an optional column may be left out)."""
    missing = [c.name for c in table.columns if c.required and c.name not in header]
    unknown = [name for name in header if name not in table.column_names]
    doubled = sorted({name for name in header if header.count(name) > 1})
    return (
        [Problem(label, 1, name, "missing column: expected it in the header") for name in missing]
        + [
            Problem(label, 1, name, f"unknown column: expected one of {list(table.column_names)}")
            for name in unknown
        ]
        + [Problem(label, 1, name, "is duplicated in the header") for name in doubled]
    )


def read_folder(
    folder: Path, *, complete: bool, label_prefix: str = ""
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read every known data file in ``folder``.

    With ``complete`` every file of the schema must be present (the embedded dataset); otherwise a
    folder may hold any subset (a user's overlay). A CSV file whose name is not in the schema is a
    problem, since it is most likely a misspelt name that would otherwise be silently ignored.
    """
    problems: list[Problem] = []
    if not folder.is_dir():
        return {}, [Problem(str(folder), None, None, "is not a folder: expected a data folder")]
    known = {table.filename for table in TABLES.values()}
    # An overlay may hold only the models' configuration (models/, issues/: data.config).
    configuration = any((folder / sub).is_dir() for sub in ("models", "issues"))
    if not any(folder.glob("*.csv")) and (complete or not configuration):
        return {}, [Problem(str(folder), None, None, "holds no .csv data files")]
    problems.extend(
        Problem(
            f"{label_prefix}{path.name}",
            None,
            None,
            f"unknown data file: expected one of {sorted(known)}",
        )
        for path in sorted(folder.glob("*.csv"))
        if path.name not in known
    )
    frames: dict[str, pd.DataFrame] = {}
    for name, table in TABLES.items():
        path = folder / table.filename
        label = f"{label_prefix}{table.filename}"
        if not path.exists():
            if complete:
                problems.append(
                    Problem(label, None, None, "is missing: every data file is required")
                )
            continue
        frame, found = read_table(path, table, label)
        frames[name] = frame
        problems.extend(found)
    return frames, problems
