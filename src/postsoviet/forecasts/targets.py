"""Targets (dated questions) and their resolutions, read from the evaluator's files.

Targets file (YAML, safe-loaded)::

    targets:
      - id: T1                       # unique, [A-Za-z0-9_.-]+
        asked_on: 2024-01-15         # the cutoff: data and parameters as known that day
        quantity: membership.starts  # a registered quantity (postsoviet targets quantities)
        args: {actor: XXX, org: NATO, by: 2025-12-31}
        event: {op: ">", value: 0.5} # only for numeric quantities: makes them binary
        text: "for people; never read by a model"
        origin: posed                # optional: how the question was written (see ORIGINS)

Dates may be quoted or not; a bare ``on:`` key (which YAML 1.1 reads as ``true``) is read as
``on``. A problem in one target is reported for that target (naming it and the field); the others
are still read. ``origin`` may also be given once, beside ``targets:``, for every target
without one of its own. Resolutions: CSV ``id,outcome,resolved_on,source`` (outcome 0/1, true/false, or
a number for numeric targets without an event).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from postsoviet.data.untrusted import read_csv_records, read_yaml
from postsoviet.errors import PostsovietError
from postsoviet.forecasts.quantities import (
    QUANTITIES,
    ArgumentError,
    Quantity,
    finite_number,
    parse_date,
    window_end,
)

ID_PATTERN = re.compile(r"[A-Za-z0-9_.-]+")
OPERATORS = (">", ">=", "<", "<=", "==")
TARGET_KEYS = frozenset({"id", "asked_on", "quantity", "args", "event", "text", "origin"})
# How a question was written: ``posed`` in public before its outcome was known (a forecasting
# tournament, an analyst asking about the future), or ``recalled`` later, by someone who could
# know the outcome (a backtest written from memory). A question without one is of unknown origin,
# read as recalled (:data:`postsoviet.forecasts.calibration.UNKNOWN_RECALLED`).
ORIGINS = ("recalled", "posed")


@dataclass(frozen=True)
class Event:
    """Turns a numeric quantity into a binary one: ``value op threshold``."""

    op: str
    value: float

    def holds(self, x: float) -> bool:
        """Whether ``x`` satisfies the event."""
        return {
            ">": x > self.value,
            ">=": x >= self.value,
            "<": x < self.value,
            "<=": x <= self.value,
            "==": math.isclose(x, self.value, rel_tol=1e-9, abs_tol=1e-12),
        }[self.op]


@dataclass(frozen=True)
class Target:
    """A dated question about a registered quantity."""

    id: str
    asked_on: pd.Timestamp
    quantity: Quantity
    args: Mapping[str, Any]
    event: Event | None = None
    text: str = ""
    origin: str | None = None

    @property
    def binary(self) -> bool:
        """Whether the answer is a probability (a binary quantity, or a numeric one with an event)."""
        return self.quantity.kind == "binary" or self.event is not None

    @property
    def end(self) -> pd.Timestamp:
        """The last day the question looks at."""
        end = window_end(self.args)
        return end if end is not None else self.asked_on

    @property
    def horizon_years(self) -> float:
        """Years from ``asked_on`` to the end of the question's window (at least 0)."""
        return max((self.end - self.asked_on).days / 365.25, 0.0)


@dataclass(frozen=True)
class TargetProblem:
    """Why one target cannot be read: its id (or position), the field and the message."""

    id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"target '{self.id}', field '{self.field}': {self.message}"


