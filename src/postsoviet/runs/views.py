"""Stored runs as plain values: a run's provenance as JSON-ready data, and two runs compared.

Shared by the faces that show runs (``postsoviet runs show|compare`` and the HTTP API).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from postsoviet.runs.store import StoredRun

LISTS = ("scenarios", "sources", "scenario_hashes")
COMPARED = ["q05", "q50", "q95"]


def run_info(info: dict[str, Any]) -> dict[str, Any]:
    """A ``runs`` row as JSON-ready values: ISO times, plain numbers, lists, None for missing."""
    shape = {}
    for key, value in info.items():
        if isinstance(value, pd.Timestamp):
            value = value.isoformat(timespec="seconds")
        elif isinstance(value, np.generic):
            value = value.item()
        elif key in LISTS:
            value = json.loads(value)
        shape[key] = (
            None if value is pd.NA or (isinstance(value, float) and np.isnan(value)) else value
        )
    return shape


def compare_runs(a: StoredRun, b: StoredRun) -> tuple[dict[str, list[Any]], pd.DataFrame]:
    """What differs in two runs' provenance, and each output's median and 90 % band side by side.

    The table has ``scenario, output, q05_a, q50_a, q95_a, q05_b, q50_b, q95_b, q50_change``.
    """
    info_a, info_b = run_info(a.info), run_info(b.info)
    differs = {k: [info_a[k], info_b[k]] for k in info_a if info_a[k] != info_b.get(k)}
    keys = ["scenario", "output"]
    table = a.summary[[*keys, *COMPARED]].merge(
        b.summary[[*keys, *COMPARED]], on=keys, how="outer", suffixes=("_a", "_b")
    )
    table["q50_change"] = table["q50_b"] - table["q50_a"]
    return differs, table
