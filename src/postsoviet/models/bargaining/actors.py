"""The input of every bargaining model: actors with a position, a capability and a salience."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from postsoviet.errors import BargainingInputError

FloatArray = NDArray[np.float64]


def frozen_array(values: ArrayLike) -> FloatArray:
    """A read-only float64 copy of ``values``, so results cannot be changed after the fact."""
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class Actors:
    """Actors on one issue: positions on a one-dimensional scale, capabilities and saliences.

    Parameters
    ----------
    names
        One unique name per actor.
    position
        Each actor's preferred outcome, in the units of the issue's scale.
    capability
        Each actor's power on the issue; non-negative, any unit (only ratios matter).
    salience
        How much the issue matters to each actor, on 0-1. The expected-utility model reads it as
        the probability that the actor resists a challenge, so 0-100 inputs must be divided by 100
        first (the CLI does this and says so).
    """

    names: tuple[str, ...]
    position: FloatArray
    capability: FloatArray
    salience: FloatArray

    @classmethod
    def from_arrays(
        cls,
        position: ArrayLike,
        capability: ArrayLike,
        salience: ArrayLike,
        *,
        names: Sequence[str] | None = None,
    ) -> Actors:
        """Check and freeze the three arrays; raise :class:`BargainingInputError` naming the argument."""
        arrays = {
            "position": np.asarray(position, dtype=np.float64),
            "capability": np.asarray(capability, dtype=np.float64),
            "salience": np.asarray(salience, dtype=np.float64),
        }
        for argument, array in arrays.items():
            if array.ndim != 1:
                raise BargainingInputError(f"{argument}: expected a one-dimensional array")
            if not np.all(np.isfinite(array)):
                raise BargainingInputError(f"{argument}: expected finite numbers")
        count = arrays["position"].size
        if any(array.size != count for array in arrays.values()):
            sizes = ", ".join(f"{k}={v.size}" for k, v in arrays.items())
            raise BargainingInputError(f"expected arrays of one length, got {sizes}")
        if count < 2:
            raise BargainingInputError(f"position: expected at least 2 actors, got {count}")
        if np.any(arrays["capability"] < 0):
            raise BargainingInputError("capability: expected values >= 0")
        if np.any((arrays["salience"] < 0) | (arrays["salience"] > 1)):
            raise BargainingInputError("salience: expected values in [0, 1]")
        if np.sum(arrays["capability"] * arrays["salience"]) <= 0:
            raise BargainingInputError(
                "capability, salience: expected at least one actor with both above 0"
            )
        labels = tuple(names) if names is not None else tuple(str(i) for i in range(count))
        if len(labels) != count:
            raise BargainingInputError(f"names: expected {count} names, got {len(labels)}")
        if len(set(labels)) != count:
            raise BargainingInputError("names: expected unique actor names")
        return cls(labels, *(frozen_array(a) for a in arrays.values()))

    @property
    def weight(self) -> FloatArray:
        """Capability times salience: an actor's weight in the median and mean (c_i s_i)."""
        return self.capability * self.salience

    def __len__(self) -> int:
        return len(self.names)
