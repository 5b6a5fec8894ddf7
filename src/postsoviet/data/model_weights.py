"""Read the weights files of the models: one row per component, each with its reasoning and source.

A weights file is a CSV in ``src/postsoviet/data/models/`` named ``<model>_weights.csv`` with the
columns ``component, weight, reasoning, source``: ``weight`` a finite number, ``reasoning`` why that
weight, ``source`` a citation or the word ``judgment`` (then the reasoning is the justification).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from postsoviet.errors import DataError, Problem

MODELS_DIR = Path(__file__).parent / "models"
WEIGHT_COLUMNS = ("component", "weight", "reasoning", "source")


def weights_path(model: str) -> Path:
    """The embedded weights file of ``model`` (e.g. ``landscape``)."""
    return MODELS_DIR / f"{model}_weights.csv"


def read_model_weights(model: str, *, path: str | Path | None = None) -> pd.DataFrame:
    """The weights of ``model``: a DataFrame ``component, weight, reasoning, source``, file order.

    Parameters
    ----------
    model : str
        The model's name; the embedded file is :func:`weights_path` ``(model)``.
    path : str or Path, optional
        Read this file instead of the embedded one (same columns).

    Raises
    ------
    DataError
        Listing every problem, each naming the file, row (the header is row 1) and field: a missing
        column, an empty or duplicate component, a weight that is not a finite number, an empty
        reasoning or source.
    """
    file = Path(path) if path is not None else weights_path(model)
    label = str(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(label, None, None, f"cannot read the file ({error})")]) from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in WEIGHT_COLUMNS if c not in header]
    if missing:
        raise DataError(
            [
                Problem(
                    label,
                    1,
                    None,
                    f"missing column {', '.join(repr(c) for c in missing)} "
                    f"(expected {','.join(WEIGHT_COLUMNS)})",
                )
            ]
        )
    reader.fieldnames = header
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    first: dict[str, int] = {}
    for record in reader:
        row = reader.line_num
        cells = {c: (record.get(c) or "").strip() for c in WEIGHT_COLUMNS}
        if not any(cells.values()):
            continue
        name = cells["component"]
        if not name:
            problems.append(Problem(label, row, "component", "expected a component name"))
        elif name in first:
            problems.append(
                Problem(
                    label, row, "component", f"duplicate component {name!r} (row {first[name]})"
                )
            )
        else:
            first[name] = row
        try:
            weight = float(cells["weight"])
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight):
            problems.append(
                Problem(label, row, "weight", f"expected a number, got {cells['weight']!r}")
            )
        for field in ("reasoning", "source"):
            if not cells[field]:
                problems.append(
                    Problem(label, row, field, "expected text (a source, or 'judgment')")
                )
        rows.append({**cells, "weight": weight})
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=list(WEIGHT_COLUMNS))
