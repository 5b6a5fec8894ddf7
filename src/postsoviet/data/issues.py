"""The essay's contested issues as data: a 0-100 scale, its history and each actor's stance.

The files live in ``src/postsoviet/data/issues/`` (layout and conventions in ``docs/data.md`` style,
described in ``docs/models/bargaining.md``):

- ``issues.csv``: ``id, title, question``, one row per issue;
- ``sources.csv``: the sources cited, with the columns of the world's ``sources.csv``;
- ``<id>/scale.csv``: ``point, label, meaning, source, note``, the named points of the scale;
- ``<id>/history.csv``: ``date, point, status, source, note``, where the issue stood on a date;
- ``<id>/positions.csv``: ``as_of, actor, variable, value, source, note``, one fact per row:
  an actor's ``position`` (0-100 on the scale) or ``salience`` (0-100) in the snapshot of
  positions as they stood on ``as_of``.

Every row cites source ids (of ``issues/sources.csv`` or of the world's ``sources.csv``) or says
``judgment`` with its reasoning in ``note``. Capabilities are not stored: they are derived from the world data (:mod:`postsoviet.world.capability`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from postsoviet.data.cells import duplicate_problems, parse_table
from postsoviet.data.read import EMBEDDED_DIR, FILE_COLUMN, LINE_COLUMN, read_table
from postsoviet.data.schema import JUDGMENT, TABLES, Column, Kind, Table
from postsoviet.errors import DataError, PostsovietError, Problem

ISSUES_DIR = Path(__file__).parent / "issues"
SCALE_MIN = 0.0
SCALE_MAX = 100.0
VARIABLES = ("position", "salience")
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def _text(name: str, required: bool = True) -> Column:
    return Column(name, Kind.TEXT, required)


_SOURCE = Column("source", Kind.SOURCES)
_NOTE = _text("note", required=False)
ISSUES = Table("issues", (_text("id"), _text("title"), _text("question")), key=("id",))
SOURCES = TABLES["sources"]
SCALE = Table(
    "scale",
    (Column("point", Kind.NUMBER), _text("label"), _text("meaning"), _SOURCE, _NOTE),
    key=("point",),
)
HISTORY = Table(
    "history",
    (Column("date", Kind.DATE), Column("point", Kind.NUMBER), _text("status"), _SOURCE, _NOTE),
    key=("date",),
)
POSITIONS = Table(
    "positions",
    (
        Column("as_of", Kind.DATE),
        Column("actor", Kind.ISO3),
        Column("variable", Kind.CHOICE, choices=VARIABLES),
        Column("value", Kind.NUMBER),
        _SOURCE,
        _NOTE,
    ),
    key=("as_of", "actor", "variable"),
)
ISSUE_TABLES = (SCALE, HISTORY, POSITIONS)


@dataclass(frozen=True)
class Issue:
    """One contested issue: its scale, its history and the actors' stances, each row sourced.

    Attributes
    ----------
    id, title, question
        From ``issues.csv``; ``question`` says what the 0-100 scale measures.
    scale
        ``point, label, meaning, source, note``, sorted by point.
    history
        ``date, point, status, source, note``, sorted by date.
    positions
        ``as_of, actor, variable, value, source, note`` (the long, one-fact-per-row table).
    sources
        The rows of ``sources.csv`` this issue cites.
    """

    id: str
    title: str
    question: str
    scale: pd.DataFrame
    history: pd.DataFrame
    positions: pd.DataFrame
    sources: pd.DataFrame

    @property
    def snapshots(self) -> tuple[dt.date, ...]:
        """The dates of the snapshots of positions, oldest first."""
        return tuple(sorted(set(self.positions["as_of"])))

    def snapshot(self, as_of: dt.date | None = None) -> pd.DataFrame:
        """The positions as they stood: ``actor, position, salience`` (both on 0-100).

        Uses the latest snapshot dated on or before ``as_of`` (default: the latest of all); its
        date is in ``attrs["as_of"]``. Actors keep the order of the file.

        Raises
        ------
        PostsovietError
            If no snapshot is that old.
        """
        dates = [d for d in self.snapshots if as_of is None or d <= as_of]
        if not dates:
            known = ", ".join(d.isoformat() for d in self.snapshots)
            raise PostsovietError(
                f"argument 'as_of': issue '{self.id}' has no positions on or before "
                f"{as_of}; its snapshots are {known}"
            )
        rows = self.positions[self.positions["as_of"] == dates[-1]]
        wide = rows.pivot(index="actor", columns="variable", values="value")
        order = list(dict.fromkeys(rows["actor"]))
        frame = wide.loc[order, list(VARIABLES)].reset_index()
        frame.columns.name = None
        frame.attrs = {"as_of": dates[-1]}
        return frame

    def nearest_point(self, value: float) -> str:
        """The label of the named scale point nearest to ``value`` (the lower one on a tie)."""
        distance = (self.scale["point"] - value).abs()
        return str(self.scale.loc[distance.idxmin(), "label"])

    def scale_dict(self) -> dict[str, Any]:
        """The scale for JSON: its range, the question it answers and its named points."""
        return {
            "min": SCALE_MIN,
            "max": SCALE_MAX,
            "question": self.question,
            "points": [
                {"point": float(p), "label": label, "meaning": meaning}
                for p, label, meaning in self.scale[["point", "label", "meaning"]].itertuples(
                    index=False
                )
            ],
        }


def issue_as_known(issue: Issue, cutoff: dt.date | str | pd.Timestamp) -> Issue:
    """The issue as known on ``cutoff``: its snapshots of positions and its history up to then.

    A forecast as of ``cutoff`` may use only positions recorded on or before it; a later snapshot
    never stands in for a missing earlier one.

    Parameters
    ----------
    issue
        From :func:`load_issue`.
    cutoff
        The day (ISO text, ``datetime.date`` or ``Timestamp``).

    Raises
    ------
    PostsovietError
        When ``cutoff`` is not a date, or no snapshot of positions is dated on or before it (the
        issue is unanswered on that day); the message names the issue and its snapshots.
    """
    try:
        day = pd.Timestamp(cutoff).date()
    except (ValueError, TypeError):
        day = None
    if day is None or pd.isna(day):
        raise PostsovietError(f"argument 'cutoff': expected an ISO date YYYY-MM-DD, got '{cutoff}'")
    positions = issue.positions[issue.positions["as_of"] <= day]
    if positions.empty:
        known = ", ".join(d.isoformat() for d in issue.snapshots)
        raise PostsovietError(
            f"issue '{issue.id}': no snapshot of positions on or before {day.isoformat()} "
            f"(its snapshots are {known}), so it is unanswered as of that day"
        )
    history = issue.history[issue.history["date"] <= day]
    return dataclasses.replace(
        issue,
        positions=positions.reset_index(drop=True),
        history=history.reset_index(drop=True),
    )


def _read(path: Path, table: Table, label: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and parse one file; a missing file is one problem naming it."""
    if not path.is_file():
        empty = pd.DataFrame(columns=[*table.column_names, FILE_COLUMN, LINE_COLUMN])
        return empty, [Problem(label, None, None, "is missing: expected this file")]
    frame, problems = read_table(path, table, label)
    parsed, found = parse_table(frame, table)
    return parsed, problems + found + duplicate_problems(parsed, table)


