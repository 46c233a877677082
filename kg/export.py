"""Exporters: one writer per format, ``EXPORTERS[name](store, path_or_stream)``.

RDF formats are dumped from Oxigraph and sorted, so the same graph always gives the same bytes.
``turtle``, ``ntriples`` and ``jsonld`` hold the data graphs merged (entities and documents);
``trig`` and ``nquads`` hold every named graph, the ontology included. ``graphml`` is for Gephi:
entities are nodes, relations between entities are edges (see ``graph_for_gephi``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import ExportError
from kg.ontology import ENT, KG, ONTOLOGY_GRAPH, PREFIXES, RDF, RDFS, REL
from kg.store import Store

Target = Path | IO[bytes]


def _data_triples(store: Store) -> list[ox.Triple]:
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = {ox.Triple(q.subject, q.predicate, q.object)
               for q in store.ox.quads_for_pattern(None, None, None, None)
               if q.graph_name != ontology}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _all_quads(store: Store) -> list[ox.Quad]:
    return sorted(store.ox.quads_for_pattern(None, None, None, None),
                  key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                 str(q.object)))


def _write(data: bytes, target: Target) -> None:
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    else:
        target.write(data)


def _rdf_writer(fmt: ox.RdfFormat, quads: bool) -> Callable[[Store, Target], None]:
    def write(store: Store, target: Target) -> None:
        items: list[Any] = _all_quads(store) if quads else _data_triples(store)
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        data = ox.serialize(items, format=fmt, prefixes=prefixes)
        _write(data if data is not None else b"", target)
    return write


def graph_for_gephi(store: Store) -> Any:
    """A networkx ``MultiDiGraph`` of the entities: node attributes ``label`` and ``type``;
    edges keyed by relation with ``label``, ``relation``, ``confidence`` (best) and ``support``
    (sentences). Only plain str/int/float values, so GraphML writers accept them."""
    import networkx as nx

    rows = store.ox.query(f"""
        SELECT ?node ?label ?type WHERE {{
          ?node <{RDFS}label> ?label ; <{RDF}type> ?type .
          FILTER(STRSTARTS(STR(?node), "{ENT}"))
        }}""", use_default_graph_as_union=True)
    graph = nx.MultiDiGraph()
    for row in rows:
        node = row["node"].value.removeprefix(ENT)
        graph.add_node(node, label=row["label"].value,
                       type=row["type"].value.rsplit("#", 1)[-1])
    edges = store.ox.query(f"""
        SELECT ?s ?p ?o (COUNT(?st) AS ?support) (MAX(?c) AS ?confidence) WHERE {{
          ?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ;
              <{KG}confidence> ?c .
          FILTER(isIRI(?o))
        }} GROUP BY ?s ?p ?o""", use_default_graph_as_union=True)
    for row in edges:
        s, o = row["s"].value.removeprefix(ENT), row["o"].value.removeprefix(ENT)
        if s not in graph or o not in graph:
            continue
        predicate = row["p"].value
        relation = predicate.removeprefix(KG).removeprefix(REL)
        graph.add_edge(s, o, key=relation, label=relation, relation=relation,
                       confidence=float(row["confidence"].value),
                       support=int(row["support"].value))
    return graph


def write_graphml(store: Store, target: Target) -> None:
    """GraphML that Gephi reads cleanly: named attribute keys, no graph attributes, ids."""
    import networkx as nx

    graph = graph_for_gephi(store)
    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    for n, (s, o, k, data) in enumerate(sorted(graph.edges(keys=True, data=True),
                                              key=lambda e: (e[0], e[1], e[2]))):
        ordered.add_edge(s, o, key=k, id=f"e{n}", **data)
    lines = nx.generate_graphml(ordered, named_key_ids=True, edge_id_from_attribute="id")
    _write(("\n".join(lines) + "\n").encode("utf-8"), target)


EXPORTERS: dict[str, Callable[[Store, Target], None]] = {
    "turtle": _rdf_writer(ox.RdfFormat.TURTLE, quads=False),
    "ntriples": _rdf_writer(ox.RdfFormat.N_TRIPLES, quads=False),
    "jsonld": _rdf_writer(ox.RdfFormat.JSON_LD, quads=False),
    "trig": _rdf_writer(ox.RdfFormat.TRIG, quads=True),
    "nquads": _rdf_writer(ox.RdfFormat.N_QUADS, quads=True),
    "graphml": write_graphml,
}
EXTENSIONS = {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "trig": "trig",
              "nquads": "nq", "graphml": "graphml"}


def export(store: Store, fmt: str, target: Target) -> None:
    """Write the graph in format ``fmt`` to a path or a binary stream."""
    writer = EXPORTERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format '{fmt}'; choose one of: "
                          f"{', '.join(sorted(EXPORTERS))}")
    try:
        writer(store, target)
    except OSError as err:
        raise ExportError(f"{target}: cannot write the export ({err.strerror or err})") from err
