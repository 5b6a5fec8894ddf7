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
from score_series_walk import annual_cases

from postsoviet.forecasts.numeric import series_draws

THRESHOLDS = {"gdp_growth_pct": (-2.0, 0.0, 2.0, 5.0), "inflation_cpi_pct": (3.0, 5.0, 10.0, 20.0)}


def score(draws: int = 2000, seed: int = 1) -> pd.DataFrame:
    """One row per question: variable, years ahead of the last known value, p, outcome."""
    rng = np.random.default_rng(seed)
    rows = []
    for cutoff, facts, name, subject, points, values in annual_cases(tuple(THRESHOLDS)):
        last_year, last = max(points)
        for period in (cutoff.year, cutoff.year + 1, cutoff.year + 2):
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
