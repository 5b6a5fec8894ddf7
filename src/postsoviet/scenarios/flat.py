"""Nested scenario results as one row per output: ``{"model.key.subkey": leaf}``.

A scenario run's results are nested mappings (model, then output, then keys). Tables (the CLI's
``scenario run``, the report's scenario section, the claims) show them one output per row. A list of
``{"iso3", "index"}`` items (a ranking) becomes one text, ``"KAZ 0.412, BLR 0.398"``; any other list
is joined with commas; other leaves are kept as they are.
"""

from __future__ import annotations

from typing import Any


def _item(item: Any) -> str:
    if isinstance(item, dict) and "iso3" in item:
        index = item.get("index")
        return (
            f"{item['iso3']} {index:.3f}" if isinstance(index, int | float) else str(item["iso3"])
        )
    return str(item)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """``value`` as ``{dotted.key: leaf}``; the empty key holds a leaf given at the top."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        return {prefix: ", ".join(_item(item) for item in value)}
    return {prefix: value}
