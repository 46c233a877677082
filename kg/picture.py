"""``kg export --format png``: a static picture of the entity graph, drawn with matplotlib on
the layout of ``kg.layout`` by the rules of ``kg view``: the graph fills the picture, names go
to the biggest nodes first and only where they overlap no other name and no named node, and
the legend lists the classes drawn, with their counts."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from kg.graphview import EntityGraph
from kg.layout import CLASS_COLORS, OTHER_COLOR, communities, degrees, layout

SIZE = (12.0, 9.0)  # inches
DPI = 100
NAMED = 40  # names tried, biggest nodes first
GAP = 3.0  # pixels between a node and its name


def png_bytes(view: EntityGraph) -> bytes:
    """The picture as PNG bytes (no timestamp: the same graph gives the same bytes)."""
    import matplotlib.pyplot as plt

    figure = draw(view)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def _rgb(kind: str) -> tuple[float, float, float]:
    r, g, b = CLASS_COLORS.get(kind, OTHER_COLOR)
    return r / 255, g / 255, b / 255


def draw(view: EntityGraph) -> Any:
    """The matplotlib figure: edges, nodes coloured by class and sized by degree, names, and
    the legend to the right of the graph. Close it with ``plt.close`` when done."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    position, degree = layout(view, communities(view)), degrees(view)
    figure = plt.figure(figsize=SIZE, dpi=DPI)
    axes = figure.add_axes((0.01, 0.01, 0.84, 0.98))
    axes.set_axis_off()
    if not view.nodes:
        return figure
    xs = [position[n.id][0] for n in view.nodes]
    ys = [position[n.id][1] for n in view.nodes]
    # the graph fills the axes: a margin of 3% on each side, the aspect stretched to fit, y
    # downwards as in ``kg view`` (SVG), so both show the same picture
    dx, dy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    axes.set_xlim(min(xs) - 0.03 * dx, max(xs) + 0.03 * dx)
    axes.set_ylim(max(ys) + 0.03 * dy, min(ys) - 0.03 * dy)
    axes.add_collection(LineCollection(
        [(position[e.source], position[e.target]) for e in view.edges],
        colors="#bbbbbb", linewidths=0.6, zorder=1))
    radius = {n.id: 2.5 + 1.4 * degree[n.id] ** 0.5 for n in view.nodes}  # points
    axes.scatter(xs, ys, s=[(2 * radius[n.id]) ** 2 for n in view.nodes],
                 c=[_rgb(n.type) for n in view.nodes], zorder=2, edgecolors="white",
                 linewidths=0.5)
    kinds = Counter(n.type for n in view.nodes)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=_rgb(kind),
                          label=f"{kind} ({kinds[kind]})") for kind in sorted(kinds)]
    figure.legend(handles=handles, loc="upper right", fontsize=9, frameon=False,
                  title="Classes", title_fontsize=9)
    biggest = sorted(view.nodes, key=lambda n: (-degree[n.id], n.label))[:NAMED]
    _place_names(figure, axes, biggest, position, radius)
    return figure


def _place_names(figure: Any, axes: Any, nodes: list[Any],
                 position: dict[str, tuple[float, float]], radius: dict[str, float]) -> None:
    """Names, biggest node first, each at the first of eight places around its node (right,
    left, above, below, then the diagonals) that overlaps no name already placed and no other
    named node and stays inside the axes; a name that fits nowhere is left out."""
    from matplotlib import patheffects

    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    to_pixels = axes.transData.transform
    per_point = figure.dpi / 72
    centre = {n.id: to_pixels(position[n.id]) for n in nodes}
    dots = {n.id: _box(centre[n.id][0] - radius[n.id] * per_point,
                       centre[n.id][1] - radius[n.id] * per_point,
                       2 * radius[n.id] * per_point, 2 * radius[n.id] * per_point)
            for n in nodes}
    taken: list[tuple[float, float, float, float]] = []
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for n in nodes:
        text = axes.text(0, 0, n.label, fontsize=8, zorder=3, path_effects=halo,
                         transform=None, va="bottom", ha="left")
        extent = text.get_window_extent(renderer)
        w, h = extent.width, extent.height
        x, y = centre[n.id]
        r = radius[n.id] * per_point + GAP
        d = r * 0.7  # the diagonal places, at the same distance from the centre
        for px, py in ((x + r, y - h / 2), (x - r - w, y - h / 2), (x - w / 2, y + r),
                       (x - w / 2, y - r - h), (x + d, y + d), (x + d, y - d - h),
                       (x - d - w, y + d), (x - d - w, y - d - h)):
            box = _box(px, py, w, h)
            inside = (px >= frame.x0 and py >= frame.y0 and px + w <= frame.x1
                      and py + h <= frame.y1)
            if inside and not any(_overlap(box, o) for o in taken) and not any(
                    _overlap(box, d) for k, d in dots.items() if k != n.id):
                text.set_position((px, py))
                taken.append(box)
                break
        else:
            text.remove()


def _box(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    return (x, y, x + w, y + h)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
