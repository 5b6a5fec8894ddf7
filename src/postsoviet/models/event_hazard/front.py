"""Where the front runs: the settlements of the gazetteer near one held by another side.

A settlement is **contested** on a day when a settlement within :data:`FRONT_KM` of it is held by
a controller that does not hold it (great-circle distance between the gazetteer's coordinates,
haversine formula on the mean Earth radius). Captures and liberations happen on the front: the
control hazards pool a settlement with the settlements in the same band (contested or rear) as
it stood on each day of the history (:mod:`postsoviet.models.event_hazard.control_hazard`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from postsoviet.models.event_hazard import places
from postsoviet.models.event_hazard.facts import Facts

# A settlement this close to one held by another side is on the front (judgment: about a day's
# advance of artillery range; chosen among 15, 30 and 60 km on the generated history,
# docs/forecasting.md).
FRONT_KM = 30.0
# Mean Earth radius (IUGG), km.
EARTH_KM = 6371.0088


def distances_km(points: np.ndarray) -> np.ndarray:
    """Great-circle distances (km) between every pair of ``(lat, lon)`` rows, in degrees.

    ``d = 2 R asin(sqrt(sin^2(dphi / 2) + cos(phi1) cos(phi2) sin^2(dlambda / 2)))``.
    """
    phi, lam = np.radians(points[:, 0]), np.radians(points[:, 1])
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    h = np.sin(dphi / 2) ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin(dlam / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def neighbours(facts: Facts, settlement: str) -> tuple[str, ...]:
    """The settlements with control periods within :data:`FRONT_KM` of ``settlement``."""
    name = "front-neighbours"
    if name not in facts.derived:
        ids = sorted(s for s in facts.settlements if s in facts.settlement_xy)
        table: dict[str, tuple[str, ...]] = {}
        if ids:
            close = distances_km(np.array([facts.settlement_xy[s] for s in ids])) <= FRONT_KM
            for i, s in enumerate(ids):
                table[s] = tuple(ids[j] for j in np.flatnonzero(close[i]) if j != i)
        facts.derived[name] = table
    return facts.derived[name].get(settlement, ())


def holders(facts: Facts, settlement: str, day: pd.Timestamp) -> set[str]:
    """The controllers recorded as holding ``settlement`` on ``day``."""
    return {s.label for s in facts.settlements.get(settlement, []) if s.holds(day)}


def contested(facts: Facts, settlement: str, day: pd.Timestamp) -> bool:
    """Whether a settlement within :data:`FRONT_KM` is held on ``day`` by one that does not hold
    ``settlement`` (or, when nobody is recorded holding it, by anyone)."""
    mine = holders(facts, settlement, day)
    return any(holders(facts, n, day) - mine for n in neighbours(facts, settlement))


def change_days(facts: Facts, settlement: str) -> set[pd.Timestamp]:
    """The days a neighbour's control period begins or ends: when the band can change."""
    return set().union(*(places.change_days(facts, n) for n in neighbours(facts, settlement)))