def _problem(record: dict[str, Any], field: str | None, message: str) -> Problem:
    return Problem(record[FILE_COLUMN], record[LINE_COLUMN], field, message)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dict("records")


def _source_problems(frame: pd.DataFrame, known: set[str]) -> list[Problem]:
    """Unknown source ids, and ``judgment`` rows without their reasoning in ``note``."""
    problems = []
    for record in _records(frame):
        source = record["source"]
        if source == JUDGMENT:
            if not isinstance(record.get("note"), str) or not record["note"]:
                problems.append(
                    _problem(record, "note", "a 'judgment' row needs its reasoning in the note")
                )
            continue
        problems.extend(
            _problem(record, "source", f"unknown source '{ident}': expected an id of sources.csv")
            for ident in source.split(";")
            if ident not in known
        )
    return problems


def _range_problems(frame: pd.DataFrame, column: str) -> list[Problem]:
    return [
        _problem(
            record,
            column,
            f"expected a value on the scale {SCALE_MIN:g}-{SCALE_MAX:g}, got {record[column]:g}",
        )
        for record in _records(frame)
        if not SCALE_MIN <= record[column] <= SCALE_MAX
    ]


def _scale_problems(scale: pd.DataFrame, label: str) -> list[Problem]:
    problems = _range_problems(scale, "point")
    points = set(scale["point"])
    problems.extend(
        Problem(label, None, "point", f"expected a named point at {end:g}, the end of the scale")
        for end in (SCALE_MIN, SCALE_MAX)
        if not scale.empty and end not in points
    )
    return problems


