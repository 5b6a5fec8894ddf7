"""What a scenario is: a name, a window of time, a list of dated shocks and model parameters.

A scenario file is YAML (read by :mod:`postsoviet.data.untrusted`: safe, bounded, no duplicate keys)::

    name: essay-belarus
    description: Belarus is absorbed into Russia.
    start: 2022-07-01
    horizon: 2030-12-31
    shocks:
      - {kind: merge, date: 2027-01-01, absorbed: BLR, into: RUS}
    parameters:
      next_direction.cost.ukraine: 2.0

Every shock kind has a fixed set of fields (:data:`SHOCK_FIELDS`); a misspelt kind or field, a value of
the wrong type or a code the world does not know is reported with the file, the shock's number and the
field, and every problem in a file is reported at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from postsoviet.data.schema import SANCTION_SCOPES
from postsoviet.errors import Problem

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Shock:
    """One dated change to the world: ``kind`` names it, ``fields`` hold its arguments."""

    kind: str
    date: pd.Timestamp
    fields: Mapping[str, Any]

    def describe(self) -> str:
        """A one-line human description, e.g. ``2027-01-01 merge absorbed=BLR into=RUS``."""
        args = " ".join(f"{k}={v}" for k, v in self.fields.items())
        return f"{self.date:%Y-%m-%d} {self.kind} {args}".strip()


@dataclass(frozen=True)
class Scenario:
    """A declarative what-if: shocks applied to the world between ``start`` and ``horizon``."""

    name: str
    description: str
    start: pd.Timestamp
    horizon: pd.Timestamp
    shocks: tuple[Shock, ...] = ()
    parameters: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Codes:
    """The codes a scenario may name, taken from the world it will be applied to."""

    actors: frozenset[str]
    regions: frozenset[str]
    organizations: frozenset[str]


Check = Callable[[Any, Codes], Any]


def _date(value: Any, codes: Codes) -> pd.Timestamp:
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if isinstance(value, str):
        try:
            return pd.Timestamp(dt.date.fromisoformat(value))
        except ValueError:
            pass
    raise ValueError(f"expected an ISO date YYYY-MM-DD, got {_shown(value)}")


def _shown(value: Any) -> str:
    """``value`` for a message, cut short (a list or a long text may be huge)."""
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:77]}..."


def _code(value: Any, known: frozenset[str], expected: str) -> str:
    """``value`` if it is one of the ``known`` codes (a list or a map never is)."""
    if not isinstance(value, str) or value not in known:
        raise ValueError(f"expected {expected}, got {_shown(value)}")
    return value


def _actor(value: Any, codes: Codes) -> str:
    return _code(value, codes.actors, "an actor's ISO3 code")


def _region(value: Any, codes: Codes) -> str:
    return _code(value, codes.regions, "a region of regions.csv")


def _organization(value: Any, codes: Codes) -> str:
    return _code(value, codes.organizations, f"one of {sorted(codes.organizations)}")


def _party(value: Any, codes: Codes) -> str:
    known = codes.actors | codes.organizations
    return _code(value, known, "an actor's ISO3 code or an organisation code")


def _territory(value: Any, codes: Codes) -> str:
    return _code(value, codes.actors | codes.regions, "an actor's ISO3 code or a region slug")


def finite_number(value: Any) -> float:
    """``value`` as a finite float >= 0 (not a boolean, NaN, infinity or an integer past floats)."""
    number = math.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
    if not (math.isfinite(number) and number >= 0):
        raise ValueError(f"expected a finite number >= 0, got {_shown(value)}")
    return number


def _amount(value: Any, codes: Codes) -> float:
    return finite_number(value)


def _share(value: Any, codes: Codes) -> float:
    number = _amount(value, codes)
    if number > 1:
        raise ValueError(f"expected a share in [0, 1], got {value!r}")
    return number


def _text(value: Any, codes: Codes) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected text, got {_shown(value)}")
    return value.strip()


def _choice(*choices: str) -> Check:
    def check(value: Any, codes: Codes) -> str:
        return _code(value, frozenset(choices), f"one of {list(choices)}")

    return check


# kind -> {field: (check, required)}; every kind also has a required ``date``.
SHOCK_FIELDS: dict[str, dict[str, tuple[Check, bool]]] = {
    "sanctions": {
        "sender": (_party, True),
        "target": (_actor, True),
        "scope": (_choice(*SANCTION_SCOPES), True),
        "name": (_text, False),
    },
    "membership": {
        "iso3": (_actor, True),
        "organization": (_organization, True),
        "action": (_choice("join", "leave", "freeze"), True),
        "status": (
            _choice(
                "member", "candidate", "negotiating", "acceding", "observer", "partner", "associate"
            ),
            False,
        ),
    },
    "merge": {"absorbed": (_actor, True), "into": (_actor, True)},
    "control": {
        "region": (_region, True),
        "controller": (_territory, True),
        "backer": (_actor, False),
        "area_share": (_share, False),
    },
    "aid": {"recipient": (_actor, True), "donor": (_party, True), "usd": (_amount, True)},
    "gas_price": {
        "buyer": (_actor, True),
        "seller": (_actor, True),
        "usd_per_1000m3": (_amount, True),
    },
    "loan": {"borrower": (_actor, True), "lender": (_actor, True), "usd": (_amount, True)},
    "leader": {
        "iso3": (_actor, True),
        "name": (_text, True),
        "born": (_date, False),
        "succession": (_choice("hereditary", "appointed", "election", "other"), False),
    },
}

SCENARIO_FIELDS = ("name", "description", "start", "horizon", "shocks", "parameters")


def parse_scenario(raw: Any, codes: Codes, *, label: str) -> tuple[Scenario | None, list[Problem]]:
    """Check a scenario loaded from YAML against the schema and the world's codes.

    Returns the scenario (``None`` if any problem was found) and every problem. ``label`` names the
    file in messages; a shock's problems name its field as ``shocks[N].field``, counting from 1.
    """
    problems: list[Problem] = []

    def problem(where: str | None, message: str) -> None:
        problems.append(Problem(label, None, where, message))

    if not isinstance(raw, dict):
        problem(None, "expected a YAML mapping with name, description, start, horizon, shocks")
        return None, problems
    for key in raw:
        if key not in SCENARIO_FIELDS:
            problem(str(key), f"unknown field: expected one of {list(SCENARIO_FIELDS)}")
    values: dict[str, Any] = {}
    for key, check in (
        ("name", _slug),
        ("description", _text),
        ("start", _date),
        ("horizon", _date),
    ):
        if key not in raw:
            problem(key, "is missing")
            continue
        try:
            values[key] = check(raw[key], codes)
        except ValueError as error:
            problem(key, str(error))
    if "start" in values and "horizon" in values and values["horizon"] < values["start"]:
        problem("horizon", "is before start")
    shocks = []
    raw_shocks = raw.get("shocks") or []
    if not isinstance(raw_shocks, list):
        problem("shocks", "expected a list of shocks")
        raw_shocks = []
    for number, raw_shock in enumerate(raw_shocks, start=1):
        shock, found = _parse_shock(raw_shock, codes, number=number, label=label)
        problems.extend(found)
        if shock is not None:
            shocks.append(shock)
    parameters = _parameters(raw.get("parameters") or {}, problem)
    if problems:
        return None, problems
    scenario = Scenario(
        name=values["name"],
        description=values["description"],
        start=values["start"],
        horizon=values["horizon"],
        shocks=tuple(sorted(shocks, key=lambda s: s.date)),
        parameters=parameters,
    )
    return scenario, []


def _parameters(raw: Any, problem: Callable[[str | None, str], None]) -> dict[str, float]:
    """A scenario's parameters: names to finite numbers >= 0 (each bad one a problem)."""
    if not isinstance(raw, dict):
        problem("parameters", "expected a mapping of parameter names to numbers")
        return {}
    parameters = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            problem("parameters", f"expected a parameter name, got {_shown(key)}")
            continue
        try:
            parameters[key] = finite_number(value)
        except ValueError as error:
            problem(f"parameters.{key}", str(error))
    return parameters


