"""Read the small CSV files that configure the models (weights, directions, ladder stages).

Each reader checks its own rows; this module does what they share: read the file through
:mod:`postsoviet.data.untrusted` (a regular file, bounded, UTF-8), check
that the header has the required columns, and hand back each non-blank row with its line number.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from postsoviet.data.untrusted import read_csv_records
from postsoviet.errors import DataError, InputFileError, Problem

MODELS_DIR = Path(__file__).parent / "models"


def read_rows(file: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """``(line, {column: stripped text})`` for each non-blank row of ``file``, header = line 1.

    Raises :class:`DataError` naming the file when it cannot be read or a column is missing.
    """
    label = str(file)
    try:
        header, records = read_csv_records(file, label=label)
    except InputFileError as error:
        raise DataError([error.problem]) from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(
            [
                Problem(
                    label,
                    1,
                    None,
                    f"missing column {', '.join(repr(c) for c in missing)} "
                    f"(expected {','.join(columns)})",
                )
            ]
        )
    rows = []
    for line, record in records:
        cells = {c: record[c] for c in columns}
        if any(cells.values()):
            rows.append((line, cells))
    return rows
