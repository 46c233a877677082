"""Where the entity graph's nodes go, and what colour they are: shared by the GEXF export, the
PNG picture and ``kg view``, so all three show the same picture.

The layout is a force layout (Fruchterman–Reingold forces) in NumPy: springs along the edges,
repulsion between nodes closer than a few edge lengths (found with a grid of cells, so an
iteration costs about linear time instead of the quadratic cost of every pair), and a weak pull
to the centre that keeps small components from drifting off. Repulsion grows with degree, as in
ForceAtlas 2, so hubs get room around them for their neighbours and their labels. Nodes start
grouped by community, so 40 iterations are enough; no node moves more than 2 edge lengths an
iteration, so the grid stays small. It is seeded: the same graph always gives the same
positions.
"""

from __future__ import annotations

import math
from typing import Any

from kg.graphview import EntityGraph
from kg.louvain import louvain_communities

SEED = 42  # community detection and layout: same graph, same picture
# Node colours by class (Gephi reads viz:color); anything else is grey.
CLASS_COLORS = {"Organization": (31, 119, 180), "Person": (255, 127, 14),
                "Product": (44, 160, 44), "Place": (214, 39, 40), "Thing": (148, 103, 189),
                "Concept": (160, 160, 160)}
OTHER_COLOR = (127, 127, 127)
FORCE_LAYOUT_MAX_NODES = 10000  # above this, communities on circles (linear time)
ITERATIONS = 40
START_STEP, COOLING = 2.0, 0.9  # the largest move, shrunk by COOLING each iteration
SPACING = 1.2  # edge lengths between nodes at the start
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
CUTOFF = 3.0  # repulsion reaches this many edge lengths
REFRESH, MARGIN = 4, 1.0  # the close pairs are found again every REFRESH iterations
GRAVITY = 0.05  # pull to the centre, per unit of mass and distance
DENSE_MAX_NODES = 250  # below this, close pairs are found among all pairs


def hex_color(kind: str) -> str:
    """The class's colour as ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*CLASS_COLORS.get(kind, OTHER_COLOR))


def communities(view: EntityGraph) -> dict[str, int]:
    """Louvain communities (seeded: ``kg.louvain``, as networkx finds them), numbered from the
    largest."""
    found = louvain_communities((n.id for n in view.nodes),
                                ((e.source, e.target) for e in view.edges
                                 if e.source != e.target), SEED)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {node: i for i, members in enumerate(ordered) for node in members}


def degrees(view: EntityGraph) -> dict[str, int]:
    found = {n.id: 0 for n in view.nodes}
    for e in view.edges:
        found[e.source] += 1
        found[e.target] += 1
    return found


def layout(view: EntityGraph,
           community: dict[str, int] | None = None) -> dict[str, tuple[float, float]]:
    """Seeded positions, spread to a few hundred units as Gephi expects. The force layout,
    started from the communities (computed here if not given), for graphs up to
    ``FORCE_LAYOUT_MAX_NODES``; larger ones get each community on its own circle, the circles
    around a larger one (run ForceAtlas 2 in Gephi from there)."""
    ids = sorted(n.id for n in view.nodes)
    if not ids:
        return {}
    if community is None:
        community = communities(view)
    scale = 50.0 * max(len(ids), 4) ** 0.5
    if len(ids) > FORCE_LAYOUT_MAX_NODES:
        return _community_circles(ids, community, scale)
    index = {n: i for i, n in enumerate(ids)}
    pairs = sorted({(index[e.source], index[e.target]) for e in view.edges
                    if e.source != e.target})
    xy = force_layout(len(ids), pairs, [community.get(n, 0) for n in ids])
    # centred, the farthest node at ``scale``
    xy -= (xy.max(axis=0) + xy.min(axis=0)) / 2
    reach = float(abs(xy).max()) or 1.0
    xy *= scale / reach
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in zip(ids, xy, strict=True)}


def force_layout(count: int, edges: list[tuple[int, int]], groups: list[int],
                 seed: int = SEED) -> Any:
    """Positions (an array of ``count`` rows x, y) for nodes 0..count-1 joined by ``edges``, in
    units of the ideal edge length. Nodes start near the others of their group (a community),
    so a few dozen iterations are enough."""
    import numpy as np

    rng = np.random.default_rng(seed)
    link = np.array(edges, dtype=np.int64).reshape(-1, 2)
    source, target = link[:, 0], link[:, 1]
    mass = np.bincount(link.ravel(), minlength=count) + 1.0
    # positions as complex numbers x + iy: one array op moves both coordinates
    xy = _start(groups, rng)
    z = xy[:, 0] + 1j * xy[:, 1]
    step = START_STEP
    for i in range(ITERATIONS):
        if i % REFRESH == 0:  # the pairs that may come within reach before the next refresh
            near_a, near_b = close_pairs(np.column_stack([z.real, z.imag]), CUTOFF + MARGIN)
            weight = mass[near_a] * mass[near_b]
            # every force lands on two nodes: one index array for all of them
            ends = np.concatenate([near_a, near_b, source, target])
        delta = z[near_a] - z[near_b]
        dist2 = np.maximum(delta.real ** 2 + delta.imag ** 2, 1e-4)
        push = delta * np.where(dist2 < CUTOFF * CUTOFF, weight / dist2, 0.0)
        span = z[source] - z[target]
        pull = span * np.abs(span)
        forces = np.concatenate([push, -push, -pull, pull])
        force = (np.bincount(ends, forces.real, count)
                 + 1j * np.bincount(ends, forces.imag, count)) - GRAVITY * mass * z
        # each node moves along its force, at most ``step``: the temperature of the annealing
        length = np.maximum(np.abs(force), 1e-9)
        z += force * (np.minimum(length, step) / length)
        step = max(step * COOLING, 0.02)
    return np.column_stack([z.real, z.imag])


def _start(groups: list[int], rng: Any) -> Any:
    """Each group on a disc of about the area its nodes will take, the discs along a sunflower
    spiral from the largest group out, each node at a random place in its group's disc."""
    import numpy as np

    members: dict[int, list[int]] = {}
    for node, group in enumerate(groups):
        members.setdefault(group, []).append(node)
    xy = np.zeros((len(groups), 2))
    before = 0
    for k, nodes in enumerate(sorted(members.values(), key=lambda m: (-len(m), m[0]))):
        distance = SPACING * math.sqrt(before + len(nodes) / 2)
        angle = k * GOLDEN_ANGLE
        own = SPACING * math.sqrt(len(nodes)) / 2
        a = rng.uniform(0, 2 * math.pi, len(nodes))
        r = own * np.sqrt(rng.uniform(0, 1, len(nodes)))
        xy[nodes, 0] = distance * math.cos(angle) + r * np.cos(a)
        xy[nodes, 1] = distance * math.sin(angle) + r * np.sin(a)
        before += len(nodes)
    return xy


