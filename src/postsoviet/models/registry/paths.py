"""Values of a path between its dated points, for models that answer year by year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from postsoviet.errors import ModelInputError


def interpolate(dates: pd.DatetimeIndex, values: np.ndarray, day: pd.Timestamp) -> np.ndarray:
    """``values`` (dates x columns) linearly interpolated at ``day``, each date counted at its end.

    A path whose change within a year is spread evenly over it (the attrition drift is constant
    within a calendar year; a ladder step taken on a uniformly random day of its year) is exact
    under this interpolation.

    Raises
    ------
    ModelInputError
        Naming ``on`` when ``day`` lies outside the path.
    """
    if day < dates[0] or day > dates[-1]:
        raise ModelInputError(
            f"argument 'on': expected a day from {dates[0]:%Y-%m-%d} to {dates[-1]:%Y-%m-%d}, "
            f"got {day:%Y-%m-%d}"
        )
    times = (dates + pd.Timedelta(days=1)).as_unit("ns").asi8.astype("float64")
    at = float((day + pd.Timedelta(days=1)).as_unit("ns").value)
    values = np.asarray(values, dtype="float64")
    if values.ndim == 1:
        return np.interp(at, times, values)
    return np.array([np.interp(at, times, column) for column in values.T])
