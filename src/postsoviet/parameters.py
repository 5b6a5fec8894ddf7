"""Run parameters: each defined once, so the report, the scenarios and the command line agree.

A module of its own, with no dependencies, so the command line can show the defaults in its help
without loading the data layer; :mod:`postsoviet.data.config` carries them into the configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

PARAMETERS: Mapping[str, float] = MappingProxyType(
    {
        # Draws of the attrition band (kappa, the territory fit and the aid trend resampled).
        "attrition.draws": 200,
        # Seed of the attrition band, fixed so a scenario and its baseline differ only by world.
        "attrition.seed": 0,
        # The last year the year-by-year paths (attrition, ladder) run to unless told otherwise.
        "horizon.year": 2030,
        # Seeded steepest descents per draw when a sampled run estimates the landscape's basins
        # instead of enumerating every configuration (docs/performance.md: how close it comes).
        "landscape.restarts": 1000,
    }
)
