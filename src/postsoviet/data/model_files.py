"""Read the small CSV files that configure the models (weights, directions, ladder stages).

Each reader checks its own rows; this module does what they share: read the file as UTF-8, check
that the header has the required columns, and hand back each non-blank row with its line number.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from postsoviet.errors import DataError, Problem

MODELS_DIR = Path(__file__).parent / "models"


def read_rows(file: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """``(line, {column: stripped text})`` for each non-blank row of ``file``, header = line 1.

    Raises :class:`DataError` naming the file when it cannot be read or a column is missing.
    """
    label = str(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(label, None, None, f"cannot read the file ({error})")]) from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip() for name in reader.fieldnames or []]
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
    reader.fieldnames = header
    rows = []
    for record in reader:
        cells = {c: (record.get(c) or "").strip() for c in columns}
        if any(cells.values()):
            rows.append((reader.line_num, cells))
    return rows
