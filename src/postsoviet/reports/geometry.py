"""The map geometry shipped with postsoviet, and the projection the report draws it in.

``data/geometry/region.geojson`` is Natural Earth 4.1.0 Admin 0 countries at 1:50m (public domain)
from the npm package world-atlas 2.0.2 (ISC), built by ``scripts/build_geometry.py``: polygons of
the states between 10 W - 130 E and 30 N - 75 N, Crimea drawn as Ukraine's (de jure; Natural Earth's
default draws it as Russia's), the region shapes ``crimea`` and ``kaliningrad``, and the land
borders between two territories as lines. Maps are drawn on plain axes in a Lambert azimuthal
equal-area projection, so the report needs no map tiles or base layers from the network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

CENTRE = (55.0, 52.0)  # longitude, latitude of the projection's centre (degrees)
# The map window: these points (lon, lat) must be inside it.
WINDOW = ((-2.0, 50.0), (95.0, 47.0), (40.0, 34.0), (30.0, 70.0), (100.0, 62.0), (5.0, 60.0))
# Where a region without a shape is marked: approximate label positions (lon, lat), placement
# only (judgment), inside each region.
REGION_MARKERS = {
    "sevastopol": (33.52, 44.60),
    "donetsk": (37.80, 48.00),
    "luhansk": (39.30, 48.90),
    "zaporizhzhia": (35.60, 47.30),
    "kherson": (33.40, 46.70),
    "transnistria": (29.40, 47.30),
    "abkhazia": (41.20, 43.10),
    "south_ossetia": (44.00, 42.30),
    "nagorno_karabakh": (46.70, 39.80),
    "north_kazakhstan": (69.50, 54.00),
    "kostanay": (63.50, 51.50),
    "pavlodar": (76.00, 52.00),
    "akmola": (70.50, 51.50),
    "east_kazakhstan": (82.50, 49.00),
}


@dataclass(frozen=True)
class Shape:
    """A territory's outline in projected coordinates: ``x`` and ``y`` with None between rings."""

    id: str
    name: str
    kind: str
    x: tuple[float | None, ...]
    y: tuple[float | None, ...]


def project(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lambert azimuthal equal-area projection about :data:`CENTRE` (Snyder 1987, eqs. 24-2 to 24-4).

    x = k cos(phi) sin(lambda - lambda0), y = k (cos(phi0) sin(phi) - sin(phi0) cos(phi)
    cos(lambda - lambda0)), k = sqrt(2 / (1 + sin(phi0) sin(phi) + cos(phi0) cos(phi)
    cos(lambda - lambda0))); units of the Earth's radius.
    """
    lam0, phi0 = np.radians(CENTRE)
    lam, phi = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    cos_c = np.sin(phi0) * np.sin(phi) + np.cos(phi0) * np.cos(phi) * np.cos(lam - lam0)
    k = np.sqrt(2.0 / (1.0 + cos_c))
    x = k * np.cos(phi) * np.sin(lam - lam0)
    y = k * (np.cos(phi0) * np.sin(phi) - np.sin(phi0) * np.cos(phi) * np.cos(lam - lam0))
    return x, y


def window() -> tuple[tuple[float, float], tuple[float, float]]:
    """The map's x and y ranges (projected units)."""
    x, y = project(*np.array(WINDOW).T)
    return (float(x.min()), float(x.max())), (float(y.min()), float(y.max()))


def _path(parts: list[list[list[float]]]) -> tuple[tuple[float | None, ...], ...]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in parts:
        lon, lat = np.array(part).T
        x, y = project(lon, lat)
        xs += [*np.round(x, 4).tolist(), None]
        ys += [*np.round(y, 4).tolist(), None]
    return tuple(xs[:-1]), tuple(ys[:-1])


@cache
def shapes() -> dict[str, Shape]:
    """Every polygon feature (states and regions) by id, projected."""
    collection = _collection()
    out = {}
    for feature in collection["features"]:
        props = feature["properties"]
        if props["kind"] == "border":
            continue
        rings = [ring for polygon in feature["geometry"]["coordinates"] for ring in polygon]
        x, y = _path(rings)
        out[props["id"]] = Shape(props["id"], props["name"], props["kind"], x, y)
    return out


@cache
def border_lines() -> dict[frozenset[str], Shape]:
    """Every land border between two territories, keyed by the pair of codes, projected."""
    out = {}
    for feature in _collection()["features"]:
        props = feature["properties"]
        if props["kind"] != "border":
            continue
        x, y = _path(feature["geometry"]["coordinates"])
        out[frozenset((props["a"], props["b"]))] = Shape(props["id"], props["id"], "border", x, y)
    return out


def source_note() -> str:
    """The geometry's source line, as written by the build script."""
    return str(_collection()["source"])


@cache
def _collection() -> dict:
    text = (
        resources.files("postsoviet.data")
        .joinpath("geometry/region.geojson")
        .read_text(encoding="utf-8")
    )
    return json.loads(text)
