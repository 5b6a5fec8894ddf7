"""When each judgment value was set, and the latest data it looked at: parameter vintages.

``data/models/judgment_vintages.csv`` gives, per configuration file (weights, directions, ladder
stages, built-in scenarios) and optionally per component, ``kind`` (``judgment``: chosen by an
analyst; ``fitted``: calibrated, and refitted on the vintage at each cutoff by its model),
``set_on`` (the day the value was set; for the files of the first version, the day the file was
first committed, from ``git log``) and ``data_through`` (the latest data it looked at).

A forecast as of a cutoff before ``set_on`` would use a value chosen with hindsight:
:func:`judgment_as_of` refuses that unless ``allow_hindsight`` is given, and then marks each such
value so the forecast can say so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from postsoviet.data.cells import parse_date
from postsoviet.data.model_files import MODELS_DIR, read_rows
from postsoviet.errors import DataError, PostsovietError, Problem

VINTAGES_PATH = MODELS_DIR / "judgment_vintages.csv"
PACKAGE_DIR = MODELS_DIR.parent.parent
VINTAGE_COLUMNS = ("file", "component", "kind", "set_on", "data_through", "note")
KINDS = ("judgment", "fitted")
ANY = "*"


def read_judgment_vintages(path: str | Path | None = None) -> pd.DataFrame:
    """The rows of ``judgment_vintages.csv``: ``file, component, kind, set_on, data_through, note``.

    Raises
    ------
    DataError
        Listing every problem by file, row and field: a file that does not exist in the package,
        an unknown kind, a date that is not ISO, ``data_through`` after ``set_on``, an empty note.
    """
    file = Path(path) if path is not None else VINTAGES_PATH
    label = str(file)
    problems: list[Problem] = []
    rows = []
    for line, cells in read_rows(file, VINTAGE_COLUMNS):
        row: dict[str, object] = dict(cells)
        if not (PACKAGE_DIR / cells["file"]).is_file():
            problems.append(
                Problem(
                    label, line, "file", f"expected a file of the package, got '{cells['file']}'"
                )
            )
        if cells["kind"] not in KINDS:
            problems.append(
                Problem(
                    label, line, "kind", f"expected one of {list(KINDS)}, got '{cells['kind']}'"
                )
            )
        for field in ("set_on", "data_through"):
            try:
                row[field] = pd.Timestamp(parse_date(cells[field]))
            except ValueError as error:
                problems.append(Problem(label, line, field, str(error)))
                row[field] = None
        set_on, through = row["set_on"], row["data_through"]
        if set_on is not None and through is not None and through > set_on:
            problems.append(
                Problem(label, line, "data_through", "expected a day on or before set_on")
            )
        if not cells["note"]:
            problems.append(Problem(label, line, "note", "expected the reason for the dates"))
        rows.append(row)
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=list(VINTAGE_COLUMNS))


def _weights(file: str) -> dict[str, float]:
    return {
        cells["component"]: float(cells["weight"])
        for _, cells in read_rows(PACKAGE_DIR / file, ("component", "weight"))
    }


def _with_values(table: pd.DataFrame) -> pd.DataFrame:
    """One row per component of each weights file (its ``weight`` as ``value``); other files
    keep one ``*`` row with no value. A component's own row overrides its file's ``*`` row."""
    rows = []
    for record in table.to_dict("records"):
        file = str(record["file"])
        if not file.endswith("_weights.csv"):
            rows.append({**record, "value": float("nan")})
            continue
        weights = _weights(file)
        if record["component"] != ANY:
            rows.append({**record, "value": weights.get(record["component"], float("nan"))})
            continue
        own = set(table[(table["file"] == file) & (table["component"] != ANY)]["component"])
        rows.extend(
            {**record, "component": component, "value": value}
            for component, value in weights.items()
            if component not in own
        )
    return pd.DataFrame(rows, columns=["file", "component", "value", *VINTAGE_COLUMNS[2:]])


def judgment_as_of(
    cutoff: str | dt.date | pd.Timestamp,
    *,
    allow_hindsight: bool = False,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """The judgment values usable in a forecast as of ``cutoff``.

    Parameters
    ----------
    cutoff
        The forecast's cutoff (ISO text, ``datetime.date`` or ``Timestamp``).
    allow_hindsight
        Use values set after the cutoff anyway (the CLI's ``--allow-hindsight``); each is then
        marked ``hindsight`` and listed in ``attrs["hindsight"]``, which a forecast must print.
    path
        Another ``judgment_vintages.csv`` (default: the embedded one).

    Returns
    -------
    pandas.DataFrame
        ``file, component, value, kind, set_on, data_through, note, hindsight``: one row per
        component of each weights file (``value`` its weight) and one ``*`` row for each other
        file (directions, ladder stages, scenarios). ``fitted`` values are refitted by their
        models on the vintage at the cutoff and never refused.
        ``attrs["hindsight"]`` lists ``file[:component]`` of the values set after the cutoff.

    Raises
    ------
    PostsovietError
        When ``cutoff`` is not a date, or some judgment value was set after it and
        ``allow_hindsight`` is false; the message names the files and the day they were set.
    """
    try:
        day = pd.Timestamp(cutoff).normalize()
    except (ValueError, TypeError):
        day = pd.NaT
    if pd.isna(day):
        raise PostsovietError(f"argument 'cutoff': expected an ISO date YYYY-MM-DD, got '{cutoff}'")
    table = _with_values(read_judgment_vintages(path))
    table["hindsight"] = (table["kind"] == "judgment") & (table["set_on"] > day)
    late = table[table["hindsight"]]
    names = [
        f"{r.file}" if r.component == ANY else f"{r.file}:{r.component}"
        for r in late.itertuples(index=False)
    ]
    if names and not allow_hindsight:
        first = late["set_on"].min()
        raise PostsovietError(
            f"argument 'cutoff': {day:%Y-%m-%d} is before the judgment values were set "
            f"({first:%Y-%m-%d} at the earliest): {', '.join(names)}; a forecast as of that day "
            "would use them with hindsight (pass allow_hindsight=True, --allow-hindsight, to use "
            "them anyway and say so)"
        )
    table.attrs["hindsight"] = names
    return table
