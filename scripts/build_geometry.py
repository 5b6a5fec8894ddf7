"""Build ``src/postsoviet/data/geometry/region.geojson`` from Natural Earth, once, by hand.

Source: the npm package ``world-atlas`` 2.0.2 (Mike Bostock, ISC licence), which redistributes
Natural Earth 4.1.0 Admin 0 countries at 1:50m (public domain) as TopoJSON. Nothing is downloaded
here: fetch and unpack the package first, then run this script on it::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_geometry.py package/countries-50m.json

What the script does, and why:

- decodes the TopoJSON (quantized, delta-encoded arcs) into polygons, with no dependency;
- keeps the polygons that reach into the report's region, 10 W - 130 E, 30 N - 75 N (whole
  polygons, not clipped, so no coastline is cut), and simplifies each ring with Douglas-Peucker
  (tolerance :data:`TOLERANCE` degrees) before rounding coordinates to :data:`DIGITS` decimals;
- **Crimea**: Natural Earth's default Admin 0 follows de facto control, so in 4.1.0 the Crimean
  peninsula (Crimea and Sevastopol) is a polygon of Russia. postsoviet draws de jure borders
  (docs/data.md, "Stance on contested territory"), so the script moves that polygon to Ukraine and
  also writes it as the region feature ``crimea`` (with Sevastopol), which the report shades by de
  facto control;
- **Kaliningrad**: Russia's polygon west of 23 E is also written as the region feature
  ``kaliningrad`` (it stays part of Russia's country feature);
- **land borders**: every arc shared by two territories (a state, or the regions ``crimea`` and
  ``kaliningrad``) is written as a line feature with ``a`` and ``b`` (sorted codes), so the report
  can highlight the Russia-NATO border segments of the frontier model;
- every feature gets ``id`` (ISO3 for a state, the region slug of ``regions.csv`` for a region),
  ``name`` and ``kind`` (``country`` or ``region``).

Natural Earth 50m has no Admin 1 polygons for Ukraine, Moldova, Georgia or Kazakhstan, so the other
regions of ``regions.csv`` are shown by the report as markers, not shapes (docs/data.md, Geometry).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/postsoviet/data/geometry/region.geojson"
BOX = (-10.0, 30.0, 130.0, 75.0)  # west, south, east, north (degrees)
TOLERANCE = 0.04  # degrees, Douglas-Peucker
DIGITS = 2
CRIMEA_BOX = (32.3, 44.2, 36.8, 46.3)
KALININGRAD_BOX = (19.0, 54.0, 23.0, 55.5)
# ISO 3166-1 numeric (world-atlas ids) to alpha-3, for the states drawn in the region.
ISO3 = {
    "004": "AFG", "008": "ALB", "012": "DZA", "020": "AND", "031": "AZE", "040": "AUT",
    "051": "ARM", "056": "BEL", "070": "BIH", "100": "BGR", "112": "BLR", "156": "CHN",
    "191": "HRV", "196": "CYP", "203": "CZE", "208": "DNK", "233": "EST", "234": "FRO",
    "246": "FIN", "248": "ALA", "250": "FRA", "268": "GEO", "275": "PSE", "276": "DEU",
    "300": "GRC", "336": "VAT", "348": "HUN", "356": "IND", "364": "IRN", "368": "IRQ",
    "372": "IRL", "376": "ISR", "380": "ITA", "392": "JPN", "398": "KAZ", "400": "JOR",
    "408": "PRK", "410": "KOR", "414": "KWT", "417": "KGZ", "422": "LBN", "428": "LVA",
    "434": "LBY", "438": "LIE", "440": "LTU", "442": "LUX", "470": "MLT", "492": "MCO",
    "496": "MNG", "498": "MDA", "499": "MNE", "504": "MAR", "524": "NPL", "528": "NLD",
    "578": "NOR", "586": "PAK", "616": "POL", "620": "PRT", "642": "ROU", "643": "RUS",
    "674": "SMR", "682": "SAU", "688": "SRB", "703": "SVK", "705": "SVN", "724": "ESP",
    "752": "SWE", "756": "CHE", "760": "SYR", "762": "TJK", "788": "TUN", "792": "TUR",
    "795": "TKM", "804": "UKR", "807": "MKD", "818": "EGY", "826": "GBR", "831": "GGY",
    "832": "JEY", "833": "IMN", "840": "USA", "860": "UZB",
}  # fmt: skip
NAMES = {"TUR": "Türkiye", "USA": "United States", "MKD": "North Macedonia"}

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict) -> list[Ring]:
    """Absolute coordinates of every arc (TopoJSON quantized, delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_of(indices: list[int], arcs: list[Ring]) -> Ring:
    """A closed ring from arc indices (a negative index ``~i`` is arc ``i`` reversed)."""
    points: Ring = []
    for index in indices:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(part if not points else part[1:])
    return points


def simplify(points: Ring, tolerance: float, minimum: int = 4) -> Ring:
    """Douglas-Peucker simplification; the result keeps at least ``minimum`` points (4 for a ring)."""
    if len(points) <= minimum:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, where = 0.0, -1
        for k in range(first + 1, last):
            px, py = points[k]
            if norm == 0:
                distance = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if distance > best:
                best, where = distance, k
        if best > tolerance and where > 0:
            keep[where] = True
            stack += [(first, where), (where, last)]
    kept = [p for p, k in zip(points, keep, strict=True) if k]
    if len(kept) < minimum:
        step = max(1, len(points) // minimum)
        kept = [*points[:-1:step], points[-1]]
    return kept


def bbox(ring: Ring) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of a ring."""
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    """Whether box ``inner`` lies within box ``outer``."""
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def compact(polygon: list[Ring]) -> list[list[list[float]]] | None:
    """A simplified, rounded polygon (outer ring then holes), or None if the outer ring vanishes."""
    rings = []
    for ring in polygon:
        points = simplify(ring, TOLERANCE)
        rounded = [[round(x, DIGITS), round(y, DIGITS)] for x, y in points]
        deduped = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if len(deduped) >= 4:
            rings.append(deduped)
        elif not rings:
            return None
    return rings


def feature(id_: str, name: str, kind: str, polygons: list[list[Ring]]) -> dict | None:
    """A GeoJSON MultiPolygon feature, or None when nothing survives simplification."""
    shapes = [p for p in (compact(polygon) for polygon in polygons) if p]
    if not shapes:
        return None
    return {
        "type": "Feature",
        "id": id_,
        "properties": {"id": id_, "name": name, "kind": kind},
        "geometry": {"type": "MultiPolygon", "coordinates": shapes},
    }


def border_lines(owners: dict[int, set[str]], arcs: list[Ring]) -> list[dict]:
    """One line feature per pair of territories sharing arcs: ``a``, ``b`` (sorted codes)."""
    pairs: dict[tuple[str, str], list[Ring]] = {}
    for index, codes in owners.items():
        if len(codes) == 2:
            a, b = sorted(codes)
            pairs.setdefault((a, b), []).append(arcs[index])
    lines = []
    for (a, b), parts in sorted(pairs.items()):
        coordinates = [
            [[round(x, DIGITS), round(y, DIGITS)] for x, y in simplify(part, TOLERANCE, 2)]
            for part in parts
        ]
        lines.append(
            {
                "type": "Feature",
                "id": f"{a}|{b}",
                "properties": {"id": f"{a}|{b}", "kind": "border", "a": a, "b": b},
                "geometry": {"type": "MultiLineString", "coordinates": coordinates},
            }
        )
    return lines


def build(topology: dict) -> dict:
    """The FeatureCollection written to :data:`OUT`."""
    arcs = decode_arcs(topology)
    countries: dict[str, tuple[str, list[list[Ring]]]] = {}
    crimea: list[list[Ring]] = []
    kaliningrad: list[list[Ring]] = []
    owners: dict[int, set[str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = ISO3.get(geometry.get("id") or "")
        if code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts = [part for part in parts if overlaps(bbox(ring_of(part[0], arcs)), BOX)]
        polygons = [[ring_of(r, arcs) for r in part] for part in parts]
        for part, polygon in zip(parts, polygons, strict=True):
            box = bbox(polygon[0])
            owner = code
            if code == "RUS" and inside(box, CRIMEA_BOX):
                owner = "crimea"
            elif code == "RUS" and inside(box, KALININGRAD_BOX):
                owner = "kaliningrad"
            for ring in part:
                for index in ring:
                    owners.setdefault(index if index >= 0 else ~index, set()).add(owner)
        if code == "RUS":
            crimea = [p for p in polygons if inside(bbox(p[0]), CRIMEA_BOX)]
            polygons = [p for p in polygons if p not in crimea]
            kaliningrad = [p for p in polygons if inside(bbox(p[0]), KALININGRAD_BOX)]
        if polygons:
            countries[code] = (NAMES.get(code, geometry["properties"]["name"]), polygons)
    if not crimea or not kaliningrad:
        raise SystemExit("expected Crimea and Kaliningrad polygons in Russia's geometry")
    name, ukraine = countries["UKR"]
    countries["UKR"] = (name, ukraine + crimea)
    features = [feature(code, n, "country", p) for code, (n, p) in sorted(countries.items())]
    features += [
        feature("crimea", "Crimea and Sevastopol", "region", crimea),
        feature("kaliningrad", "Kaliningrad Oblast", "region", kaliningrad),
    ]
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 4.1.0 Admin 0 countries 1:50m (public domain), via world-atlas "
        "2.0.2 (ISC); Crimea moved from Russia to Ukraine (de jure); simplified "
        f"(Douglas-Peucker {TOLERANCE} deg, {DIGITS} decimals) by scripts/build_geometry.py",
        "features": [f for f in features if f is not None] + border_lines(owners, arcs),
    }


def main(argv: list[str]) -> None:
    """``python scripts/build_geometry.py PATH/countries-50m.json``."""
    if len(argv) != 2:
        raise SystemExit(__doc__)
    topology = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(topology), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main(sys.argv)
