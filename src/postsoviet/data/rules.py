"""Rules that look across rows and files: references, dates in order, symmetric borders, variables.

Each rule takes the parsed tables (all files merged) and returns the problems it finds; a problem
names the file and line the offending row came from.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from postsoviet.data.cells import parse_number
from postsoviet.data.read import FILE_COLUMN, LINE_COLUMN
from postsoviet.data.reliefs import RELIEF, relief_parties
from postsoviet.data.schema import (
    JUDGMENT,
    REGION_VARIABLES,
    SERIES_VARIABLES,
    STATE_VARIABLES,
    TABLES,
    WORLD_SUBJECT,
    Kind,
    Variable,
)
from postsoviet.errors import Problem

Tables = dict[str, pd.DataFrame]
Rule = Callable[[Tables], list[Problem]]
# A reference check lists the known values up to this many, and names their file beyond.
LISTED = 20


def _problem(record: dict[str, Any], field: str | None, message: str) -> Problem:
    return Problem(record[FILE_COLUMN], record[LINE_COLUMN], field, message)


def _records(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    return frame.to_dict("records")


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def check_references(tables: Tables) -> list[Problem]:
    """Every state, region, organisation, resolution and source a row names must exist."""
    actors = set(tables["actors"]["iso3"])
    regions = set(tables["regions"]["id"])
    sources = set(tables["sources"]["id"])
    organizations = set(tables["organizations"]["code"])
    known = {
        Kind.SUBJECT: (
            actors | regions | organizations | {WORLD_SUBJECT},
            "an actor, a region of regions.csv, an organisation of organizations.csv or "
            f"{WORLD_SUBJECT} (the world as a whole)",
        ),
        Kind.ISO3: (actors, "an actor listed in actors.csv"),
        Kind.REGION: (regions, "a region listed in regions.csv"),
        Kind.TERRITORY: (actors | regions, "an actor of actors.csv or a region of regions.csv"),
    }
    problems: list[Problem] = []
    for name, table in TABLES.items():
        has_note = "note" in table.column_names
        for record in _records(tables[name]):
            for column in table.columns:
                value = record[column.name]
                if not _present(value):
                    continue
                if column.kind in known:
                    allowed, what = known[column.kind]
                    if value not in allowed:
                        problems.append(
                            _problem(
                                record, column.name, f"unknown code '{value}': expected {what}"
                            )
                        )
                elif column.kind is Kind.SOURCES:
                    problems.extend(_source_problems(record, value, sources, has_note))
    return problems


def _source_problems(
    record: dict[str, Any], value: str, sources: set[str], has_note: bool
) -> list[Problem]:
    if value == JUDGMENT:
        if not has_note or not _present(record.get("note")):
            return [
                _problem(record, "note", "a 'judgment' row needs its reasoning in the note column")
            ]
        return []
    return [
        _problem(record, "source", f"unknown source '{ident}': expected an id from sources.csv")
        for ident in value.split(";")
        if ident not in sources
    ]


def check_sources_dated(tables: Tables) -> list[Problem]:
    """A source needs the date it was published or the date it was read."""
    return [
        _problem(record, "published", "expected a publication date (or year) or an accessed date")
        for record in _records(tables["sources"])
        if not _present(record["published"]) and not _present(record["accessed"])
    ]


def _check_order(table: str, start: str, end: str, what: str) -> Rule:
    def rule(tables: Tables) -> list[Problem]:
        return [
            _problem(record, end, f"{what}: {end} {record[end]} is before {start} {record[start]}")
            for record in _records(tables[table])
            if _present(record[start]) and _present(record[end]) and record[end] < record[start]
        ]

    return rule


def check_leader_overlap(tables: Tables) -> list[Problem]:
    """One head of state at a time: a state's head-of-state tenures do not overlap.

    (Heads of government may: acting premiers overlap in the sources.) The models look up the head
    of state on a day by state, so two at once broke them.
    """
    problems = []
    leaders = tables["leaders"]
    leaders = leaders[leaders["office"] == "head_of_state"].sort_values(
        ["iso3", "took_office"], kind="stable"
    )
    for _, tenures in leaders.groupby("iso3", sort=False):
        records = list(_records(tenures))
        for before, after in itertools.pairwise(records):
            end = before["left_office"]
            if not _present(end) or after["took_office"] < end:
                problems.append(
                    _problem(
                        after,
                        "took_office",
                        f"overlaps {before['name']}'s tenure as {before['office']} "
                        f"(from {before['took_office']:%Y-%m-%d}): expected one holder at a time",
                    )
                )
    return problems


def _check_listed(table: str, column: str, listing: str, key: str, what: str) -> Rule:
    """A rule: every ``column`` of ``table`` names a ``key`` of ``listing`` (e.g. a settlement).

    The message lists the known values when they are few, and names the file otherwise.
    """

    def rule(tables: Tables) -> list[Problem]:
        known = set(tables[listing][key])
        expected = (
            f"one of {sorted(known)}" if len(known) <= LISTED else f"an {key} of {listing}.csv"
        )
        return [
            _problem(record, column, f"unknown {what} '{record[column]}': expected {expected}")
            for record in _records(tables[table])
            if record[column] not in known
        ]

    return rule


def check_votes(tables: Tables) -> list[Problem]:
    """A vote is on a resolution listed in resolutions.csv."""
    known = set(tables["resolutions"]["resolution"])
    return [
        _problem(record, "resolution", f"unknown resolution '{record['resolution']}'")
        for record in _records(tables["votes"])
        if record["resolution"] not in known
    ]


def check_borders(tables: Tables) -> list[Problem]:
    """A land border joins two different places and is listed from both sides with one length."""
    borders = tables["borders"]
    lengths = {(r["a"], r["b"]): r["km"] for r in _records(borders)}
    problems = []
    reported: set[frozenset[str]] = set()
    for record in _records(borders):
        a, b, km = record["a"], record["b"], record["km"]
        pair = frozenset((a, b))
        if a == b:
            problems.append(_problem(record, "b", f"a border of '{a}' with itself"))
        elif (b, a) not in lengths:
            problems.append(
                _problem(
                    record, None, f"border {a}-{b} is listed one way only: expected a row {b},{a}"
                )
            )
        elif lengths[(b, a)] != km and pair not in reported:
            reported.add(pair)
            problems.append(
                _problem(
                    record,
                    "km",
                    f"border {a}-{b} has two lengths: {km:g} km here, {lengths[(b, a)]:g} km as {b},{a}",
                )
            )
    return problems


def check_region_shares(tables: Tables) -> list[Problem]:
    """An area share of a controlled region lies in [0, 1]."""
    return [
        _problem(record, "area_share", f"expected a share in [0, 1], got {record['area_share']:g}")
        for record in _records(tables["region_control"])
        if _present(record["area_share"]) and record["area_share"] > 1
    ]


def check_event_completion(tables: Tables) -> list[Problem]:
    """An event's completion (share of a programme carried out) lies in [0, 1]."""
    return [
        _problem(record, "completion", f"expected a share in [0, 1], got {record['completion']:g}")
        for record in _records(tables["events"])
        if _present(record["completion"]) and record["completion"] > 1
    ]


