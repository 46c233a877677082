"""Louvain without networkx (kg.louvain): the same communities, in the same order, as
networkx's ``louvain_communities`` with the same seed, on invented graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.louvain import louvain_communities


def _graph(rng: random.Random, size: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Nodes with invented names, and edges mostly between near nodes (groups), some far."""
    nodes = list(dict.fromkeys(f"node-{rng.randint(0, 10**6)}" for _ in range(size)))
    edges = []
    for _ in range(rng.randint(0, 3 * max(len(nodes), 1))):
        if len(nodes) < 2:
            break
        i = rng.randrange(len(nodes))
        j = rng.randrange(len(nodes)) if rng.random() < 0.2 else \
            min(len(nodes) - 1, max(0, i + rng.randint(-8, 8)))
        if i != j:
            edges.append((nodes[i], nodes[j]))
    return nodes, edges


def _networkx(nodes: list[str], edges: list[tuple[str, str]], seed: int) -> list[set[str]]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return nx.community.louvain_communities(graph, seed=seed) if len(graph) else []


@pytest.mark.parametrize("draw", range(6))
def test_the_communities_are_networkx_s(draw):
    rng = random.Random(draw)
    for trial in range(40):
        nodes, edges = _graph(rng, rng.randint(0, 120) if trial % 10 else 600)
        assert louvain_communities(nodes, edges, 42) == _networkx(nodes, edges, 42)


def test_edge_cases_are_networkx_s():
    for nodes, edges in [([], []), (["a"], []), (["a", "b"], []), (["a", "b"], [("a", "b")]),
                         ([], [("a", "b"), ("b", "c")]), (["a", "b", "c"], [("a", "b")] * 3)]:
        assert louvain_communities(nodes, edges, 7) == _networkx(nodes, edges, 7)
