"""Read the ISO 3166-2 subdivisions a control question may name beyond the world's regions.

``data/reference/subdivisions.csv`` lists the first-level subdivisions (regions, provinces,
counties, municipalities, cities of region rank) of the fifteen former Soviet republics, Poland and
Finland, as ISO 3166-2 codes them, from the ``iso-codes`` database shipped with pycountry 24.6.1
(LGPL-2.1; source and exclusions in ``data/reference/README.md``). Each is held whole by its state
through the observed history: the subdivisions where another controller held ground since 1991
(Karabakh and the districts around it, South Ossetia's and Abkhazia's, Transnistria's, Armenia's
border regions, Chechnya) are left out, so a question about one of them stays unanswered rather
than answered as if nothing happened there.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from postsoviet.errors import DataError, Problem

SUBDIVISIONS_FILE = Path(__file__).resolve().parent / "reference" / "subdivisions.csv"
SUBDIVISION_COLUMNS = ("code", "name", "type", "state")


@lru_cache(maxsize=1)
def read_subdivisions(path: str | Path = SUBDIVISIONS_FILE) -> pd.DataFrame:
    """The subdivisions: ``code`` (e.g. ``KZ-23``), ``name``, ``type`` and ``state`` (ISO3).

    A missing column or a code that is not ``XX-...`` of its state is an error naming the row.
    """
    file = Path(path)
    table = pd.read_csv(file, dtype=str, keep_default_na=False)
    label = str(file)
    missing = [c for c in SUBDIVISION_COLUMNS if c not in table.columns]
    if missing:
        raise DataError(
            [
                Problem(label, None, c, f"missing column; expected {SUBDIVISION_COLUMNS}")
                for c in missing
            ]
        )
    problems = [
        Problem(
            label,
            row,
            "code",
            f"{code!r} of state {state!r}; expected an ISO 3166-2 code "
            "such as KZ-23 and its state's ISO3 code",
        )
        for row, (code, state) in enumerate(
            zip(table["code"], table["state"], strict=True), start=2
        )
        if "-" not in code or len(state) != 3
    ]
    if problems:
        raise DataError(problems)
    return table