def _slug(value: Any, codes: Codes) -> str:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise ValueError(f"expected a lower-case name like 'essay-belarus', got {_shown(value)}")
    return value


def _parse_shock(
    raw: Any, codes: Codes, *, number: int, label: str
) -> tuple[Shock | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem(label, None, f"shocks[{number}]", "expected a mapping with a kind")]
    kind = raw.get("kind")
    where = f"shocks[{number}]"
    if not isinstance(kind, str) or kind not in SHOCK_FIELDS:
        message = f"unknown kind {_shown(kind)}: expected one of {sorted(SHOCK_FIELDS)}"
        return None, [Problem(label, None, f"shocks[{number}].kind", message)]
    spec = SHOCK_FIELDS[kind]
    problems = [
        Problem(
            label,
            None,
            f"{where}.{key}",
            f"unknown field of a {kind} shock: expected {sorted(spec)}",
        )
        for key in map(str, raw)
        if key not in spec and key not in ("kind", "date")
    ]
    fields: dict[str, Any] = {}
    date = None
    try:
        date = _date(raw.get("date"), codes)
    except ValueError as error:
        problems.append(Problem(label, None, f"{where}.date", str(error)))
    for key, (check, required) in spec.items():
        if key not in raw:
            if required:
                problems.append(
                    Problem(label, None, f"{where}.{key}", f"is missing from the {kind} shock")
                )
            continue
        try:
            fields[key] = check(raw[key], codes)
        except ValueError as error:
            problems.append(Problem(label, None, f"{where}.{key}", str(error)))
    if problems or date is None:
        return None, problems
    return Shock(kind=kind, date=date, fields=fields), []


def check_consistency(scenario: Scenario, *, label: str) -> list[Problem]:
    """Checks across fields of one shock that the per-field checks cannot make."""
    problems = []
    for number, shock in enumerate(scenario.shocks, start=1):
        where = f"shocks[{number}]"
        if shock.kind == "merge" and shock.fields["absorbed"] == shock.fields["into"]:
            problems.append(
                Problem(label, None, f"{where}.into", "a state cannot merge into itself")
            )
        if not scenario.start <= shock.date <= scenario.horizon:
            problems.append(
                Problem(
                    label,
                    None,
                    f"{where}.date",
                    "expected a date between start and horizon",
                )
            )
    return problems
