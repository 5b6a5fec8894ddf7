"""``postsoviet world show``'s table: every fact about one actor, its number formatted with its
unit, and its sources listed below the table, each on a line of its own with its full URL.

A terminal narrower than a URL would otherwise squeeze it to ``https://data...`` inside a table
cell; a line of its own is never folded (the terminal wraps it, copy and paste still work).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from rich.console import Console

from postsoviet.cli import render

if TYPE_CHECKING:
    import pandas as pd

# World.facts names an attribute "<variable> (<unit>)".
_WITH_UNIT = re.compile(r"^(?P<name>.+) \((?P<unit>[^()]+)\)$")
_UNITS = {"score_0_100": "of 100", "text": ""}
BILLION = 1e9


def number(text: str, unit: str = "") -> str:
    """A fact's value for people: thousands separators, four significant digits, then the unit.

    From a billion on, in billions (``197.1 bn USD``); a fraction as a percentage; text that is
    not a number as it is.
    """
    try:
        value = float(text)
    except ValueError:
        return text
    if not math.isfinite(value):
        return text
    if unit == "fraction":
        return f"{100 * value:.3g}%"
    if abs(value) >= BILLION:
        shown = f"{value / BILLION:,.4g} bn"
    elif value.is_integer():
        shown = f"{int(value):,}"
    else:
        shown = f"{value:,.4g}"
    label = _UNITS.get(unit, unit)
    return f"{shown} {label}" if label else shown


def _split(fact: str) -> tuple[str, str]:
    match = _WITH_UNIT.match(fact)
    return (match["name"], match["unit"]) if match else (fact, "")


def show_facts(console: Console, facts: pd.DataFrame, title: str) -> None:
    """Print ``facts`` (:meth:`postsoviet.world.World.facts`) as a table and a list of sources."""
    sources: dict[str, str] = {}
    for idents, urls in zip(facts["source"], facts["url"], strict=True):
        for ident, url in zip(idents.split(";"), urls.split("; "), strict=False):
            sources.setdefault(ident.strip(), url.strip())
    numbers = {ident: i for i, ident in enumerate(sources, start=1)}
    names, values = [], []
    for fact, value in zip(facts["fact"], facts["value"], strict=True):
        name, unit = _split(fact)
        names.append(name)
        values.append(number(value, unit))
    shown = facts.assign(
        fact=names,
        value=values,
        source=[" ".join(f"[{numbers[i.strip()]}]" for i in s.split(";")) for s in facts["source"]],
    ).drop(columns="url")
    render.show(console, render.table(shown, title=title, headers={"source": "sources"}))
    console.print("Sources:", markup=False, highlight=False)
    for ident, url in sources.items():
        line = f"[{numbers[ident]}] {ident}: {url or '(no URL: judgment)'}"
        console.print(line, markup=False, highlight=False, soft_wrap=True)