def _positions_problems(positions: pd.DataFrame, label: str, actors: set[str]) -> list[Problem]:
    problems = _range_problems(positions, "value")
    problems.extend(
        _problem(
            record,
            "actor",
            f"unknown actor '{record['actor']}': expected an ISO3 code of actors.csv",
        )
        for record in _records(positions)
        if record["actor"] not in actors
    )
    if positions.empty:
        return [*problems, Problem(label, None, None, "holds no positions: expected a snapshot")]
    for as_of, rows in positions.groupby("as_of", sort=True):
        for actor, own in rows.groupby("actor", sort=False):
            problems.extend(
                Problem(
                    label,
                    int(own[LINE_COLUMN].min()),
                    "variable",
                    f"actor {actor} on {as_of}: has no '{variable}' row (expected both "
                    f"{' and '.join(VARIABLES)})",
                )
                for variable in VARIABLES
                if variable not in set(own["variable"])
            )
        placed = rows[rows["variable"] == "position"]
        first = int(rows[LINE_COLUMN].min())
        if rows["actor"].nunique() < 2:
            problems.append(
                Problem(label, first, "actor", f"snapshot {as_of}: expected at least 2 actors")
            )
        elif placed["value"].nunique() == 1:
            problems.append(
                Problem(
                    label,
                    first,
                    "value",
                    f"snapshot {as_of}: every actor holds the same position "
                    f"({placed['value'].iloc[0]:g}); there is nothing to bargain over",
                )
            )
    return problems


def _known_actors() -> set[str]:
    frame, _ = read_table(EMBEDDED_DIR / "actors.csv", TABLES["actors"], "actors.csv")
    return set(frame["iso3"])


