"""The dashboard's levers: a few named settings that become the shocks and parameters of a scenario.

A view is a built-in scenario (``baseline`` by default) plus lever settings. Each lever writes plain
scenario data (a shock mapping or a ``next_direction.cost.<direction>`` parameter), and the result is
checked by the scenario schema itself (:func:`postsoviet.scenarios.spec.parse_scenario`), so a lever
can never make a scenario a file could not.

Levers take effect on :data:`LEVER_DAY`; the essay's actors are fixed: Belarus (``BLR``) for the
merger, gas price, credit, sanctions and succession; Ukraine (``UKR``) for aid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.data.config import Config
from postsoviet.data.schema import SANCTION_SCOPES
from postsoviet.errors import DataError
from postsoviet.scenarios.run import COST_PARAMETER
from postsoviet.scenarios.spec import Codes, Scenario, parse_scenario

LEVER_DAY = pd.Timestamp("2027-01-01")
FIRST_DAY = pd.Timestamp("2027-01-01")
LAST_DAY = pd.Timestamp("2035-12-31")
BILLION = 1e9


@dataclass(frozen=True)
class Lever:
    """One control of the levers panel: its URL name, label, kind and range.

    ``kind`` is ``number`` (a slider from ``low`` to ``high``), ``choice`` (one of ``choices``) or
    ``year`` (0 for never, else a year from ``low`` to ``high``).
    """

    name: str
    label: str
    kind: str
    default: float | str
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0
    choices: tuple[str, ...] = ()
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the dashboard builds its control from."""
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "default": self.default,
            "low": self.low,
            "high": self.high,
            "step": self.step,
            "choices": list(self.choices),
            "unit": self.unit,
        }


def levers(config: Config) -> tuple[Lever, ...]:
    """Every lever: one cost factor per direction of ``config``, then the essay's other levers."""
    costs = tuple(
        Lever(
            f"cost.{d.name}",
            f"Cost of the {d.name.replace('_', ' ')} direction",
            "number",
            1.0,
            0.25,
            4.0,
            0.25,
            unit="x",
        )
        for d in config.directions
    )
    return (
        *costs,
        Lever("merger", "Belarus merged into Russia in", "year", 0, 2027, 2035, 1),
        Lever(
            "gas",
            "Russian gas price for Belarus",
            "number",
            0.0,
            0.0,
            400.0,
            10.0,
            unit="US$/1000 m3",
        ),
        Lever(
            "credit",
            "Russian state credit to Belarus",
            "number",
            0.0,
            0.0,
            10.0,
            0.5,
            unit="bn US$",
        ),
        Lever("aid", "EU aid to Ukraine per year", "number", 0.0, 0.0, 100.0, 5.0, unit="bn US$"),
        Lever(
            "sanctions",
            "EU sanctions on Belarus",
            "choice",
            "none",
            choices=("none", *SANCTION_SCOPES),
        ),
        Lever(
            "succession", "Hereditary succession in Belarus", "choice", "no", choices=("no", "yes")
        ),
    )


def _date(day: pd.Timestamp) -> str:
    return f"{day:%Y-%m-%d}"


def lever_shocks(values: Mapping[str, Any], on: pd.Timestamp) -> list[dict[str, Any]]:
    """The shocks the non-cost levers write, as scenario-file mappings, up to day ``on``."""
    day = _date(LEVER_DAY)
    shocks: list[dict[str, Any]] = []
    if values.get("sanctions", "none") != "none":
        shocks.append(
            {
                "kind": "sanctions",
                "date": day,
                "sender": "EU",
                "target": "BLR",
                "scope": values["sanctions"],
            }
        )
    if values.get("gas", 0):
        shocks.append(
            {
                "kind": "gas_price",
                "date": day,
                "buyer": "BLR",
                "seller": "RUS",
                "usd_per_1000m3": values["gas"],
            }
        )
    if values.get("credit", 0):
        usd = values["credit"] * BILLION
        shocks.append({"kind": "loan", "date": day, "borrower": "BLR", "lender": "RUS", "usd": usd})
    if values.get("aid", 0):
        usd = values["aid"] * BILLION
        shocks.extend(
            {"kind": "aid", "date": f"{year}-12-31", "recipient": "UKR", "donor": "EU", "usd": usd}
            for year in range(LEVER_DAY.year, on.year + 1)
            if pd.Timestamp(year=year, month=12, day=31) <= on
        )
    if values.get("succession", "no") == "yes":
        name = "Successor from the Lukashenko family"
        shocks.append(
            {"kind": "leader", "date": day, "iso3": "BLR", "name": name, "succession": "hereditary"}
        )
    merger = int(values.get("merger", 0) or 0)
    if merger and pd.Timestamp(year=merger, month=1, day=1) <= on:
        shocks.append(
            {"kind": "merge", "date": f"{merger}-01-01", "absorbed": "BLR", "into": "RUS"}
        )
    return shocks


def _shock_mapping(kind: str, date: pd.Timestamp, fields: Mapping[str, Any]) -> dict[str, Any]:
    plain = {k: _date(v) if isinstance(v, pd.Timestamp) else v for k, v in fields.items()}
    return {"kind": kind, "date": _date(date), **plain}


def scenario_document(scenario: Scenario, *, until: pd.Timestamp | None = None) -> dict[str, Any]:
    """``scenario`` as the mapping of a scenario file (dates as ISO text); with ``until``, only
    the shocks dated on or before it."""
    return {
        "name": scenario.name,
        "description": scenario.description,
        "start": _date(scenario.start),
        "horizon": _date(scenario.horizon),
        "shocks": [
            _shock_mapping(s.kind, s.date, s.fields)
            for s in scenario.shocks
            if until is None or s.date <= until
        ],
        "parameters": dict(scenario.parameters),
    }


def view_scenario(
    base: Scenario, values: Mapping[str, Any], on: pd.Timestamp, codes: Codes
) -> Scenario:
    """``base`` seen on day ``on`` with the levers ``values`` added.

    The result is named ``<base>-levers`` when a lever is set. The base's shocks after ``on`` have
    not happened yet and are left out; a lever's cost factor
    replaces the base's parameter of the same direction. Raises :class:`DataError` (from the
    scenario schema) when the result is not a valid scenario.
    """
    start = min(base.start, LEVER_DAY)
    parameters = dict(base.parameters)
    for name, value in values.items():
        if name.startswith("cost.") and float(value) != 1.0:
            parameters[COST_PARAMETER + name.removeprefix("cost.")] = float(value)
    document = scenario_document(base, until=on)
    raw = {
        **document,
        "name": f"{base.name}-levers" if values else base.name,
        "start": _date(start),
        "horizon": _date(on),
        "shocks": [*document["shocks"], *lever_shocks(values, on)],
        "parameters": parameters,
    }
    scenario, problems = parse_scenario(raw, codes, label="view")
    if scenario is None:
        raise DataError(problems)
    return scenario
