"""One result type for every model: tidy records ``quantity, keys, value, unit``.

A record's ``keys`` is a canonical text of the quantity's arguments: ``name=value`` pairs in the
order the quantity declares them, joined by ``;`` (``issue=ukraine-settlement;model=bdm;on=2030-12-31``,
``on=2030-12-31`` alone for a quantity of one argument). Dates are ISO days, integers plain digits,
text as given. One string column keeps the table long and tidy whatever the arguments, and stays
readable and sortable; :func:`parse_keys` turns it back into a mapping.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.errors import ModelInputError

COLUMNS = ("quantity", "keys", "value", "unit")


def key_text(value: Any) -> str:
    """The canonical text of one argument value: an ISO day, plain digits, or the text itself."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        day = pd.Timestamp(value)
        return f"{day:%Y-%m-%d}" if day.tzinfo is not None else _day_text(day.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | np.bool_):
        raise ModelInputError(f"key value {value!r}: expected a date, an integer or text")
    if isinstance(value, int | np.integer):
        return str(int(value))
    text = str(value)
    if not text or ";" in text or "=" in text:
        raise ModelInputError(f"key value {text!r}: expected non-empty text without ';' or '='")
    return text


@functools.lru_cache(maxsize=4096)
def _day_text(nanoseconds: int) -> str:
    # A result labels many records with the same few days, and formatting a Timestamp is slow:
    # remembered by the naive Timestamp's value (nanoseconds since the epoch).
    return f"{pd.Timestamp(nanoseconds):%Y-%m-%d}"


def keys_of(args: Sequence[str], values: Mapping[str, Any]) -> str:
    """``name=value;...`` of ``values`` in the order of ``args`` (every argument required)."""
    missing = [a for a in args if a not in values]
    extra = sorted(set(values) - set(args))
    if missing or extra:
        raise ModelInputError(
            f"argument {(missing or extra)[0]!r}: expected exactly the arguments {list(args)}, "
            f"got {sorted(values)}"
        )
    return ";".join(f"{a}={key_text(values[a])}" for a in args)


def parse_keys(keys: str) -> dict[str, str]:
    """The inverse of :func:`keys_of`: ``{name: text}``."""
    if not keys:
        return {}
    return dict(part.split("=", 1) for part in keys.split(";"))


@dataclass(frozen=True)
class Record:
    """One value of one quantity: ``value`` a float, or text for a categorical quantity."""

    quantity: str
    keys: str
    value: float | str
    unit: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: a non-finite number becomes ``None``."""
        value = self.value
        if isinstance(value, float) and not math.isfinite(value):
            value = None
        return {"quantity": self.quantity, "keys": self.keys, "value": value, "unit": self.unit}


@dataclass(frozen=True)
class ModelResult:
    """What a registered model returns: its name and tidy records.

    ``detail`` keeps the model's own, richer result (e.g. a
    :class:`~postsoviet.models.integration_ladder.LadderForecast`) for faces that show more than the
    records; it takes no part in equality, :meth:`to_df` or :meth:`to_dict`.
    """

    model: str
    records: tuple[Record, ...]
    detail: Any = field(default=None, compare=False, repr=False)

    def to_df(self) -> pd.DataFrame:
        """The records as a long table ``quantity, keys, value, unit`` (record order)."""
        return pd.DataFrame(
            [(r.quantity, r.keys, r.value, r.unit) for r in self.records], columns=list(COLUMNS)
        )

    def to_dict(self) -> dict[str, Any]:
        """``{"model": name, "records": [{"quantity", "keys", "value", "unit"}, ...]}``."""
        return {"model": self.model, "records": [r.to_dict() for r in self.records]}

    def to_json(self) -> str:
        """:meth:`to_dict` as canonical JSON (sorted keys, no spaces): same result, same bytes."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), allow_nan=False)

    @property
    def quantities(self) -> tuple[str, ...]:
        """The quantities present, in first-seen order."""
        return tuple(dict.fromkeys(r.quantity for r in self.records))

    def value(self, quantity: str, **args: Any) -> float | str:
        """The value of ``quantity`` at ``args`` (e.g. ``value("ladder.rung_at_least", rung=2,
        on="2030-12-31")``).

        Raises
        ------
        ModelInputError
            Naming ``quantity`` when the result has no such quantity, or the arguments when it has
            no record at them.
        """
        wanted = {name: key_text(v) for name, v in args.items()}
        found = [r for r in self.records if r.quantity == quantity]
        if not found:
            raise ModelInputError(
                f"argument 'quantity': model '{self.model}' has no quantity '{quantity}': "
                f"expected one of {list(self.quantities)}"
            )
        for record in found:
            if parse_keys(record.keys) == wanted:
                return record.value
        raise ModelInputError(
            f"arguments {wanted}: no record of '{quantity}' there; e.g. {found[0].keys!r}"
        )


def records(
    quantity: str, args: Sequence[str], unit: str, rows: Iterable[tuple[Mapping[str, Any], Any]]
) -> list[Record]:
    """Records of one quantity from ``(argument values, value)`` pairs."""
    out = []
    for values, value in rows:
        number = value if isinstance(value, str) else float(value)
        out.append(Record(quantity, keys_of(args, values), number, unit))
    return out
