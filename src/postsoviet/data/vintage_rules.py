"""When a dated fact became known, by rule: ``vintage_rules.csv`` and the ``known_from`` it gives.

A row of a dated table (:data:`postsoviet.data.schema.DATED_TABLES`) may state its own
``known_from``; one that does not gets it from the rule for its table and variable (the
``variable`` column of attributes, ``series`` of series; ``*`` for every other row):

- ``date``: the day the row describes (:data:`DATE_COLUMNS`) plus ``lag_days``;
- ``year_end``: 31 December of the row's year (its ``year``, or the year of its date) plus
  ``lag_days``, for annual figures published after their year;
- ``published``: the ``year_end`` day, or the latest ``published`` date of the row's cited sources
  if later (a year alone counts as its 31 December, a year-month as its last day);
- ``source``: the latest ``published`` date of the row's cited sources plus ``lag_days``, for
  figures set in advance of their year (a law's schedule of floors is known when it is published).

A source's publication date is used only where a rule says ``published``: many rows cite a later
copy (an encyclopaedia, a 2026 mirror of a database) whose date says when it was read, not when
the fact was first known, and would push a 1994 fact to 2026.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from postsoviet.data.model_files import read_rows
from postsoviet.data.schema import (
    DATED_TABLES,
    KNOWN_FROM,
    REGION_VARIABLES,
    SERIES_VARIABLES,
    STATE_VARIABLES,
)
from postsoviet.errors import DataError, Problem

RULES_PATH = Path(__file__).parent / "vintage_rules.csv"
RULE_COLUMNS = ("table", "variable", "lag_days", "basis", "source", "note")
BASES = ("date", "year_end", "published", "source")
ANY = "*"
# The day each dated table's row describes.
DATE_COLUMNS = {
    "memberships": "joined",
    "outside_memberships": "joined",
    "leaders": "took_office",
    "organizations": "founded",
    "region_control": "since",
    "settlement_control": "since",
    "resolutions": "date",
    "sanctions": "date",
    "events": "date",
    "series": "date",
    "projections": "published",
}
YEAR_TABLES = ("attributes", "region_attributes")
# The column naming a row's variable, and the variables it admits.
VARIABLE_COLUMNS = {
    "attributes": ("variable", STATE_VARIABLES),
    "region_attributes": ("variable", REGION_VARIABLES),
    "series": ("series", SERIES_VARIABLES),
}


@dataclass(frozen=True)
class VintageRule:
    """One row of ``vintage_rules.csv``: how rows of ``table`` (and ``variable``) become known."""

    table: str
    variable: str
    lag_days: int
    basis: str
    source: str
    note: str


def _rule_problems(label: str, line: int, cells: Mapping[str, str]) -> list[Problem]:
    problems = []
    table, variable = cells["table"], cells["variable"]
    if table not in DATED_TABLES:
        problems.append(
            Problem(label, line, "table", f"expected one of {list(DATED_TABLES)}, got '{table}'")
        )
    elif variable != ANY:
        known = VARIABLE_COLUMNS.get(table, (None, {}))[1]
        if variable not in known:
            problems.append(
                Problem(
                    label,
                    line,
                    "variable",
                    f"expected '{ANY}' or a variable of {table} ({sorted(known)}), got '{variable}'",
                )
            )
    if not cells["lag_days"].isdigit():
        problems.append(
            Problem(label, line, "lag_days", f"expected days >= 0, got '{cells['lag_days']}'")
        )
    if cells["basis"] not in BASES:
        problems.append(
            Problem(label, line, "basis", f"expected one of {list(BASES)}, got '{cells['basis']}'")
        )
    problems.extend(
        Problem(label, line, field, "expected text (a source, or 'judgment' with a reason)")
        for field in ("source", "note")
        if not cells[field]
    )
    return problems


def read_vintage_rules(path: str | Path | None = None) -> tuple[VintageRule, ...]:
    """The rules of ``path`` (default: the embedded ``vintage_rules.csv``), checked.

    Raises
    ------
    DataError
        Listing every problem, each naming the file, row and field: an unknown table, variable
        or basis, a lag that is not a whole number of days, an empty source or note, a repeated
        ``(table, variable)``, or a dated table without a ``*`` rule.
    """
    file = Path(path) if path is not None else RULES_PATH
    label = str(file)
    problems: list[Problem] = []
    rules: list[VintageRule] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in read_rows(file, RULE_COLUMNS):
        found = _rule_problems(label, line, cells)
        pair = (cells["table"], cells["variable"])
        if pair in seen:
            found.append(Problem(label, line, "variable", f"repeats the rule of row {seen[pair]}"))
        seen.setdefault(pair, line)
        problems.extend(found)
        if not found:
            rules.append(VintageRule(**{**cells, "lag_days": int(cells["lag_days"])}))
    problems.extend(
        Problem(label, None, "variable", f"expected a '{ANY}' rule for table '{table}'")
        for table in DATED_TABLES
        if (table, ANY) not in seen
    )
    if problems:
        raise DataError(problems)
    return tuple(rules)


def _published_day(text: object) -> pd.Timestamp:
    """A ``published`` cell as the last day it may mean (``2022`` -> 2022-12-31)."""
    if not isinstance(text, str) or not text:
        return pd.NaT
    if len(text) == 4:
        return pd.Timestamp(f"{text}-12-31")
    if len(text) == 7:
        return pd.Timestamp(f"{text}-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(text)


def _described_day(name: str, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]):
    """The day each row describes: its date, or a vote's resolution date."""
    if name == "votes":
        dates = tables["resolutions"].drop_duplicates("resolution", keep="last")
        return pd.to_datetime(frame["resolution"].map(dates.set_index("resolution")["date"]))
    return pd.to_datetime(frame[DATE_COLUMNS[name]])


