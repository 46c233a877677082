"""Louvain communities (Blondel et al., 2008), found as networkx 3's ``louvain_communities``
finds them with a seed, resolution 1 and its threshold: the same graphs made in the same
order, the same random draws and the same sums, so the same communities; without importing
networkx, which costs a build about a tenth of a second of CPU for this alone.

A graph is an adjacency map (node -> neighbour -> edge weight) in networkx's order: nodes and
each node's neighbours in the order they were added; a self-loop is one entry.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Iterable

THRESHOLD = 0.0000001  # networkx's default: a level must raise modularity more than this

Graph = dict[Hashable, dict[Hashable, int]]


def louvain_communities(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
                        seed: int) -> list[set[Hashable]]:
    """The communities of the undirected graph of ``nodes`` and unweighted ``edges`` (added in
    this order, as ``networkx.Graph.add_nodes_from`` and ``add_edges_from`` add them)."""
    graph: Graph = {}
    for node in nodes:
        graph.setdefault(node, {})
    for u, v in edges:
        _add_edge(graph, u, v, 1)
    rng = random.Random(seed)
    last = partition = [{u} for u in graph]
    if not any(graph.values()):  # no edge
        return last
    mod = _modularity(graph, partition)
    copy: Graph = {u: {} for u in graph}  # networkx works on a weighted copy of the graph
    for u, v, weight in _edges(graph):
        _add_edge(copy, u, v, weight)
    graph = copy
    members: dict[Hashable, set[Hashable]] = {}  # a node of a later level: the first's nodes
    m = sum(_degrees(graph).values()) / 2
    partition, inner, improvement = _one_level(graph, members, m, partition, rng)
    improvement = True  # (as networkx: the first level is kept whatever it moved)
    while improvement:
        last = [s.copy() for s in partition]
        new_mod = _modularity(graph, inner)
        if new_mod - mod <= THRESHOLD:
            return last
        mod = new_mod
        graph, members = _next_level(graph, members, inner)
        partition, inner, improvement = _one_level(graph, members, m, partition, rng)
    return last


def _add_edge(graph: Graph, u: Hashable, v: Hashable, weight: int) -> None:
    graph.setdefault(u, {})
    graph.setdefault(v, {})
    graph[u][v] = weight
    graph[v][u] = weight


def _edges(graph: Graph, among: Iterable[Hashable] | None = None,
           ) -> Iterable[tuple[Hashable, Hashable, int]]:
    """Each edge once, as ``Graph.edges`` gives them (of the nodes ``among``, in its order)."""
    seen: set[Hashable] = set()
    for u in graph if among is None else among:
        for v, weight in graph[u].items():
            if v not in seen:
                yield u, v, weight
        seen.add(u)


def _degrees(graph: Graph) -> dict[Hashable, int]:
    """Weighted degrees; a self-loop counts twice."""
    return {u: sum(around.values()) + (u in around and around[u])
            for u, around in graph.items()}


def _modularity(graph: Graph, communities: list[set[Hashable]]) -> float:
    degree = _degrees(graph)
    deg_sum = sum(degree.values())
    m = deg_sum / 2
    norm = 1 / deg_sum**2

    def contribution(community: set[Hashable]) -> float:
        inside = sum(w for u, v, w in _edges(graph, community) if v in community)
        degree_sum = sum(degree[u] for u in community)
        return inside / m - 1 * degree_sum * degree_sum * norm

    return sum(map(contribution, communities))


def _one_level(graph: Graph, members: dict[Hashable, set[Hashable]], m: float,
               partition: list[set[Hashable]], rng: random.Random,
               ) -> tuple[list[set[Hashable]], list[set[Hashable]], bool]:
    """One pass of moves (networkx's ``_one_level``, undirected, resolution 1)."""
    node2com = {u: i for i, u in enumerate(graph)}
    inner = [{u} for u in graph]
    degrees = _degrees(graph)
    stot = list(degrees.values())
    nbrs = {u: {v: w for v, w in around.items() if v != u} for u, around in graph.items()}
    rand_nodes = list(graph)
    rng.shuffle(rand_nodes)
    nb_moves = 1
    improvement = False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod: float = 0
            best_com = node2com[u]
            weights2com: defaultdict[int, float] = defaultdict(float)
            for nbr, wt in nbrs[u].items():
                weights2com[node2com[nbr]] += wt
            degree = degrees[u]
            stot[best_com] -= degree
            remove_cost = -weights2com[best_com] / m + 1 * (
                stot[best_com] * degree
            ) / (2 * m**2)
            for nbr_com, wt in weights2com.items():
                gain = (
                    remove_cost
                    + wt / m
                    - 1 * (stot[nbr_com] * degree) / (2 * m**2)
                )
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != node2com[u]:
                com = members.get(u, {u})
                partition[node2com[u]].difference_update(com)
                inner[node2com[u]].remove(u)
                partition[best_com].update(com)
                inner[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    return list(filter(len, partition)), list(filter(len, inner)), improvement


def _next_level(graph: Graph, members: dict[Hashable, set[Hashable]],
                inner: list[set[Hashable]]) -> tuple[Graph, dict[Hashable, set[Hashable]]]:
    """The graph of the communities (networkx's ``_gen_graph``)."""
    found: Graph = {}
    node2com: dict[Hashable, int] = {}
    below: dict[Hashable, set[Hashable]] = {}
    for i, part in enumerate(inner):
        nodes: set[Hashable] = set()
        for node in part:
            node2com[node] = i
            nodes.update(members.get(node, {node}))
        found[i] = {}
        below[i] = nodes
    for u, v, weight in _edges(graph):
        a, b = node2com[u], node2com[v]
        _add_edge(found, a, b, weight + found[a].get(b, 0))
    return found, below
