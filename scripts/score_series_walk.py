"""Score the series walk on what happened to the world's annual GDP, military spending and population.

Each 15 July from 2002 to 2022, for every actor with a known value, the walk is asked whether the value of
year Y+h (h = 1, 2, 3, Y the cutoff's year) exceeds 0.9, 1, 1.1 and 1.25 times the last value known on the
cutoff; the answer is the share of 1,000 draws above it, the outcome the value the world holds now. Prints
the Brier score per threshold and overall (docs/forecasting.md, "Series with drift").

    .venv/bin/python scripts/score_series_walk.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from postsoviet import load_world
from postsoviet.forecasts.numeric import series_draws
from postsoviet.models.event_hazard.facts import facts_of

VARIABLES = ("gdp_usd", "milex_usd", "population")
THRESHOLDS = (0.9, 1.0, 1.1, 1.25)
HORIZONS = (1, 2, 3)
YEARS = range(2002, 2023)


def annual_cases(variables: tuple[str, ...], years: range = YEARS):
    """Each 15 July of ``years``, every (variable, subject) of ``variables`` with a value known that
    day: ``(cutoff, facts, name, subject, points, values)``, the vintage's facts, the points it
    knows and every value of the variable the world holds now (by year)."""
    world = load_world()
    truth = facts_of(world)
    for year in years:
        cutoff = pd.Timestamp(year=year, month=7, day=15)
        facts = facts_of(world.known_on(cutoff))
        for (name, subject), points in facts.attributes.items():
            if name in variables and points:
                values = dict(truth.attributes[(name, subject)])
                yield cutoff, facts, name, subject, points, values


def score(draws: int = 1000, seed: int = 1) -> pd.DataFrame:
    """One row per question: variable, threshold, p and outcome."""
    rng = np.random.default_rng(seed)
    rows = []
    for cutoff, facts, name, subject, points, values in annual_cases(VARIABLES):
        year = cutoff.year
        last = max(points)[1]
        for horizon in HORIZONS:
            period = year + horizon
            if period not in values:
                continue
            args = {"series": name, "subject": subject, "counterpart": "", "period": period}
            sample = series_draws(facts, args, cutoff, draws, rng)
            for ratio in THRESHOLDS:
                p = float(np.mean(sample > last * ratio))
                rows.append((name, ratio, p, float(values[period] > last * ratio)))
    table = pd.DataFrame(rows, columns=["variable", "threshold", "p", "outcome"])
    return table.assign(brier=(table["p"] - table["outcome"]) ** 2)


if __name__ == "__main__":
    table = score()
    print(table.groupby("threshold")["brier"].mean().round(4).to_string())
    print(table.groupby("variable")["brier"].mean().round(4).to_string())
    print(f"all: {table['brier'].mean():.4f} on {len(table):,} questions (flat 0.25)")
