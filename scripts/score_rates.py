"""Score the draws of annual rates (GDP growth, inflation) on what happened.

Each 15 July from 2002 to 2022, for every actor with a value known that day, the project is asked
whether the rate of year Y, Y+1 and Y+2 (Y the cutoff's year; the last value known is of Y-1)
exceeds fixed thresholds: growth -2, 0, 2 and 5 %, inflation 3, 5, 10 and 20 %. The answer is the
share of 2,000 draws above the threshold (:func:`postsoviet.forecasts.numeric.series_draws`), the
outcome the value the world holds now. Printed beside it: the last known value carried forward
(0.8 or 0.2, the persistence baseline) and a coin (docs/forecasting.md, "Rates").

    .venv/bin/python scripts/score_rates.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from postsoviet import load_world
from postsoviet.forecasts.numeric import series_draws
from postsoviet.models.event_hazard.facts import facts_of

THRESHOLDS = {"gdp_growth_pct": (-2.0, 0.0, 2.0, 5.0), "inflation_cpi_pct": (3.0, 5.0, 10.0, 20.0)}
YEARS = range(2002, 2023)


def score(draws: int = 2000, seed: int = 1) -> pd.DataFrame:
    """One row per question: variable, years ahead of the last known value, p, outcome."""
    world = load_world()
    truth = facts_of(world)
    rng = np.random.default_rng(seed)
    rows = []
    for year in YEARS:
        cutoff = pd.Timestamp(year=year, month=7, day=15)
        facts = facts_of(world.known_on(cutoff))
        for (name, subject), points in facts.attributes.items():
            if name not in THRESHOLDS or not points:
                continue
            last_year, last = max(points)
            values = dict(truth.attributes[(name, subject)])
            for period in (year, year + 1, year + 2):
                if period not in values:
                    continue
                args = {"series": name, "subject": subject, "counterpart": "", "period": period}
                sample = series_draws(facts, args, cutoff, draws, rng)
                for threshold in THRESHOLDS[name]:
                    outcome = float(values[period] > threshold)
                    persistence = 0.8 if last > threshold else 0.2
                    p = float(np.mean(sample > threshold))
                    rows.append((name, period - last_year, p, persistence, outcome))
    table = pd.DataFrame(rows, columns=["variable", "ahead", "p", "persistence", "outcome"])
    return table.assign(
        project=(table["p"] - table["outcome"]) ** 2,
        last_value=(table["persistence"] - table["outcome"]) ** 2,
    )


if __name__ == "__main__":
    table = score()
    columns = ["project", "last_value"]
    print(table.groupby(["variable", "ahead"])[columns].mean().round(4).to_string())
    print(table.groupby("variable")[columns].mean().round(4).to_string())
    print(f"all: {table['project'].mean():.4f} on {len(table):,} questions (flat 0.25)")
