"""How complete the world data is: values held, how they are sourced, and what is missing.

Missing is better than guessed, so gaps are expected; this module makes them visible.
"""

from __future__ import annotations

from collections.abc import Mapping

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


def _cited(frame: pd.DataFrame) -> pd.Series:
    """Each row's cited source ids (``;``-separated in ``source``), one per line of the result."""
    return frame["source"].astype("string").str.split(";").explode().str.strip()


def event_counts(world: World) -> pd.DataFrame:
    """Per event kind: ``rows``, ``sources`` cited, ``actors`` involved, ``first`` and ``last`` day."""
    events = world.events
    cited = _cited(events)
    actors = events["actors"].astype("string").str.split(";").explode().str.strip()
    frame = events.groupby("kind").agg(
        rows=("id", "size"), first=("date", "min"), last=("date", "max")
    )
    frame["sources"] = cited.groupby(events["kind"].loc[cited.index]).nunique()
    frame["actors"] = actors.groupby(events["kind"].loc[actors.index]).nunique()
    frame = frame.reset_index().sort_values(["rows", "kind"], ascending=[False, True])
    for column in ("first", "last"):
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return frame[["kind", "rows", "sources", "actors", "first", "last"]].reset_index(drop=True)


def event_sources(world: World) -> pd.DataFrame:
    """Per source cited by events: ``rows`` citing it, the ``kinds`` it gives, and its ``tier``."""
    events = world.events
    cited = _cited(events)
    frame = pd.DataFrame({"source": cited, "kind": events["kind"].loc[cited.index]})
    counts = frame.groupby("source").agg(rows=("kind", "size"), kinds=("kind", "nunique"))
    tiers = world.sources.set_index("id")["tier"] if "tier" in world.sources else pd.Series()
    counts["tier"] = counts.index.map(tiers).fillna("") if len(tiers) else ""
    counts.loc[counts.index == "judgment", "tier"] = "judgment"
    counts = counts.reset_index().sort_values(["rows", "source"], ascending=[False, True])
    return counts.reset_index(drop=True)


TIER_ORDER = ("primary", "secondary", "tertiary", "untiered", "judgment")


def best_tier(cited: str, tiers: Mapping[str, str]) -> str:
    """The best tier among a row's ``;``-separated sources: primary, secondary, tertiary, then
    ``untiered`` (a source without a tier) and ``judgment`` (no source, the analyst's reasoning)."""
    names = [
        "judgment" if s.strip() == "judgment" else tiers.get(s.strip()) or "untiered"
        for s in cited.split(";")
    ]
    return min(names, key=TIER_ORDER.index)


def tier_shares(world: World) -> pd.DataFrame:
    """Sources and facts by tier: ``sources`` listed, ``facts`` (rows) and their shares.

    A fact (a row of any sourced table) counts under the best tier among the sources it cites
    (:func:`best_tier`), so the shares add up to 1.
    """
    sources = world.sources
    column = sources["tier"] if "tier" in sources else pd.Series("", index=sources.index)
    tiers = dict(zip(sources["id"], column.fillna("").replace("", "untiered"), strict=True))
    facts = pd.Series(
        [
            best_tier(cited, tiers)
            for name in TABLES
            if name != "sources" and "source" in getattr(world, name).columns
            for cited in getattr(world, name)["source"].astype("string").fillna("judgment")
        ],
        dtype="string",
    ).value_counts()
    listed = pd.Series(list(tiers.values()), dtype="string").value_counts()
    frame = pd.DataFrame(
        {
            "tier": TIER_ORDER,
            "sources": [int(listed.get(t, 0)) for t in TIER_ORDER],
            "facts": [int(facts.get(t, 0)) for t in TIER_ORDER],
        }
    )
    frame["source_share"] = frame["sources"] / frame["sources"].sum()
    frame["fact_share"] = frame["facts"] / frame["facts"].sum()
    return frame


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
