"""The registry of target quantities: their arguments, kind (binary or numeric) and family.

Each world-fact quantity can resolve itself from a world (:mod:`postsoviet.models.event_hazard.questions`)
and report its state on ``asked_on`` (for persistence). Model quantities are answered by
:mod:`postsoviet.forecasts.model_quantities`; the world resolves only those that are also facts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from postsoviet.data.schema import OFFICES, SANCTION_SCOPES
from postsoviet.models.event_hazard import questions as q

WINDOW_END = ("on", "by", "period")
# a year written alone, as a series' period may be
YEAR = re.compile(r"\d{4}")


class ArgumentError(ValueError):
    """An argument of a target has the wrong type or value (the message says which)."""


def parse_date(value: Any) -> pd.Timestamp:
    if isinstance(value, bool) or not isinstance(value, str | dt.date | pd.Timestamp):
        raise ArgumentError(f"expected an ISO date YYYY-MM-DD, got {value!r}")
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ArgumentError(f"expected an ISO date YYYY-MM-DD, got {value!r}") from None
    if pd.isna(stamp):
        raise ArgumentError(f"expected an ISO date YYYY-MM-DD, got {value!r}")
    return stamp.normalize()


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ArgumentError(f"expected a non-empty text, got {value!r}")
    return value.strip()


def _code(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z_ .'-]*", text):
        raise ArgumentError(
            f"expected a code or name such as RUS, Russia, NATO or any, got {value!r}"
        )
    return text if text == q.ANY else text.upper()


ORGANIZATION_ALIASES = {"EEU": "EAEU", "UNION STATE": "UNION_STATE", "UNIONSTATE": "UNION_STATE"}
OFFICE_ALIASES = {
    "president": "head_of_state",
    "prime_minister": "head_of_government",
    "premier": "head_of_government",
    "head_of_the_government": "head_of_government",
    "head_of_the_state": "head_of_state",
    "defense_minister": "defence_minister",
    "minister_of_defence": "defence_minister",
    "minister_of_defense": "defence_minister",
    "defence": "defence_minister",
    "defense": "defence_minister",
}
# everyday words for the sanctions scopes of the data (schema.SANCTION_SCOPES)
SCOPE_ALIASES = {
    "oil": "energy",
    "gas": "energy",
    "coal": "energy",
    "petroleum": "energy",
    "oil_and_gas": "energy",
    "crude": "energy",
    "crude_oil": "energy",
    "lng": "energy",
    "petroleum_products": "energy",
    "oil_embargo": "energy",
    "price_cap": "energy",
    "oil_price_cap": "energy",
    # nuclear fuel is an energy import (the US ban on Russian enriched uranium of May 2024)
    "uranium": "energy",
    "enriched_uranium": "energy",
    "nuclear_fuel": "energy",
    "aviation": "transport",
    "airlines": "transport",
    "airspace": "transport",
    "flights": "transport",
    "shipping": "transport",
    "ports": "transport",
    "road_transport": "transport",
    "banking": "financial",
    "banks": "financial",
    "finance": "financial",
    "swift": "financial",
    "central_bank": "financial",
    "sovereign_debt": "financial",
    "export_controls": "technology",
    "tech": "technology",
    "dual_use": "technology",
    "semiconductors": "technology",
    "persons": "individuals",
    "person": "individuals",
    "individual": "individuals",
    "people": "individuals",
    "asset_freeze": "individuals",
    "visa_ban": "individuals",
    "travel_ban": "individuals",
    "oligarchs": "individuals",
    "imports": "trade",
    "exports": "trade",
    # goods whose bans the data records as trade measures (steel and luxury goods in the EU's
    # fourth package on Russia, gold in its seventh, diamonds in its twelfth; Belarusian potash
    # in OFAC's designations of December 2021)
    "steel": "trade",
    "gold": "trade",
    "diamonds": "trade",
    "luxury_goods": "trade",
    "potash": "trade",
    "fertilizer": "trade",
    "fertiliser": "trade",
    # food bans are trade measures (Russia's embargo on Western food imports of August 2014)
    "food": "trade",
    "agriculture": "trade",
    "agricultural": "trade",
    "sector": "sectoral",
    # the EU's own name for its sectoral regime on Russia (Decision 2014/512/CFSP, renewed every
    # six months as its "economic sanctions")
    "economic": "sectoral",
    "economic_sanctions": "sectoral",
    "sectoral_sanctions": "sectoral",
    "full": "comprehensive",
    "embargo": "comprehensive",
}


def _org(value: Any) -> str:
    text = _text(value).upper()
    return _code(ORGANIZATION_ALIASES.get(text, text.replace(" ", "_")))


def _word_key(value: Any) -> str:
    """``value`` as the data writes its words: lower case, joined by ``_``."""
    return _text(value).lower().replace(" ", "_").replace("-", "_")


def _word_of(
    value: Any, aliases: Mapping[str, str], allowed: tuple[str, ...], expected: str
) -> str:
    """``value`` as one of the data's ``allowed`` words (lower case, words joined by ``_``), read
    through everyday ``aliases``; any other word is an error saying what was ``expected``: the
    data records no other, so every question about one would read "no"."""
    text = _word_key(value)
    word = aliases.get(text, text)
    if word not in allowed:
        raise ArgumentError(f"expected {expected}, got {value!r}")
    return word


def _office(value: Any) -> str:
    return _word_of(
        value,
        OFFICE_ALIASES,
        (*OFFICES, q.HELD_OFFICE),
        f"an office of the world data ({', '.join(OFFICES)}; or president, prime minister, "
        "minister of defence)",
    )


def _scope(value: Any) -> str:
    """A sanctions scope: the data's word, an everyday one (:data:`SCOPE_ALIASES`), or a phrase
    whose words name one scope only (``oil_majors_blocking`` is ``energy``: of its words only
    ``oil`` names a scope)."""
    allowed = (*SANCTION_SCOPES, q.ANY)
    expected = (
        f"a sanctions scope of the world data ({', '.join(SANCTION_SCOPES)}, or any; everyday "
        "words such as oil or aviation are read as energy or transport)"
    )
    try:
        return _word_of(value, SCOPE_ALIASES, allowed, expected)
    except ArgumentError:
        words = _word_key(value).split("_")
        pairs = ["_".join(pair) for pair in itertools.pairwise(words)]
        named = {SCOPE_ALIASES.get(w, w) for w in (*words, *pairs)} & set(SANCTION_SCOPES)
        if len(named) == 1:
            return named.pop()
        raise


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    # one text may list several, ';'- or ','-separated, as the data files do
    items = re.split(r"[;,]", value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ArgumentError(f"expected a list of texts, got {value!r}")
    return tuple(_text(item) for item in items)


def finite_number(value: Any) -> float:
    """A finite number; text that reads as one is taken too (YAML 1.1 leaves ``6.0e10`` and
    ``1e9``, exponents without their sign, as text)."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = float(value.strip())
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ArgumentError(f"expected a finite number, got {value!r}")
    return float(value)


