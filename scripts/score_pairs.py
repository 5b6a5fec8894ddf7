"""Score the event model on pairs that acted together in a kind before (docs/forecasting.md, "Pairs").

The generated history asks about single actors; the questions people ask about events name pairs
(Russia and Ukraine agree a ceasefire; Armenia and Azerbaijan clash). Each 1 January from 2004 to 2024,
for every event kind with a record, this asks whether each pair that took part together in an event of
the kind with at most :data:`MAX_ACTORS` actors (a dyad, or a dyad with its mediator) does so again
within one and two years. Prints the share of yes, the mean answer, the Brier score and the ranking
(AUC) of the raw answers, of the answers calibrated by the event map that the generated history (single
actors and whole kinds) had fitted by each cutoff, and of the persistence baseline (0.8 when the pair
acted together in the year before, 0.2 if not).

    .venv/bin/python scripts/score_pairs.py
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pandas as pd
from score_newcomers import (  # the kinds left out, the questions and the ranking, as for outsiders
    LEFT_OUT,
    auc,
    yearly_questions,
)

from postsoviet import load_world
from postsoviet.forecasts.backtest import history_frame
from postsoviet.forecasts.calibration import fit_calibration
from postsoviet.forecasts.forecast import P_MIN
from postsoviet.forecasts.history import FIRST, generate
from postsoviet.models.event_hazard.facts import Facts, facts_of

# Events naming more actors than this are coalitions (a MID side, a UCDP conflict's allies): their
# pairs are not the dyads anyone asks about.
MAX_ACTORS = 3
YEAR = pd.Timedelta(days=365)


def seen_pairs(facts: Facts, day: pd.Timestamp, end: pd.Timestamp) -> Iterator[tuple[str, dict]]:
    """``event.occurs`` for each kind and each pair seen together in it (small events) by ``day``."""
    pairs: dict[str, set[tuple[str, str]]] = {}
    for h in facts.events:
        if h.day <= day and h.kind not in LEFT_OUT and len(h.actors) <= MAX_ACTORS:
            pairs.setdefault(h.kind, set()).update(itertools.combinations(sorted(h.actors), 2))
    for kind, seen in sorted(pairs.items()):
        for pair in sorted(seen):
            yield "event.occurs", {"kind": kind, "actors": list(pair), "by": end}


def recent(facts: Facts, kind: str, pair: tuple[str, ...], day: pd.Timestamp) -> bool:
    """Whether the pair took part together in an event of the kind in the year up to ``day``."""
    return any(
        h.kind == kind and set(pair) <= h.actors and day - YEAR < h.day <= day for h in facts.events
    )


def calibrated(world, frame: pd.DataFrame) -> np.ndarray:
    """The raw answers mapped, at each cutoff, by the calibration fitted on the generated event
    targets closed by then (:func:`~postsoviet.forecasts.backtest.rolling_calibration`'s rule)."""
    events = [r for r in generate(world, FIRST) if r.target.quantity.family == "event"]
    history = history_frame(world, events, baselines=False)
    mapped = frame["raw"].to_numpy(copy=True)
    for cutoff, index in frame.groupby("cutoff").groups.items():
        past = history[(history["end"] <= cutoff) & history["hazard"]]
        if past.empty:
            continue
        calibration = fit_calibration(
            list(past["quantity"]), past["raw"].to_numpy(), past["outcome"].to_numpy()
        )
        for position in index:
            row = frame.index.get_loc(position)
            raw = frame.at[position, "raw"]
            label = frame.at[position, "quantity"]
            mapped[row] = np.clip(calibration.apply(label, raw), P_MIN, 1 - P_MIN)
    return mapped


def main() -> None:
    world = load_world()
    resolved, frame = yearly_questions(world, seen_pairs)
    facts = facts_of(world)
    persistence = {
        r.target.id: 0.8
        if recent(facts, r.target.args["kind"], tuple(r.target.args["actors"]), r.target.asked_on)
        else 0.2
        for r in resolved
    }
    frame["persistence"] = frame["id"].map(persistence)
    frame["calibrated"] = calibrated(world, frame)
    y = frame["outcome"].to_numpy()
    print(f"{len(frame)} questions, yes {y.mean():.4f}")
    for column in ("raw", "calibrated", "persistence"):
        p = frame[column].to_numpy()
        print(
            f"  {column}: mean p {p.mean():.4f}, Brier {np.mean((p - y) ** 2):.5f}, "
            f"AUC {auc(p, y):.4f}"
        )


if __name__ == "__main__":
    main()