def _keys(mapping: Mapping[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads a bare ``on`` key as the boolean True.
    return {("on" if key is True else str(key)): value for key, value in mapping.items()}


def _event(raw: Any, quantity: Quantity) -> Event | None:
    if raw is None:
        return None
    if quantity.kind != "numeric":
        raise ArgumentError("only numeric quantities take an event")
    if not isinstance(raw, Mapping) or set(raw) != {"op", "value"}:
        raise ArgumentError("expected a mapping {op, value}")
    if raw["op"] not in OPERATORS:
        raise ArgumentError(f"op: expected one of {list(OPERATORS)}, got {raw['op']!r}")
    try:
        value = finite_number(raw["value"])
    except ArgumentError as error:
        raise ArgumentError(f"value: {error}") from None
    return Event(raw["op"], value)


def parse_target(raw: Any, position: int, origin: str | None = None) -> Target:
    """One target from its YAML mapping (``origin``: the file's, for a target without its own);
    raises :class:`TargetProblem` wrapped in ArgumentError."""
    label = f"#{position + 1}"
    if not isinstance(raw, Mapping):
        raise _ProblemError(TargetProblem(label, "target", "expected a mapping"))
    raw = _keys(raw)
    ident = raw.get("id")
    if not isinstance(ident, str | int) or not ID_PATTERN.fullmatch(str(ident)):
        raise _ProblemError(TargetProblem(label, "id", f"expected [A-Za-z0-9_.-]+, got {ident!r}"))
    ident = str(ident)

    def problem(field_name: str, message: str) -> _ProblemError:
        return _ProblemError(TargetProblem(ident, field_name, message))

    unknown = sorted(set(raw) - TARGET_KEYS)
    if unknown:
        raise problem(unknown[0], f"unknown field, expected one of {sorted(TARGET_KEYS)}")
    try:
        asked_on = parse_date(raw.get("asked_on"))
    except ArgumentError as error:
        raise problem("asked_on", str(error)) from None
    name = raw.get("quantity")
    if name not in QUANTITIES:
        raise problem("quantity", f"unknown quantity {name!r}: see 'postsoviet targets quantities'")
    quantity = QUANTITIES[name]
    raw_args = raw.get("args") or {}
    if not isinstance(raw_args, Mapping):
        raise problem("args", "expected a mapping")
    raw_args = _keys(raw_args)
    try:
        args = quantity.parse(raw_args, asked_on)
    except ArgumentError as error:
        where, _, message = str(error).partition(": ")
        raise problem(where, message) from None
    try:
        event = _event(raw.get("event"), quantity)
    except ArgumentError as error:
        raise problem("event", str(error)) from None
    text = raw.get("text") or ""
    origin = raw.get("origin", origin)
    if origin is not None and origin not in ORIGINS:
        raise problem("origin", f"expected one of {list(ORIGINS)}, got {origin!r}")
    return Target(ident, asked_on, quantity, args, event, str(text), origin)


class _ProblemError(Exception):
    def __init__(self, problem: TargetProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def parse_targets(document: Any) -> tuple[list[Target], list[TargetProblem]]:
    """Targets and per-target problems from a loaded YAML document."""
    if not isinstance(document, Mapping) or not isinstance(document.get("targets"), list):
        raise PostsovietError("targets file: expected a mapping with a list under 'targets'")
    origin = document.get("origin")
    if origin is not None and origin not in ORIGINS:
        raise PostsovietError(
            f"targets file: field 'origin': expected one of {list(ORIGINS)}, got {origin!r}"
        )
    targets: list[Target] = []
    problems: list[TargetProblem] = []
    seen: set[str] = set()
    for position, raw in enumerate(document["targets"]):
        try:
            target = parse_target(raw, position, origin)
        except _ProblemError as error:
            problems.append(error.problem)
            continue
        if target.id in seen:
            problems.append(TargetProblem(target.id, "id", "duplicate id"))
            continue
        seen.add(target.id)
        targets.append(target)
    return targets, problems


def read_targets(path: str | Path) -> tuple[list[Target], list[TargetProblem]]:
    """Read a targets file: the readable targets and a problem for each unreadable one."""
    file = Path(path)
    document = read_yaml(file, label=f"targets file '{file}'")
    try:
        return parse_targets(document)
    except PostsovietError as error:
        raise PostsovietError(f"targets file '{file}': {error}") from None


def _outcome(value: str) -> float:
    text = str(value).strip().lower()
    if text in ("true", "yes"):
        return 1.0
    if text in ("false", "no"):
        return 0.0
    return float(text)


def read_resolutions(path: str | Path) -> pd.DataFrame:
    """Resolutions CSV ``id,outcome,resolved_on,source``; outcome as a float (1/0 for binary)."""
    file = Path(path)
    header, records = read_csv_records(file, label=f"resolutions file '{file}'")
    frame = pd.DataFrame([record for _, record in records], columns=header, dtype=str)
    missing = {"id", "outcome", "resolved_on", "source"} - set(frame.columns)
    if missing:
        raise PostsovietError(f"resolutions file '{file}': missing columns {sorted(missing)}")
    outcomes = []
    for row, value in enumerate(frame["outcome"], start=2):
        try:
            outcomes.append(_outcome(value))
        except ValueError:
            raise PostsovietError(
                f"resolutions file '{file}', row {row}, field 'outcome': expected 0/1, true/false "
                f"or a number, got {value!r}"
            ) from None
    frame["outcome"] = outcomes
    frame["resolved_on"] = pd.to_datetime(frame["resolved_on"], errors="coerce")
    return frame
