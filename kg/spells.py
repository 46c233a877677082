"""The entity graph over time: when each edge and node is shown in a dynamic GEXF file
(``kg export --format gexf --dynamic``), which Gephi's Timeline plays.

An edge (a fact) is shown while one of its sentences places it: the sentence's own time
(``kg:time``: a day, a month or a year, which lasts from its first day to its last), else the
day its document was published (``kg:reported``). Each sentence gives one period; periods that
overlap make one spell. A sentence with neither adds no time. A fact none of whose sentences has
a time is left out, since nothing says when to show it (the static export keeps it), and so is
an entity that takes part in no other fact. A node lasts from the first day of its edges' first
spell to the last day of their last: from its first mention in a kept fact to its last, so no
edge is ever shown without both its ends. With ``--since``/``--until`` the spells are cut to the
range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from kg.dates import period
from kg.graphview import EntityGraph, GraphFilter

Spell = tuple[date, date]  # first and last day, both included


@dataclass(frozen=True, slots=True)
class TimedGraph:
    view: EntityGraph  # the facts that have a time, and their entities
    edge_spells: tuple[tuple[Spell, ...], ...]  # per edge of ``view``, in its order
    node_spans: Mapping[str, Spell]  # per node id: its first and last day
    undated: int  # facts left out because no sentence of theirs has a time


def spells(times: Iterable[str], keep: GraphFilter | None = None) -> tuple[Spell, ...]:
    """The periods ``times`` name ("2024", "2024-02", "2024-02-23"; "" and anything else name
    none), cut to ``keep``'s range, overlapping ones merged, in order.

    >>> [(a.isoformat(), b.isoformat())
    ...  for a, b in spells(["2024-02-10", "2024-02", "2024-03-01", ""])]
    [('2024-02-01', '2024-02-29'), ('2024-03-01', '2024-03-01')]
    """
    periods = []
    for when in times:
        try:
            first, last = period(when[:10])
        except ValueError:
            continue
        if keep is not None:
            first = max(first, keep.since or first)
            last = min(last, keep.until or last)
        if first <= last:
            periods.append((first, last))
    merged: list[Spell] = []
    for first, last in sorted(periods):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def timed_graph(view: EntityGraph, keep: GraphFilter | None = None) -> TimedGraph:
    """The dated part of ``view`` (read with ``timed=True``) with its spells and spans."""
    edges, edge_spells = [], []
    spans: dict[str, Spell] = {}
    for edge in view.edges:
        found = spells(edge.times, keep)
        if not found:
            continue
        edges.append(edge)
        edge_spells.append(found)
        for node in (edge.source, edge.target):
            first, last = spans.get(node, found[0])
            spans[node] = (min(first, found[0][0]), max(last, found[-1][1]))
    nodes = tuple(n for n in view.nodes if n.id in spans)
    return TimedGraph(EntityGraph(nodes, tuple(edges)), tuple(edge_spells), spans,
                      len(view.edges) - len(edges))
