"""When each fact became known: ``known_from`` days, revisions, and end-date censoring.

A forecast made on day D may use only what could be known on D. Every row of a dated table carries
the first day it could be known, ``known_from``: stated in the data, or given by the vintage rules
when the world is loaded (:mod:`postsoviet.data.vintage_rules`). A row built without one (a
scenario shock's row) is known from the day it describes, or the end of its year for an annual
figure. A revised value is a second row of the same fact with a later ``known_from``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from postsoviet.data.schema import DATED_TABLES, KNOWN_FROM, TABLES
from postsoviet.data.vintage_rules import DATE_COLUMNS, YEAR_TABLES

# Periods whose end is censored when it falls after the cutoff.
END_COLUMNS = {
    "memberships": "left",
    "outside_memberships": "left",
    "leaders": "left_office",
    "region_control": "until",
    "settlement_control": "until",
    "sanctions": "lifted",
    "organizations": "dissolved",
}


def known_from(
    name: str, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> pd.Series | None:
    """The first day each row of table ``name`` could be known, or ``None`` for timeless tables.

    The row's ``known_from`` where it has one; otherwise the day it describes (a vote: its
    resolution's date; an annual figure: 31 December of its year).
    """
    if name not in DATED_TABLES:
        return None
    if KNOWN_FROM in frame.columns:
        stated = pd.to_datetime(frame[KNOWN_FROM])
    else:
        stated = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    if name in DATE_COLUMNS:
        default = pd.to_datetime(frame[DATE_COLUMNS[name]])
    elif name in YEAR_TABLES:
        default = pd.to_datetime(frame["year"].astype("int64").astype(str) + "-12-31")
    else:
        resolutions = tables["resolutions"].drop_duplicates("resolution", keep="last")
        dates = resolutions.set_index("resolution")["date"]
        default = pd.to_datetime(frame["resolution"].map(dates))
    return stated.fillna(default)


def split_revisions(
    name: str, frame: pd.DataFrame, known: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(latest, superseded)``: per fact, the row known last, and the earlier revisions.

    ``known`` is :func:`known_from` of ``frame``; rows keep their order within each part.
    """
    key = list(TABLES[name].fact_key)
    order = known.sort_values(kind="stable").index
    latest = ~frame.loc[order].duplicated(subset=key, keep="last")
    keep = latest.reindex(frame.index)
    return frame[keep], frame[~keep]


def censor_ends(name: str, frame: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """``frame`` with end dates after ``cutoff`` set missing (the period still runs)."""
    column = END_COLUMNS.get(name)
    if column is None:
        return frame
    frame = frame.copy()
    frame.loc[frame[column] > cutoff, column] = pd.NaT
    return frame


def revised(name: str, frame: pd.DataFrame) -> bool:
    """Whether some fact of table ``name`` has more than one row (a revision)."""
    return name in TABLES and bool(frame.duplicated(subset=list(TABLES[name].fact_key)).any())


def vintage_rows(
    name: str,
    frame: pd.DataFrame,
    known: pd.Series | None,
    cutoff: pd.Timestamp,
    *,
    has_revisions: bool = True,
) -> pd.DataFrame:
    """Table ``name`` as known on ``cutoff``: rows known by then, the latest revision of each
    fact, end dates after the cutoff censored. ``frame`` holds every revision and ``known`` its
    rows' :func:`known_from` days (they do not depend on the cutoff: a world computes them once
    for all its vintages); ``has_revisions=False`` (:func:`revised` is false) skips the search
    for each fact's latest revision."""
    if known is None:
        return frame.reset_index(drop=True)
    kept = frame[known <= cutoff]
    if not has_revisions:
        return censor_ends(name, kept, cutoff).reset_index(drop=True)
    latest, _ = split_revisions(name, kept, known[known <= cutoff])
    return censor_ends(name, latest, cutoff).reset_index(drop=True)