def _catalogue(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """``issues.csv`` and ``sources.csv`` of ``folder``, with their problems."""
    issues, problems = _read(folder / "issues.csv", ISSUES, f"{folder.name}/issues.csv")
    problems.extend(
        _problem(
            record,
            "id",
            f"expected a lower-case id like 'belarus-integration', got '{record['id']}'",
        )
        for record in _records(issues)
        if not _ID.match(record["id"])
    )
    sources, found = _read(folder / "sources.csv", SOURCES, f"{folder.name}/sources.csv")
    return issues, sources, problems + found


def _load(issue_id: str, folder: Path) -> tuple[Issue | None, list[Problem]]:
    """The issue read and checked from its files (a copy), or None and its problems."""
    issue, problems = _load_once(issue_id, folder, _files_digest(issue_id, folder))
    if issue is None:
        return None, list(problems)
    copies = {
        f.name: getattr(issue, f.name).copy()
        for f in dataclasses.fields(issue)
        if isinstance(getattr(issue, f.name), pd.DataFrame)
    }
    return dataclasses.replace(issue, **copies), []


def _files_digest(issue_id: str, folder: Path) -> str:
    """SHA-256 of the bytes of every file an issue is read and checked from."""
    digest = hashlib.sha256()
    paths = (
        folder / "issues.csv",
        folder / "sources.csv",
        EMBEDDED_DIR / "sources.csv",
        EMBEDDED_DIR / "actors.csv",
        *(folder / issue_id / table.filename for table in ISSUE_TABLES),
    )
    for path in paths:
        digest.update(str(path).encode("utf-8") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as error:  # reported by the read itself, with the file's name
            digest.update(type(error).__name__.encode("utf-8"))
    return digest.hexdigest()


@functools.lru_cache(maxsize=32)
def _load_once(
    issue_id: str, folder: Path, files_digest: str
) -> tuple[Issue | None, tuple[Problem, ...]]:
    """Read and check an issue once per process for the same bytes of its files (a report and
    its claims ask for each issue several times; parsing one takes about 0.1 s)."""
    issues, sources, problems = _catalogue(folder)
    rows = issues[issues["id"] == issue_id]
    if rows.empty:
        known = ", ".join(sorted(issues["id"])) or "none"
        raise PostsovietError(f"unknown issue '{issue_id}': expected one of {known}")
    world_sources, _ = _read(EMBEDDED_DIR / "sources.csv", SOURCES, "world/sources.csv")
    sources = pd.concat([sources, world_sources], ignore_index=True)
    known_sources = set(sources["id"])
    tables = {}
    for table in ISSUE_TABLES:
        label = f"{folder.name}/{issue_id}/{table.filename}"
        frame, found = _read(folder / issue_id / table.filename, table, label)
        problems.extend(found)
        problems.extend(_source_problems(frame, known_sources))
        tables[table.name] = frame
    problems.extend(_scale_problems(tables["scale"], f"{folder.name}/{issue_id}/scale.csv"))
    problems.extend(_range_problems(tables["history"], "point"))
    problems.extend(
        _positions_problems(
            tables["positions"], f"{folder.name}/{issue_id}/positions.csv", _known_actors()
        )
    )
    if problems:
        return None, tuple(problems)
    cited = {i for frame in tables.values() for s in frame["source"] for i in s.split(";")}
    row = rows.iloc[0]
    clean = {name: frame.drop(columns=[FILE_COLUMN, LINE_COLUMN]) for name, frame in tables.items()}
    issue = Issue(
        id=issue_id,
        title=row["title"],
        question=row["question"],
        scale=clean["scale"].sort_values("point", ignore_index=True),
        history=clean["history"].sort_values("date", ignore_index=True),
        positions=clean["positions"].reset_index(drop=True),
        sources=sources[sources["id"].isin(cited)]
        .drop(columns=[FILE_COLUMN, LINE_COLUMN])
        .reset_index(drop=True),
    )
    return issue, ()


def load_issue(issue_id: str, *, folder: str | Path | None = None) -> Issue:
    """Load and check one issue.

    Parameters
    ----------
    issue_id
        Its id in ``issues.csv``, e.g. ``"belarus-integration"``.
    folder
        A folder laid out like the embedded ``issues/`` (default: the embedded one).

    Raises
    ------
    PostsovietError
        For an id not in ``issues.csv``.
    DataError
        Listing every problem in the issue's files, each naming the file, row and field.
    """
    issue, problems = _load(issue_id, Path(folder) if folder is not None else ISSUES_DIR)
    if issue is None:
        raise DataError(problems)
    return issue


def list_issues(*, folder: str | Path | None = None) -> pd.DataFrame:
    """The issues: ``id, title, question, snapshots`` (the snapshot dates, ISO, ``;``-separated).

    Raises :class:`DataError` if any issue fails its checks.
    """
    root = Path(folder) if folder is not None else ISSUES_DIR
    issues, _, problems = _catalogue(root)
    if problems:
        raise DataError(problems)
    loaded = [load_issue(i, folder=root) for i in issues["id"]]
    return pd.DataFrame(
        {
            "id": [i.id for i in loaded],
            "title": [i.title for i in loaded],
            "question": [i.question for i in loaded],
            "snapshots": [";".join(d.isoformat() for d in i.snapshots) for i in loaded],
        }
    )


def check_issues(*, folder: str | Path | None = None) -> list[Problem]:
    """Every problem in the issues folder (empty when fine), including unlisted issue folders."""
    root = Path(folder) if folder is not None else ISSUES_DIR
    issues, _, problems = _catalogue(root)
    listed = set(issues["id"])
    problems.extend(
        Problem(
            f"{root.name}/{path.name}",
            None,
            None,
            "is an issue folder not listed in issues.csv: expected a row for it",
        )
        for path in sorted(root.iterdir())
        if path.is_dir() and not path.name.startswith((".", "_")) and path.name not in listed
    )
    for issue_id in sorted(listed):
        problems.extend(p for p in _load(issue_id, root)[1] if p not in problems)
    return problems
