"""Result values of the landscape model: stable configurations and the landscape they belong to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

DYNAMIC = "steepest descent"


@dataclass(frozen=True)
class Configuration:
    """One stable configuration (a local minimum of the energy under single-actor moves).

    Attributes
    ----------
    labels : tuple of int
        Coalition of each actor, numbered by first appearance (actor 0 is in coalition 0).
    energy : float
        ``E(X)``, summed over ordered pairs (eq. 3 p. 214).
    basin : int or None
        Configurations whose steepest descent ends here (exact), or restarts that ended here
        (heuristic); ``None`` when basins were not computed.
    basin_share : float or None
        ``basin`` divided by the configurations (or restarts) examined.
    is_global : bool
        True when no configuration has a lower energy (ties within tolerance are all global).
    """

    labels: tuple[int, ...]
    energy: float
    basin: int | None
    basin_share: float | None
    is_global: bool

    def coalitions(self, names: Sequence[str] | None = None) -> tuple[tuple, ...]:
        """The coalitions as tuples of actor names (or indices), in label order."""
        who = list(range(len(self.labels))) if names is None else list(names)
        groups: dict[int, list] = {}
        for actor, label in zip(who, self.labels, strict=True):
            groups.setdefault(label, []).append(actor)
        return tuple(tuple(groups[label]) for label in sorted(groups))


@dataclass(frozen=True)
class Landscape:
    """Every stable configuration found, sorted by energy (lowest first).

    Attributes
    ----------
    minima : tuple of Configuration
        Stable configurations, by ascending energy.
    coalitions : int
        Largest number of coalitions a configuration may have.
    configurations : int
        Configurations enumerated (``method="exact"``) or restarts run (``method="heuristic"``).
    method : {"exact", "heuristic"}
        Exact enumeration or seeded restarts of the dynamic.
    dynamic : str
        The downhill dynamic that defines basins.
    """

    minima: tuple[Configuration, ...]
    coalitions: int
    configurations: int
    method: Literal["exact", "heuristic"]
    dynamic: str = DYNAMIC

    @property
    def global_minima(self) -> tuple[Configuration, ...]:
        """The configurations of lowest energy."""
        return tuple(c for c in self.minima if c.is_global)

    def to_df(self, names: Sequence[str] | None = None) -> pd.DataFrame:
        """One row per stable configuration and coalition: energy, basin share and members."""
        rows = [
            {
                "configuration": rank,
                "energy": config.energy,
                "basin_share": config.basin_share,
                "global": config.is_global,
                "coalition": label,
                "members": list(members),
            }
            for rank, config in enumerate(self.minima)
            for label, members in enumerate(config.coalitions(names))
        ]
        return pd.DataFrame(
            rows,
            columns=["configuration", "energy", "basin_share", "global", "coalition", "members"],
        )


@dataclass(frozen=True)
class Descent:
    """Where the downhill dynamic takes a configuration, and who moves on the way.

    Attributes
    ----------
    start, end : tuple of int
        Coalition labels before and after; labels keep their meaning along the way (a moved actor
        has a different label in ``end`` than in ``start``).
    moved : tuple of int
        Actors whose coalition in ``end`` differs from ``start``.
    energy_start, energy_end : float
        Energies before and after (eq. 3 p. 214).
    steps : int
        Single-actor moves made.
    """

    start: tuple[int, ...]
    end: tuple[int, ...]
    moved: tuple[int, ...]
    energy_start: float
    energy_end: float
    steps: int