def close_pairs(xy: Any, reach: float) -> tuple[Any, Any]:
    """The pairs of rows of ``xy`` (i < j, as two index arrays) closer than ``reach``: nodes
    are put in square cells of side ``reach`` and only neighbouring cells are compared, so the
    cost follows the number of close pairs, not the square of the nodes."""
    import numpy as np

    if len(xy) <= DENSE_MAX_NODES:  # few nodes: every pair is cheaper than the cells
        first, second = np.triu_indices(len(xy), 1)
        close = ((xy[first] - xy[second]) ** 2).sum(axis=1) < reach * reach
        return first[close], second[close]
    cell = np.floor((xy - xy.min(axis=0)) / reach).astype(np.int64)
    width = int(cell[:, 1].max()) + 3
    key = (cell[:, 0] + 1) * width + cell[:, 1] + 1
    order = np.argsort(key, kind="stable")
    per_cell = np.bincount(key, minlength=int(key.max()) + width + 2)
    cell_start = np.cumsum(per_cell) - per_cell  # where each cell's nodes begin in ``order``
    firsts, seconds = [], []
    # the cell itself and four of its eight neighbours: each pair of cells is seen once
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        wanted = key + dx * width + dy
        lo, count = cell_start[wanted], per_cell[wanted]
        total = int(count.sum())
        if not total:
            continue
        first = np.repeat(np.arange(len(xy)), count)
        starts = np.repeat(lo - np.cumsum(count) + count, count)
        second = order[starts + np.arange(total)]
        if dx == 0 and dy == 0:
            keep = first < second
            first, second = first[keep], second[keep]
        firsts.append(first)
        seconds.append(second)
    if not firsts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    close = ((xy[first] - xy[second]) ** 2).sum(axis=1) < reach * reach
    return first[close], second[close]


def _community_circles(ids: list[str], community: dict[str, int],
                       scale: float) -> dict[str, tuple[float, float]]:
    groups: dict[int, list[str]] = {}
    for n in ids:
        groups.setdefault(community.get(n, 0), []).append(n)
    found = {}
    ordered = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
    for k, (_, members) in enumerate(ordered):
        angle = 2 * math.pi * k / len(ordered)
        cx, cy = (0.0, 0.0) if k == 0 else (scale * math.cos(angle), scale * math.sin(angle))
        radius = 10.0 * math.sqrt(len(members))
        for i, n in enumerate(members):
            a = 2 * math.pi * i / len(members)
            found[n] = (round(cx + radius * math.cos(a), 2), round(cy + radius * math.sin(a), 2))
    return found
