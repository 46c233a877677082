"""The entity graph that people look at: entities as nodes, facts between them as edges.

Every visual export (GraphML, GEXF, CSV, the HTML viewer, PNG) is drawn from one
``EntityGraph``, read from the store with one filter, so all of them show the same graph.

An edge is one fact, however many sentences state it. Its ``support`` is the number of
sentences, ``stories`` the independent stories among their documents (copies of one story,
``kg:copyOf``, count once) and ``outlets`` the outlets that published them. Its
``confidence`` is its best sentence's, the model's measured probability (``fact_confidence``:
repeated stories are not independent evidence of a rule's reading); a story syndicated to
three outlets is still one story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyoxigraph as ox

from kg.copies import outlet, stories
from kg.dates import overlaps
from kg.ontology import DOC, ENT, GEO, KG, NIF, PROV, RDF, RDFS, relation_name
from kg.stores import GraphStore


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """What to keep. Empty sets keep everything. ``documents`` holds document ids or source
    paths; facts then count only the sentences of those documents. ``since`` and ``until``
    keep the sentences whose fact time (``kg:time``), else whose document's date
    (``kg:reported``), meets the range, bounds included; a sentence with neither is dropped
    when a bound is given. ``unconfirmed`` keeps the facts stated as done that kg did not
    assert (``kg:asserted false``: their confidence is below the one it asserts from)."""

    min_confidence: float = 0.0
    types: frozenset[str] = field(default_factory=frozenset)
    relations: frozenset[str] = field(default_factory=frozenset)
    documents: frozenset[str] = field(default_factory=frozenset)
    since: date | None = None
    until: date | None = None
    unconfirmed: bool = False

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def keeps_time(self, when: str) -> bool:
        """Whether a sentence of time ``when`` ("2024", "2024-02", "2024-02-23" or "") is
        within the bounds."""
        if not self.dated:
            return True
        return bool(when) and overlaps(when, self.since, self.until)


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # the entity's key: the part of its IRI after .../entity/
    label: str
    type: str  # ontology class name
    lat: float | None = None  # a place's position (WGS84, ``kg.resolve.geo``), when linked
    lng: float | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    relation: str  # local name: "released", "worksFor", or an open relation such as "sue"
    confidence: float
    support: int  # sentences that state the fact
    documents: tuple[str, ...]  # ids of the documents that state it
    # When its sentences place it (kg:time, else kg:reported; "" for neither), distinct and
    # sorted; read only when asked for (``entity_graph(..., timed=True)``).
    times: tuple[str, ...] = ()
    stories: int = 1  # independent stories that state it (copies count once)
    outlets: int = 0  # outlets (site, else URL host) that published them, where known


@dataclass(frozen=True, slots=True)
class EntityGraph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def to_networkx(self) -> Any:
        """A networkx ``MultiDiGraph`` with plain str/int/float attributes, edges keyed by
        relation."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for n in self.nodes:
            graph.add_node(n.id, label=n.label, type=n.type)
        for e in self.edges:
            graph.add_edge(e.source, e.target, key=e.relation, label=e.relation,
                           relation=e.relation, confidence=e.confidence, support=e.support)
        return graph


def fact_confidence(found: Iterable[tuple[str, float, str]],
                    first: Mapping[str, str]) -> tuple[float, int]:
    """The confidence of a fact stated in the sentences of ``found`` (document id,
    confidence, sentence), and the number of independent stories that state it (``kg.copies``:
    copies of one story, ``first`` naming each copy's first document, and documents that share
    the sentence word for word, count once). The confidence is the best sentence's: each is
    the model's measured probability, and more stories do not make a fact likelier to be right
    than that. Read by hand, facts two stories state were right 0.87 of the time where their
    best sentence's confidence said 0.88 and combining the stories as independent evidence
    0.98; three or more 0.90, 0.91 and 0.997 (BENCHMARKS.md): a rule that misreads a kind of
    sentence misreads it in every story. The support is counted, and shown, apart.

    >>> fact_confidence([("a", 0.7, ""), ("b", 0.8, "")], {})
    (0.8, 2)
    >>> fact_confidence([("a", 0.7, ""), ("b", 0.7, "")], {"b": "a"})
    (0.7, 1)
    """
    found = list(found)
    story = stories(((d, text) for d, _, text in found), first)
    best = max((confidence for _, confidence, _ in found), default=0.0)
    return round(best, 3), len({story[d] for d, _, _ in found})