def _number(value: Any) -> float | None:
    return None if value is None else finite_number(value)


def _period(value: Any) -> pd.Timestamp | int:
    """A series' period: a year (``2023``, also quoted, ``"2023"``) or a day."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and YEAR.fullmatch(value.strip()):
        # a quoted year is the year, not its first day (which a daily series would read)
        return int(value.strip())
    return parse_date(value)


def _rung(value: Any) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _text(value)


def _actors(value: Any) -> tuple[str, ...]:
    return tuple(_code(v) for v in _texts(value))


PARSERS: dict[str, Callable[[Any], Any]] = {
    "date": parse_date,
    "text": _text,
    "code": _code,
    "org": _org,
    "office": _office,
    "scope": _scope,
    "codes": _actors,
    "texts": _texts,
    "number": _number,
    "period": _period,
    "rung": _rung,
}


@dataclass(frozen=True)
class Arg:
    """One argument: its name, type (a key of :data:`PARSERS`) and default (required if none)."""

    name: str
    type: str
    default: Any = None
    required: bool = True

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description."""
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "default": self.default,
        }


def _opt(name: str, type_: str, default: Any) -> Arg:
    return Arg(name, type_, default, required=False)


FROM = _opt("from", "date", "asked_on")


@dataclass(frozen=True)
class Quantity:
    """A registered quantity: what a target may ask for."""

    name: str
    family: str
    kind: str
    args: tuple[Arg, ...]
    doc: str
    outcome: Callable[..., Any] | None = None
    state: Callable[..., Any] | None = None

    @property
    def change(self) -> bool:
        """Whether the quantity asks for a change within a window (it has ``by``)."""
        return any(arg.name == "by" for arg in self.args)

    @property
    def question_type(self) -> str:
        """``change`` (something happens within a window) or ``state`` (a state on a day): the
        asked questions are mapped by type (:mod:`postsoviet.forecasts.asked`)."""
        return "change" if self.change else "state"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description."""
        return {
            "name": self.name,
            "family": self.family,
            "kind": self.kind,
            "args": [arg.to_dict() for arg in self.args],
            "doc": self.doc,
        }

    def parse(self, raw: Mapping[str, Any], asked_on: pd.Timestamp) -> dict[str, Any]:
        """Normalised arguments; :class:`ArgumentError` names the first wrong argument."""
        known = {arg.name for arg in self.args}
        for key in raw:
            if key not in known:
                raise ArgumentError(
                    f"args.{key}: unknown argument, expected one of {sorted(known)}"
                )
        parsed: dict[str, Any] = {}
        for arg in self.args:
            if arg.name in raw:
                try:
                    parsed[arg.name] = PARSERS[arg.type](raw[arg.name])
                except ArgumentError as error:
                    raise ArgumentError(f"args.{arg.name}: {error}") from None
            elif arg.required:
                raise ArgumentError(f"args.{arg.name}: missing (required {arg.type})")
            elif arg.default == "asked_on":
                parsed[arg.name] = asked_on
            elif arg.default is None and arg.type not in ("codes", "texts"):
                parsed[arg.name] = None
            else:
                parsed[arg.name] = PARSERS[arg.type](arg.default)
        return parsed


def _membership(verb: str, end: str, doc: str) -> Quantity:
    args = [Arg("actor", "code"), Arg("org", "org"), Arg(end, "date")]
    args.append(_opt("status", "text", "member"))
    if end == "by":
        args.append(FROM)
    return Quantity(
        f"membership.{verb}",
        "membership",
        "binary",
        tuple(args),
        doc,
        getattr(q, f"outcome_membership_{verb}"),
        getattr(q, f"state_membership_{verb}"),
    )


def _world_quantity(name: str, kind: str, args: list[Arg], doc: str) -> Quantity:
    family, verb = name.split(".")
    stem = f"{family}_{verb}"
    return Quantity(
        name,
        family,
        kind,
        tuple(args),
        doc,
        getattr(q, f"outcome_{stem}"),
        getattr(q, f"state_{stem}"),
    )


def _model(name: str, kind: str, args: list[Arg], doc: str) -> Quantity:
    return Quantity(name, "model", kind, (*args, Arg("on", "date")), doc)


_PLACE = Arg("place", "text")
_CONTROLLER = Arg("controller", "code")
_SANCTION = [Arg("sender", "code"), Arg("target", "code"), _opt("scope", "scope", "any")]
_OFFICE = _opt("office", "office", "head_of_state")
# a person's office, when not written: the one they hold on asked_on (q.office_held)
_PERSON_OFFICE = _opt("office", "office", q.HELD_OFFICE)

QUANTITIES: dict[str, Quantity] = {
    quantity.name: quantity
    for quantity in (
        _membership("holds", "on", "The actor has the status in the organisation on the day."),
        _membership("starts", "by", "The actor gains the status between from and by."),
        _membership("ends", "by", "The actor loses the status between from and by."),
        _world_quantity(
            "control.holds",
            "binary",
            [_PLACE, _CONTROLLER, Arg("on", "date")],
            "The controller (or a force it backs) holds all or part of the place on the day "
            "(a region, an oblast of the gazetteer, a settlement as ISO3:Name, or a state: any "
            "of its places).",
        ),
        _world_quantity(
            "control.share",
            "numeric",
            [_PLACE, _CONTROLLER, Arg("on", "date")],
            "Share of the place's area the controller holds on the day (0-1; a settlement 1 or 0).",
        ),
        _world_quantity(
            "control.gains",
            "binary",
            [_PLACE, _CONTROLLER, Arg("by", "date"), FROM],
            "The controller takes (more of) the place, or one of its settlements (a state: of any "
            "of its places), between from and by.",
        ),
        _world_quantity(
            "leader.holds",
            "binary",
            [Arg("actor", "code"), Arg("person", "text"), Arg("on", "date"), _PERSON_OFFICE],
            "The person holds the actor's office on the day (office not given: the one the person "
            "holds on asked_on, else the one they held last, else head_of_state).",
        ),
        _world_quantity(
            "leader.changes",
            "binary",
            [Arg("actor", "code"), Arg("by", "date"), _OFFICE, FROM],
            "The holder of the actor's office changes between from and by.",
        ),
        _world_quantity(
            "sanctions.in_force",
            "binary",
            [*_SANCTION, Arg("on", "date")],
            "Sanctions of the scope by the sender on the target are in force on the day.",
        ),
        _world_quantity(
            "sanctions.new",
            "binary",
            [*_SANCTION, Arg("by", "date"), FROM],
            "A new sanctions measure of the scope by the sender on the target between from and by.",
        ),
        _world_quantity(
            "sanctions.lifted",
            "binary",
            [*_SANCTION, Arg("by", "date"), FROM],
            "Sanctions of the scope by the sender on the target are lifted between from and by.",
        ),
        _world_quantity(
            "event.occurs",
            "binary",
            [
                Arg("kind", "text"),
                Arg("by", "date"),
                _opt("actors", "codes", None),
                _opt("tags", "texts", None),
                _opt("min_value", "number", None),
                FROM,
            ],
            "An event of the kind with those actors and tags (and at least min_value) between from and by.",
        ),
        _world_quantity(
            "series.value",
            "numeric",
            [
                Arg("series", "text"),
                Arg("subject", "code"),
                Arg("period", "period"),
                _opt("counterpart", "code", None),
            ],
            "The value of a world series or attribute for the period (a date or a year).",
        ),
        _model(
            "ladder.rung_at_least",
            "binary",
            [Arg("rung", "rung")],
            "Belarus's integration ladder is on this rung or higher on the day (ladder model).",
        ),
        _model(
            "landscape.side",
            "binary",
            [Arg("actor", "code"), _opt("side", "text", "Russia")],
            "Landscape theory puts the actor on this side on the day.",
        ),
        _model(
            "attrition.share_held",
            "numeric",
            [],
            "Share of Ukraine's area held by Russia on the day (attrition model).",
        ),
        _model(
            "bargaining.position",
            "numeric",
            [Arg("issue", "text"), _opt("model", "text", "bdm")],
            "A bargaining model's forecast position on the issue (0-100).",
        ),
        _model(
            "exposure.rank",
            "numeric",
            [Arg("actor", "code")],
            "The actor's rank by exposure to Russia (1 = most exposed).",
        ),
        _model(
            "directions.rank",
            "numeric",
            [Arg("direction", "text")],
            "The direction's rank among Russia's next directions (1 = first).",
        ),
        _model("frontier.length", "numeric", [], "Russia's land border with NATO members (km)."),
    )
}


def window_end(args: Mapping[str, Any]) -> pd.Timestamp | None:
    """The last day a target's arguments look at (``on``, ``by`` or the period's day)."""
    for name in WINDOW_END:
        if name in args:
            return q.period_day(args[name])
    return None
