"""Parse the text cells of a data table into typed values, reporting every cell that does not parse.

Each kind of column (:class:`postsoviet.data.schema.Kind`) has one parser: it returns the typed value
or raises ``ValueError`` with a message saying what was expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from postsoviet.data.read import FILE_COLUMN, LINE_COLUMN
from postsoviet.data.schema import JUDGMENT, Column, Kind, Table
from postsoviet.errors import Problem

_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def parse_date(text: str) -> dt.date:
    """Parse an ISO date ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> dt.date:
    raise ValueError(f"expected an ISO date YYYY-MM-DD, got '{text}'")


def _parse_year(text: str) -> int:
    if not _YEAR.match(text):
        raise ValueError(f"expected a four-digit year, got '{text}'")
    return int(text)


def parse_number(text: str) -> float:
    """Parse a finite decimal number (no thousands separators, no percent sign)."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a number, got '{text}'") from None
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got '{text}'")
    return value


def _parse_count(text: str) -> int:
    if not text.isdigit():
        raise ValueError(f"expected a whole number >= 0, got '{text}'")
    return int(text)


def _parse_iso3(text: str) -> str:
    if not _ISO3.match(text):
        raise ValueError(f"expected an ISO3 code of three capital letters, got '{text}'")
    return text


def _parse_region(text: str) -> str:
    if not _SLUG.match(text):
        raise ValueError(f"expected a region slug like 'crimea', got '{text}'")
    return text


_CODE = re.compile(r"^[A-Z][A-Z_]{1,}$")


def _parse_subject(text: str) -> str:
    if _CODE.match(text) or _SLUG.match(text):
        return text
    raise ValueError(f"expected an ISO3 code, a region slug or an organisation code, got '{text}'")


def _parse_territory(text: str) -> str:
    if _ISO3.match(text) or _SLUG.match(text):
        return text
    raise ValueError(f"expected an ISO3 code or a region slug, got '{text}'")


def _parse_sources(text: str) -> str:
    ids = [part.strip() for part in text.split(";")]
    if any(not part for part in ids):
        raise ValueError(f"expected source ids separated by ';', got '{text}'")
    if JUDGMENT in ids and len(ids) > 1:
        raise ValueError(f"expected either source ids or '{JUDGMENT}', not both: '{text}'")
    return ";".join(ids)


def _parse_url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise ValueError(f"expected a URL starting with http:// or https://, got '{text}'")
    return text


def _parse_published(text: str) -> str:
    if _YEAR.match(text) or _YEAR_MONTH.match(text):
        return text
    return parse_date(text).isoformat()


def _parser(column: Column) -> Callable[[str], Any]:
    if column.kind is Kind.CHOICE:

        def parse_choice(text: str) -> str:
            if text not in column.choices:
                raise ValueError(f"expected one of {list(column.choices)}, got '{text}'")
            return text

        return parse_choice
    if column.kind is Kind.NUMBER and column.minimum is not None:

        def parse_bounded(text: str) -> float:
            value = parse_number(text)
            if value < column.minimum:
                raise ValueError(f"expected a number >= {column.minimum:g}, got '{text}'")
            return value

        return parse_bounded
    return {
        Kind.TEXT: str,
        Kind.ISO3: _parse_iso3,
        Kind.STATE: _parse_iso3,
        Kind.TERRITORY: _parse_territory,
        Kind.REGION: _parse_region,
        Kind.SUBJECT: _parse_subject,
        Kind.DATE: parse_date,
        Kind.YEAR: _parse_year,
        Kind.NUMBER: parse_number,
        Kind.COUNT: _parse_count,
        Kind.SOURCES: _parse_sources,
        Kind.URL: _parse_url,
        Kind.PUBLISHED: _parse_published,
    }[column.kind]


def parse_table(frame: pd.DataFrame, table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse every cell of ``frame`` by its column's kind; rows with a bad cell are dropped.

    Empty cells become ``None``; an empty cell in a required column is a problem.
    """
    problems: list[Problem] = []
    parsers = {column.name: _parser(column) for column in table.columns}
    rows = []
    for record in frame.to_dict("records"):
        row: dict[str, Any] = {FILE_COLUMN: record[FILE_COLUMN], LINE_COLUMN: record[LINE_COLUMN]}
        good = True
        for column in table.columns:
            text = record[column.name]
            if text == "":
                row[column.name] = None
                if column.required:
                    good = False
                    problems.append(
                        Problem(
                            record[FILE_COLUMN],
                            record[LINE_COLUMN],
                            column.name,
                            "is empty: expected a value",
                        )
                    )
                continue
            try:
                row[column.name] = parsers[column.name](text)
            except ValueError as error:
                good = False
                problems.append(
                    Problem(record[FILE_COLUMN], record[LINE_COLUMN], column.name, str(error))
                )
        if good:
            rows.append(row)
    parsed = pd.DataFrame.from_records(
        rows, columns=[*table.column_names, FILE_COLUMN, LINE_COLUMN]
    )
    return parsed, problems


def duplicate_problems(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """One problem for each row whose key repeats an earlier row of the same file."""
    repeated = frame[frame.duplicated(subset=list(table.key), keep="first")]
    problems = []
    for record in repeated.to_dict("records"):
        # an empty known_from is no part of the key worth naming
        key = [k for k in table.key if k in table.fact_key or record[k] is not None]
        problems.append(
            Problem(
                record[FILE_COLUMN],
                record[LINE_COLUMN],
                None,
                f"duplicate row: ({', '.join(key)}) = ({', '.join(str(record[k]) for k in key)}) "
                "appears earlier in the file",
            )
        )
    return problems
