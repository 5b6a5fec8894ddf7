"""The parts a report page is made of: titled tables and sections, the same for every format."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Table:
    """A titled table (``collapsed``: shown folded, behind its title)."""

    title: str
    frame: pd.DataFrame
    collapsed: bool = False


@dataclass(frozen=True)
class Section:
    """One section of the report (``collapsed``: its body folded under the heading)."""

    id: str
    title: str
    text: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    collapsed: bool = False