def check_event_actors(tables: Tables) -> list[Problem]:
    """An event's actors are ';'-separated ISO3 codes of actors."""
    actors = set(tables["actors"]["iso3"])
    return [
        _problem(record, "actors", f"unknown code '{code}': expected an actor listed in actors.csv")
        for record in _records(tables["events"])
        for code in record["actors"].split(";")
        if code.strip() not in actors
    ]


def check_event_sides(tables: Tables) -> list[Problem]:
    """An event's sides are two '|'-separated lists of its own actors, each actor on one side."""
    problems = []
    for record in _records(tables["events"]):
        if "sides" not in record or not _present(record["sides"]):
            continue
        halves = str(record["sides"]).split("|")
        named = [c.strip() for half in halves for c in half.split(";") if c.strip()]
        actors = {c.strip() for c in record["actors"].split(";")}
        if len(halves) != 2:
            problems.append(
                _problem(record, "sides", "expected two sides separated by '|', e.g. 'RUS;BLR|UKR'")
            )
        elif unknown := [c for c in named if c not in actors]:
            problems.append(
                _problem(record, "sides", f"'{unknown[0]}' is not among the event's actors")
            )
        elif len(named) != len(set(named)):
            problems.append(_problem(record, "sides", "an actor is on both sides or listed twice"))
    return problems


