"""Read the weights files of the models: one row per component, each with its reasoning and source.

A weights file is a CSV in ``src/postsoviet/data/models/`` named ``<model>_weights.csv`` with the
columns ``component, weight, reasoning, source``: ``weight`` a finite number, ``reasoning`` why that
weight, ``source`` a citation or the word ``judgment`` (then the reasoning is the justification).
An index whose inputs saturate (the exposure index) adds ``scale`` (the input value at which a
component's score reaches 1, a number > 0) and ``unit`` (the unit of that input).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from postsoviet.data.model_files import MODELS_DIR, read_rows
from postsoviet.errors import DataError, ModelInputError, Problem

WEIGHT_COLUMNS = ("component", "weight", "reasoning", "source")
SCALE_COLUMNS = ("scale", "unit")
EXPOSURE_WEIGHTS = MODELS_DIR / "exposure_weights.csv"


def weights_path(model: str) -> Path:
    """The embedded weights file of ``model`` (e.g. ``landscape``)."""
    return MODELS_DIR / f"{model}_weights.csv"


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        return math.nan
    return value


def read_model_weights(
    model: str, *, path: str | Path | None = None, scaled: bool = False
) -> pd.DataFrame:
    """The weights of ``model``: a DataFrame ``component, weight, reasoning, source``, file order.

    Parameters
    ----------
    model : str
        The model's name; the embedded file is :func:`weights_path` ``(model)``.
    path : str or Path, optional
        Read this file instead of the embedded one (same columns).
    scaled : bool
        Also require and return ``scale`` (a number > 0) and ``unit``.

    Raises
    ------
    DataError
        Listing every problem, each naming the file, row (the header is row 1) and field: a missing
        column, an empty or duplicate component, a weight (or scale) that is not a finite number, a
        scale <= 0, an empty reasoning or source.
    """
    file = Path(path) if path is not None else weights_path(model)
    label = str(file)
    columns = WEIGHT_COLUMNS + (SCALE_COLUMNS if scaled else ())
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    first: dict[str, int] = {}
    for row, cells in read_rows(file, columns):
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
        parsed: dict[str, object] = dict(cells)
        for field in ("weight", "scale") if scaled else ("weight",):
            value = _finite(cells[field])
            if not math.isfinite(value):
                problems.append(
                    Problem(label, row, field, f"expected a number, got {cells[field]!r}")
                )
            elif field == "scale" and value <= 0:
                problems.append(Problem(label, row, field, f"expected a number > 0, got {value:g}"))
            parsed[field] = value
        for field in ("reasoning", "source"):
            if not cells[field]:
                problems.append(
                    Problem(label, row, field, "expected text (a source, or 'judgment')")
                )
        rows.append(parsed)
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=list(columns))


@dataclass(frozen=True)
class ComponentWeight:
    """One component of an index: its weight, saturation scale (> 0), unit, source and reasoning."""

    component: str
    weight: float
    scale: float
    unit: str
    source: str
    reasoning: str


def read_weights(path: Path) -> tuple[ComponentWeight, ...]:
    """The rows of a scaled weights file (see :func:`read_model_weights`), in file order.

    Raises :class:`ModelInputError` naming the file, row and field of the first problem.
    """
    try:
        table = read_model_weights(path.stem, path=path, scaled=True)
    except DataError as error:
        raise ModelInputError(str(error.problems[0])) from None
    return tuple(
        ComponentWeight(
            component=str(r.component),
            weight=float(r.weight),
            scale=float(r.scale),
            unit=str(r.unit),
            source=str(r.source),
            reasoning=str(r.reasoning),
        )
        for r in table.itertuples(index=False)
    )


def exposure_weights(path: Path | None = None) -> tuple[ComponentWeight, ...]:
    """The exposure index's weights: the embedded file, or ``path`` if given."""
    return read_weights(EXPOSURE_WEIGHTS if path is None else path)