def copies_of(store: GraphStore) -> dict[str, str]:
    """Each copy of a story with its first document, by id (``kg:copyOf``)."""
    return {row["c"].value.removeprefix(DOC): row["f"].value.removeprefix(DOC)
            for row in store.ox.query(f"SELECT ?c ?f WHERE {{ ?c <{KG}copyOf> ?f }}",
                                      use_default_graph_as_union=True)}


def outlets_of(store: GraphStore) -> dict[str, str]:
    """Each document's outlet (its site, else its URL's host), where known."""
    return {d: o for d, doc in store.documents().items() if (o := outlet(doc))}


def entity_graph(store: GraphStore, keep: GraphFilter | None = None,
                 timed: bool = False, told: bool = True) -> EntityGraph:
    """Read the entity graph from the store, keeping what ``keep`` allows. Nodes are the
    entities that take part in at least one kept fact; ``timed`` fills each edge's ``times``.
    ``told=False`` leaves each edge's ``stories`` and ``outlets`` at 1 and 0, for a reader
    that shows neither: the sentences of every fact (which tell copies of a story apart) are
    then not held."""
    keep = keep or GraphFilter()
    wanted_docs = {d for d, doc in store.documents().items()
                   if d in keep.documents or doc.source in keep.documents} \
        if keep.documents else None
    when = f"""OPTIONAL {{ ?st <{KG}time> ?time }}
                      OPTIONAL {{ ?st <{KG}reported> ?reported }}""" \
        if keep.dated or timed else ""
    unconfirmed = "" if keep.unconfirmed else f"FILTER NOT EXISTS {{ ?st <{KG}asserted> false }}"
    rows = store.ox.query(f"""
        SELECT ?g ?s ?p ?o ?c ?text ?time ?reported WHERE {{
          GRAPH ?g {{ ?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ;
                          <{KG}confidence> ?c ; <{PROV}wasDerivedFrom> ?span .
                      ?span <{NIF}anchorOf> ?text .
                      {when}
                      FILTER NOT EXISTS {{ ?st <{KG}modality> ?modality }}
                      {unconfirmed} }}
          FILTER(isIRI(?o))
        }}""")
    evidence: dict[tuple[str, str, str], list[tuple[str, float, str, str]]] = \
        defaultdict(list)
    for row in rows:
        doc_id = row["g"].value.removeprefix(DOC)
        if wanted_docs is not None and doc_id not in wanted_docs:
            continue
        relation = relation_name(row["p"].value)
        if keep.relations and relation not in keep.relations:
            continue
        moment = (row["time"] or row["reported"] or ox.Literal("")).value \
            if keep.dated or timed else ""
        if keep.dated and not keep.keeps_time(moment):
            continue
        s, o = row["s"].value, row["o"].value
        if not (s.startswith(ENT) and o.startswith(ENT)):
            continue
        evidence[(s.removeprefix(ENT), relation, o.removeprefix(ENT))].append(
            (doc_id, float(row["c"].value), moment, row["text"].value if told else ""))

    nodes = {}
    for row in store.ox.query(f"""
            SELECT ?node ?label ?type ?lat ?lng WHERE {{
              ?node <{RDFS}label> ?label ; <{RDF}type> ?type .
              OPTIONAL {{ ?node <{GEO}lat> ?lat ; <{GEO}long> ?lng }}
              FILTER(STRSTARTS(STR(?node), "{ENT}"))
            }}""", use_default_graph_as_union=True):
        key = row["node"].value.removeprefix(ENT)
        kind = row["type"].value.rsplit("#", 1)[-1]
        if not keep.types or kind in keep.types:
            lat, lng = row["lat"], row["lng"]
            nodes[key] = Node(key, row["label"].value, kind,
                              float(lat.value) if lat else None,
                              float(lng.value) if lng else None)

    edges = []
    first, outlets = (copies_of(store), outlets_of(store)) if told else ({}, {})
    for (s, relation, o), found in evidence.items():
        if told:
            confidence, stories = fact_confidence(((d, c, x) for d, c, _, x in found), first)
        else:
            confidence, stories = round(max(c for _, c, _, _ in found), 3), 1
        if s in nodes and o in nodes and confidence >= keep.min_confidence:
            docs = {d for d, _, _, _ in found}
            edges.append(Edge(s, o, relation, confidence, len(found), tuple(sorted(docs)),
                              tuple(sorted({t for _, _, t, _ in found})) if timed else (),
                              stories, len({outlets[d] for d in docs if d in outlets})))
    edges.sort(key=lambda e: (e.source, e.target, e.relation))
    used = {e.source for e in edges} | {e.target for e in edges}
    return EntityGraph(tuple(nodes[k] for k in sorted(used)), tuple(edges))