def _year_end(name: str, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    if name in YEAR_TABLES:
        years = frame["year"].astype("int64")
    else:
        years = _described_day(name, frame, tables).dt.year
    return pd.to_datetime(years.astype(str) + "-12-31")


def rule_known_from(
    name: str,
    frame: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame],
    rules: tuple[VintageRule, ...],
) -> pd.Series:
    """The ``known_from`` day the rules give each row of dated table ``name`` (typed tables)."""
    by_pair = {(r.table, r.variable): r for r in rules}
    column = VARIABLE_COLUMNS.get(name, (None, {}))[0]
    variables = frame[column] if column is not None else pd.Series(ANY, index=frame.index)
    published = tables["sources"].set_index("id")["published"].map(_published_day)
    result = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    for variable in variables.unique():
        rule = by_pair.get((name, variable), by_pair[(name, ANY)])
        rows = frame[variables == variable]
        lag = pd.Timedelta(days=rule.lag_days)
        if rule.basis == "date":
            day = _described_day(name, rows, tables) + lag
        else:
            day = _year_end(name, rows, tables) + lag
        if rule.basis in ("published", "source"):
            cited = pd.to_datetime(
                rows["source"].map(
                    lambda ids: max(
                        (published.get(i, pd.NaT) for i in str(ids).split(";")),
                        default=pd.NaT,
                        key=lambda d: d if pd.notna(d) else pd.Timestamp.min,
                    )
                )
            )
            if rule.basis == "source":
                day = cited + lag
            else:
                day = pd.concat([day, cited], axis=1).max(axis=1)
        result.loc[rows.index] = day
    return result


def fill_known_from(
    tables: Mapping[str, pd.DataFrame], rules: tuple[VintageRule, ...]
) -> dict[str, pd.DataFrame]:
    """``tables`` with every empty ``known_from`` of a dated table filled by the rules."""
    filled = dict(tables)
    for name in DATED_TABLES:
        frame = tables[name].copy()
        stated = pd.to_datetime(frame[KNOWN_FROM])
        frame[KNOWN_FROM] = stated.fillna(rule_known_from(name, frame, tables, rules))
        filled[name] = frame
    return filled
