"""Forecasts that could have been made on the day: targets, quantities, models, baselines, scores.

A target asks for a quantity of the world (a membership, a leader, a sanction, an event, a
region's control, a series, a model output) as of its own ``asked_on`` day; :func:`forecast`
answers it from :meth:`postsoviet.world.World.known_on` that day and nothing later.
"""

from postsoviet.forecasts.forecast import Forecast, forecast_targets
from postsoviet.forecasts.targets import Target, TargetProblem, read_resolutions, read_targets

__all__ = [
    "Forecast",
    "Target",
    "TargetProblem",
    "forecast_targets",
    "read_resolutions",
    "read_targets",
]
