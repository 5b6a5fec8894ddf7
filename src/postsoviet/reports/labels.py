"""Text labels that do not overlap: each label takes the first free spot around its point.

Plotly places a marker's text at a fixed position and never moves it out of another's way, so
labels of nearby points print over each other ("ARM" and "AZE" as "ARMAZE"). :func:`place` tries
each position of :data:`POSITIONS` in turn and keeps the first whose box (estimated from the text's
length and the font size, in pixels) overlaps no label placed before it and no other point's
marker; a label with no free spot is left out (its text stays in the hover).
"""

from __future__ import annotations

from collections.abc import Sequence

POSITIONS = (
    "top center",
    "bottom center",
    "middle right",
    "middle left",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)
CHAR_WIDTH = 0.8  # of the font size: a capital of a sans-serif face, with room to spare
GAP = 2.0  # pixels between a marker and its label
MARGIN = 3.0  # pixels kept free around each label


Box = tuple[float, float, float, float]


def _start(at: float, side: str, size: float, pad: float, centred: str, after: str) -> float:
    """Where a label of ``size`` begins along one axis: centred on ``at``, after it or before it."""
    if side == centred:
        return at - size / 2
    if side == after:
        return at + pad
    return at - pad - size


def _box(x: float, y: float, position: str, width: float, height: float, pad: float) -> Box:
    vertical, horizontal = position.split()
    left = _start(x, horizontal, width, pad, "center", "right")
    bottom = _start(y, vertical, height, pad, "middle", "top")
    return left, bottom, left + width, bottom + height


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place(
    x: Sequence[float],
    y: Sequence[float],
    texts: Sequence[str],
    *,
    px_per_x: float,
    px_per_y: float,
    font_size: float = 12,
    marker_size: float | Sequence[float] = 10,
    avoid_markers: bool = True,
) -> tuple[list[str], list[str]]:
    """Each label's position and text (``""`` when no spot is free), in the points' order.

    ``px_per_x``, ``px_per_y``: pixels per data unit on each axis, as the figure is drawn;
    ``marker_size`` the markers' diameters in pixels (one for all, or one per point);
    ``avoid_markers``: keep labels off the other points' markers too (off for crowded charts
    whose markers are translucent).
    """
    sizes = [marker_size] * len(x) if isinstance(marker_size, int | float) else list(marker_size)
    points = [(xi * px_per_x, yi * px_per_y) for xi, yi in zip(x, y, strict=True)]
    markers = [
        (px - s / 2, py - s / 2, px + s / 2, py + s / 2)
        for (px, py), s in zip(points, sizes, strict=True)
    ]
    placed: list[Box] = []
    positions, shown = [], []
    for k, ((px, py), text) in enumerate(zip(points, texts, strict=True)):
        width = CHAR_WIDTH * font_size * len(text) + 2 * MARGIN
        height = font_size * 1.2 + 2 * MARGIN
        others = markers[:k] + markers[k + 1 :] if avoid_markers else []
        for position in POSITIONS:
            box = _box(px, py, position, width, height, sizes[k] / 2 + GAP)
            if not any(_overlaps(box, other) for other in placed + others):
                placed.append(box)
                positions.append(position)
                shown.append(text)
                break
        else:
            positions.append(POSITIONS[0])
            shown.append("")
    return positions, shown
