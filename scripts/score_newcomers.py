"""Score the event model on actors outside a kind's record (docs/forecasting.md, "Newcomers to a kind").

The generated history asks about the actors that took part in a kind; this asks about the others. Each
1 January from 2004 to 2024, for every event kind with a record, it asks whether each actor that never took
part in the kind takes part within one and two years, and whether a pair with such an actor does (one pair
in twelve, chosen by a hash, so the same pairs every year). Prints the share of yes, the mean raw answer, the
Brier score and the ranking (AUC) for single actors and for pairs.

    .venv/bin/python scripts/score_newcomers.py
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from postsoviet import load_world
from postsoviet.forecasts.backtest import history_frame
from postsoviet.forecasts.history import generate
from postsoviet.models.event_hazard.facts import Facts
from postsoviet.world import World

# Kinds answered by a model of their own (elections) or written by the scenarios, and rows of no kind.
LEFT_OUT = {"other", "election", "merger", "succession"}
PAIR_SAMPLE = 12
# What a script asks on a cutoff: (quantity, arguments) for a window closing on ``end``.
Poses = Callable[[Facts, pd.Timestamp, pd.Timestamp], Iterator[tuple[str, dict]]]


def outsiders(facts: Facts, day: pd.Timestamp, end: pd.Timestamp) -> Iterator[tuple[str, dict]]:
    """``event.occurs`` for each kind and each actor (and sampled pair) outside its record on ``day``."""
    taken: dict[str, set[str]] = {}
    for h in facts.events:
        if h.day <= day and h.kind not in LEFT_OUT:
            taken.setdefault(h.kind, set()).update(h.actors)
    actors = sorted(facts.actors)
    for kind, inside in sorted(taken.items()):
        for actor in actors:
            if actor not in inside:
                yield "event.occurs", {"kind": kind, "actors": [actor], "by": end}
        for pair in itertools.combinations(actors, 2):
            if (
                set(pair) <= inside
                or zlib.crc32(f"{kind}{pair[0]}{pair[1]}".encode()) % PAIR_SAMPLE
            ):
                continue
            yield "event.occurs", {"kind": kind, "actors": list(pair), "by": end}


def auc(p: np.ndarray, y: np.ndarray) -> float:
    """The probability that a yes is ranked above a no (ties count half): Mann-Whitney."""
    ranks = pd.Series(p).rank().to_numpy()
    yes = int(y.sum())
    no = len(y) - yes
    return float((ranks[y == 1].sum() - yes * (yes + 1) / 2) / (yes * no))


def yearly_questions(world: World, poses: Poses) -> tuple[list, pd.DataFrame]:
    """The questions ``poses`` asks each 1 January from 2004 to 2024 over one and two years,
    resolved, and their frame of raw answers and outcomes (no baselines)."""
    resolved = generate(
        world, pd.Timestamp("2004-01-01"), pd.Timestamp("2024-07-01"), (1.0, 2.0), months=12,
        poses=poses,
    )  # fmt: skip
    return resolved, history_frame(world, resolved, baselines=False)


def main() -> None:
    resolved, frame = yearly_questions(load_world(), outsiders)
    size = {r.target.id: len(r.target.args["actors"]) for r in resolved}
    frame["actors"] = frame["id"].map(size)
    for n, label in ((1, "one actor"), (2, "a pair")):
        part = frame[frame["actors"] == n]
        p, y = part["raw"].to_numpy(), part["outcome"].to_numpy()
        print(
            f"{label}: {len(part)} questions, yes {y.mean():.4f}, mean p {p.mean():.4f}, "
            f"Brier {np.mean((p - y) ** 2):.5f}, AUC {auc(p, y):.4f}"
        )


if __name__ == "__main__":
    main()
