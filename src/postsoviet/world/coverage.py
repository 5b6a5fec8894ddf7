"""How complete the world data is: values held, how they are sourced, and what is missing.

Missing is better than guessed, so gaps are expected; this module makes them visible.
"""

from __future__ import annotations

import pandas as pd

from postsoviet.data import STATE_VARIABLES, TABLES
from postsoviet.world.world import World

# Variables observed every year: the world should hold 2021 (the essay's baseline) and a later year.
SERIES_VARIABLES = ("population", "gdp_usd", "milex_usd", "freedom_house_total")
BASELINE_YEAR = 2021


def value_counts(world: World) -> pd.DataFrame:
    """Per file: ``rows`` (one fact each), how many cite a source, how many are ``judgment``."""
    records = []
    for name, table in TABLES.items():
        frame = getattr(world, name)
        if "source" not in frame.columns:
            continue
        judgment = int((frame["source"] == "judgment").sum())
        records.append(
            {
                "file": table.filename,
                "rows": len(frame),
                "sourced": len(frame) - judgment,
                "judgment": judgment,
            }
        )
    return pd.DataFrame.from_records(records)


def missing_attributes(world: World) -> pd.DataFrame:
    """Each ``iso3, variable, wanted`` the attributes lack.

    ``wanted`` is ``any year`` for variables measured once (census shares, reserves), and
    ``2021`` or ``after 2021`` for the yearly series in :data:`SERIES_VARIABLES`.
    """
    held = world.attributes.groupby(["iso3", "variable"])["year"].agg(set).to_dict()
    rows = []
    for iso3 in world.actors["iso3"]:
        for variable in STATE_VARIABLES:
            years = held.get((iso3, variable), set())
            if variable not in SERIES_VARIABLES:
                if not years:
                    rows.append((iso3, variable, "any year"))
                continue
            if BASELINE_YEAR not in years:
                rows.append((iso3, variable, str(BASELINE_YEAR)))
            if not any(year > BASELINE_YEAR for year in years):
                rows.append((iso3, variable, f"after {BASELINE_YEAR}"))
    return pd.DataFrame(rows, columns=["iso3", "variable", "wanted"])
