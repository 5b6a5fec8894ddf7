"""When each fact became known: the ``known_from`` day of every dated row, and end-date censoring.

A forecast made on day D may use only what could be known on D. Each dated row gets the first day
it could be known; a row without a stated one gets it from the day it describes (an event, a
membership's start, a leader's first day) or, for an annual figure of year Y, from a publication
lag after the year ends (:data:`ANNUAL_LAG_DAYS`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

KNOWN_FROM = "known_from"
# The day each table's row describes, from which it is known at the earliest.
DATE_COLUMNS = {
    "memberships": "joined",
    "leaders": "took_office",
    "organizations": "founded",
    "region_control": "since",
    "resolutions": "date",
    "sanctions": "date",
    "events": "date",
    "series": "date",
}
# Periods whose end is censored when it falls after the cutoff.
END_COLUMNS = {"memberships": "left", "leaders": "left_office", "region_control": "until"}
YEAR_TABLES = ("attributes", "region_attributes")
# An annual figure for year Y is taken as known half a year after the year ends (statistical
# offices and SIPRI publish most annual figures between April and July of the next year).
ANNUAL_LAG_DAYS = 182


def known_from(
    name: str, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> pd.Series | None:
    """The first day each row of table ``name`` could be known, or ``None`` for timeless tables."""
    if KNOWN_FROM in frame.columns:
        stated = pd.to_datetime(frame[KNOWN_FROM])
    else:
        stated = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    if name in DATE_COLUMNS:
        default = pd.to_datetime(frame[DATE_COLUMNS[name]])
    elif name in YEAR_TABLES:
        year_end = pd.to_datetime(frame["year"].astype("int64").astype(str) + "-12-31")
        default = year_end + pd.Timedelta(days=ANNUAL_LAG_DAYS)
    elif name == "votes":
        dates = tables["resolutions"].set_index("resolution")["date"]
        default = pd.to_datetime(frame["resolution"].map(dates))
    else:
        return None
    return stated.fillna(default)


def censor_ends(name: str, frame: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """``frame`` with end dates after ``cutoff`` set missing (the period still runs)."""
    column = END_COLUMNS.get(name)
    if column is None:
        return frame
    frame = frame.copy()
    frame.loc[frame[column] > cutoff, column] = pd.NaT
    return frame
