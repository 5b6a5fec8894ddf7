"""Score the IMF's interim WEO Updates as centres of Russia's growth questions.

On the 15th of February, March, August and September of 2009 to 2025, Russia's real GDP growth of the
asked year and the next is read as a normal distribution: centre the latest IMF projection known that
day, spread the projection's own error record (``forecasts/projections.py``). It is read twice, from the
vintage as it is and from the same vintage without its Update rows, and each is scored against the value
the world holds now by the continuous ranked probability score of a normal (Gneiting & Raftery 2007,
JASA 102(477), eq. 21):

    CRPS(N(mu, s), x) = s * (z * (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)),   z = (x - mu) / s

and by the log density. The project's own draws resample the record's errors about the centre (since
the twenty-ninth session); a normal of the same spread is used here so that the two readings differ in
their centre alone. Prints the questions whose centre is an Update and the means over them
(docs/forecasting.md, the twenty-eighth session's section).

    .venv/bin/python scripts/score_updates.py
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
from scipy.stats import norm

from postsoviet import load_world
from postsoviet.forecasts.projections import latest_projection, projection_spread
from postsoviet.models.event_hazard.facts import Facts, facts_of

SUBJECT = "RUS"
SERIES = "gdp_growth_pct"
YEARS = range(2009, 2026)
MONTHS = (2, 3, 8, 9)


def normal_crps(centre: float, spread: float, value: float) -> float:
    """CRPS of N(centre, spread**2) at ``value`` (Gneiting & Raftery 2007, eq. 21)."""
    z = (value - centre) / spread
    return spread * (z * (2 * norm.cdf(z) - 1) + 2 * norm.pdf(z) - 1 / math.sqrt(math.pi))


def without_updates(facts: Facts) -> Facts:
    """The same facts with the interim Update rows dropped (and nothing derived from them kept)."""
    rows = facts.projection_rows
    return dataclasses.replace(facts, projection_rows=rows[rows["release"] != "update"], derived={})


def centre_and_spread(
    facts: Facts, args: dict, day: pd.Timestamp
) -> tuple[float, float, bool] | None:
    """The projection's centre, its spread and whether the centre is an Update; None if either is missing."""
    latest = latest_projection(facts, args, day)
    spread = projection_spread(facts, args, day)
    if latest is None or spread is None:
        return None
    return latest.value, spread, latest.update


def score() -> pd.DataFrame:
    """One row per question read both ways: the day, the period, the outcome, and each reading's
    centre, CRPS and log density."""
    world = load_world()
    growth = world.attributes
    growth = growth[(growth["variable"] == SERIES) & (growth["iso3"] == SUBJECT)]
    outcome = {int(row.year): float(row.value) for row in growth.itertuples()}
    rows = []
    for year in YEARS:
        for month in MONTHS:
            day = pd.Timestamp(year=year, month=month, day=15)
            facts = facts_of(world.known_on(day))
            for period in (year, year + 1):
                if period not in outcome:
                    continue
                args = {"series": SERIES, "subject": SUBJECT, "counterpart": "", "period": period}
                with_them = centre_and_spread(facts, args, day)
                without = centre_and_spread(without_updates(facts), args, day)
                if with_them is None or without is None:
                    continue
                value = outcome[period]
                rows.append(
                    {
                        "day": day.date(),
                        "period": period,
                        "outcome": value,
                        "update": with_them[2],
                        "centre_after": with_them[0],
                        "centre_before": without[0],
                        "crps_after": normal_crps(with_them[0], with_them[1], value),
                        "crps_before": normal_crps(without[0], without[1], value),
                        "log_after": float(norm.logpdf(value, with_them[0], with_them[1])),
                        "log_before": float(norm.logpdf(value, without[0], without[1])),
                    }
                )
    return pd.DataFrame(rows)


if __name__ == "__main__":
    table = score()
    moved = table[table["update"]]
    pd.set_option("display.width", 200)
    print(moved.round(2).to_string(index=False))
    print(f"questions whose centre is an Update: {len(moved)} of {len(table)}")
    for reading in ("before", "after"):
        error = (moved["outcome"] - moved[f"centre_{reading}"]).abs().mean()
        print(
            f"{reading}: CRPS {moved[f'crps_{reading}'].mean():.3f}, "
            f"log density {moved[f'log_{reading}'].mean():.3f}, "
            f"mean absolute error of the centre {error:.2f}"
        )
