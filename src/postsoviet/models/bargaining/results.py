"""What the bargaining models return: one record per round, frozen, with tidy DataFrame views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.models.bargaining.actors import FloatArray


@dataclass(frozen=True)
class Round:
    """The actors' positions after a round, with their weighted median and mean.

    Round 0 holds the input positions.
    """

    round: int
    positions: FloatArray
    median: float
    mean: float


@dataclass(frozen=True)
class BdmRound(Round):
    """A round of the expected-utility model with the dyadic assessment made at its positions.

    The assessment is the one that moves the actors to the next round. Index ``[i, j]`` reads
    "actor i about actor j".

    Attributes
    ----------
    risk
        Each actor's risk exponent r_i from the second pass (Scholz et al. 2011, section 5).
    probability
        P_ij, the probability that i wins a contest against j (section 4).
    eu_challenge
        E^i(U_ij): i's expected utility of challenging j, as i sees it (equation 1).
    eu_perceived
        E^i(U_ji): j's expected utility of challenging i, as i sees it (i's risk exponent).
        The pair (eu_challenge[i, j], eu_perceived[i, j]) places j in i's quadrant figure.
    """

    risk: FloatArray
    probability: FloatArray
    eu_challenge: FloatArray
    eu_perceived: FloatArray


@dataclass(frozen=True)
class BargainingResult:
    """The rounds of one model run on one issue, and its forecast.

    Attributes
    ----------
    model
        The model's registry name: ``"bdm"``, ``"mean"`` or ``"median"``.
    actors
        Actor names, in input order; every array in :attr:`rounds` follows this order.
    rounds
        Round 0 (the input) first. The static models (mean, median) have only round 0.
    forecast
        The model's predicted outcome on the issue's scale.
    """

    model: str
    actors: tuple[str, ...]
    rounds: tuple[Round, ...]
    forecast: float

    def to_df(self) -> pd.DataFrame:
        """One row per round and actor: ``round, actor, position``."""
        return pd.DataFrame(
            {
                "round": np.repeat([r.round for r in self.rounds], len(self.actors)),
                "actor": list(self.actors) * len(self.rounds),
                "position": np.concatenate([r.positions for r in self.rounds]),
            }
        )

    def summary_df(self) -> pd.DataFrame:
        """One row per round: ``round, median, mean``."""
        return pd.DataFrame(
            {
                "round": [r.round for r in self.rounds],
                "median": [r.median for r in self.rounds],
                "mean": [r.mean for r in self.rounds],
            }
        )

    def dyads_df(self) -> pd.DataFrame:
        """One row per round and ordered pair of distinct actors, with every dyadic quantity.

        Columns: ``round, actor, other, probability, eu_challenge, eu_perceived`` where ``actor``
        is i and ``other`` is j as in :class:`BdmRound`. Empty for the static models.
        """
        columns = ["round", "actor", "other", "probability", "eu_challenge", "eu_perceived"]
        rows = [r for r in self.rounds if isinstance(r, BdmRound)]
        if not rows:
            return pd.DataFrame(columns=columns)
        n = len(self.actors)
        i, j = np.nonzero(~np.eye(n, dtype=bool))
        names = np.array(self.actors, dtype=object)
        frames = [
            pd.DataFrame(
                {
                    "round": r.round,
                    "actor": names[i],
                    "other": names[j],
                    "probability": r.probability[i, j],
                    "eu_challenge": r.eu_challenge[i, j],
                    "eu_perceived": r.eu_perceived[i, j],
                }
            )
            for r in rows
        ]
        return pd.concat(frames, ignore_index=True)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape: model, rounds (round, median, mean, positions by actor), forecast."""
        return {
            "model": self.model,
            "rounds": [
                {
                    "round": r.round,
                    "median": float(r.median),
                    "mean": float(r.mean),
                    "positions": {
                        name: float(x) for name, x in zip(self.actors, r.positions, strict=True)
                    },
                }
                for r in self.rounds
            ],
            "forecast": float(self.forecast),
        }
