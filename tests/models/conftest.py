"""Fixtures shared by the model tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from postsoviet.models.bargaining import Actors

BARGAINING_DATA = Path(__file__).parents[1] / "data" / "bargaining"


@pytest.fixture(scope="module")
def emission() -> Actors:
    """The European Community emission-standards example (Bueno de Mesquita 1994, 10 actors)."""
    frame = pd.read_csv(BARGAINING_DATA / "emission_bdm1994_inputs.csv")
    return Actors.from_arrays(
        frame.position, frame.capability, frame.salience / 100, names=frame.actor
    )