def check_reliefs(tables: Tables) -> list[Problem]:
    """A ``sanctions_relief`` event names its sender and its target (:mod:`postsoviet.data.reliefs`):
    two actors, or one actor and a tag naming a sender of the sanctions table."""
    senders = set(tables["sanctions"]["sender"])
    events = tables["events"]
    problems = []
    for record in _records(events[events["kind"] == RELIEF]):
        if relief_parties(record["actors"], record["tags"], senders) is None:
            problems.append(
                _problem(
                    record,
                    "actors",
                    "a sanctions relief needs its sender and target: two actors (sender first), or "
                    "the target and a tag naming a sender of sanctions.csv (e.g. 'eu')",
                )
            )
    return problems


def check_de_jure(tables: Tables) -> list[Problem]:
    """A region's de jure state(s) are actors."""
    actors = set(tables["actors"]["iso3"])
    return [
        _problem(
            record, "de_jure", f"unknown code '{code}': expected an actor listed in actors.csv"
        )
        for record in _records(tables["regions"])
        if _present(record["de_jure"])
        for code in record["de_jure"].split(";")
        if code.strip() not in actors
    ]


def variable_value(variable: Variable, text: str) -> float | str:
    """Parse an attribute value by its variable, checking the variable's range.

    Raises ``ValueError`` saying what was expected.
    """
    if not variable.numeric:
        return text
    value = parse_number(text)
    low, high = variable.minimum, variable.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"[{low:g}, {high:g}]" if high is not None else f">= {low:g}"
        raise ValueError(f"expected {variable.name} {bounds}, got {text}")
    return value


def _check_variables(table: str, variables: dict[str, Variable], column: str = "variable") -> Rule:
    def rule(tables: Tables) -> list[Problem]:
        problems = []
        for record in _records(tables[table]):
            variable = variables.get(record[column])
            if variable is None:
                problems.append(
                    _problem(
                        record,
                        column,
                        f"unknown {column} '{record[column]}': expected one of {sorted(variables)}",
                    )
                )
                continue
            if record["unit"] != variable.unit:
                problems.append(
                    _problem(
                        record,
                        "unit",
                        f"expected unit '{variable.unit}' for {variable.name}, got '{record['unit']}'",
                    )
                )
            try:
                variable_value(variable, record["value"])
            except ValueError as error:
                problems.append(_problem(record, "value", str(error)))
        return problems

    return rule


RULES: tuple[Rule, ...] = (
    check_references,
    check_sources_dated,
    _check_listed("memberships", "organization", "organizations", "code", "organisation"),
    check_votes,
    check_borders,
    check_region_shares,
    check_de_jure,
    _check_order("memberships", "joined", "left", "left before joined"),
    _check_listed("outside_memberships", "organization", "organizations", "code", "organisation"),
    _check_order("outside_memberships", "joined", "left", "left before joined"),
    _check_order("leaders", "took_office", "left_office", "left office before taking it"),
    _check_order("leaders", "born", "took_office", "took office before being born"),
    check_leader_overlap,
    _check_order("region_control", "since", "until", "control ends before it starts"),
    _check_order("settlement_control", "since", "until", "control ends before it starts"),
    _check_order("sanctions", "date", "lifted", "lifted before it was imposed"),
    _check_variables("attributes", STATE_VARIABLES),
    _check_variables("region_attributes", REGION_VARIABLES),
    _check_variables("series", SERIES_VARIABLES, column="series"),
    check_event_completion,
    check_event_actors,
    check_event_sides,
    check_reliefs,
    _check_listed("settlement_control", "settlement", "settlements", "id", "settlement"),
)


def check_all(tables: Tables) -> list[Problem]:
    """Run every cross-row rule and return all problems, in the order of the rules."""
    return [problem for rule in RULES for problem in rule(tables)]
