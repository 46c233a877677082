"""Exporters: one writer per format, ``EXPORTERS[name](store, target, keep)``.

RDF formats are dumped from Oxigraph and sorted, so the same graph always gives the same bytes.
``turtle`` and ``ntriples`` hold the data graphs merged (entities and documents); ``trig``,
``nquads`` and ``jsonld`` (each graph an ``@graph`` object) hold every named graph, the
ontology included. With a filter, RDF
formats hold the kept entities (class, label) and the kept facts only.

``graphml``, ``gexf``, ``csv`` and ``png`` draw the entity graph of ``kg.graphview``: entities
as nodes, facts between entities as edges. They are written for Gephi: GraphML with named
attribute keys and edge ids; GEXF 1.3 with ``kind`` on edges and ``viz`` colour, size and
position, so the file opens coloured, sized and laid out; CSV in the columns of Gephi's
spreadsheet import; a place linked to GeoNames carries ``lat`` and ``lng`` for Gephi's Geo
Layout. ``geojson`` holds the linked places as points, for a map. ``gexf`` with ``dynamic``
writes the same graph in GEXF's dynamic mode, each edge with the spells and each node with the
span of ``kg.spells``, for Gephi's Timeline.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import ExportError
from kg.faults import checkpoint
from kg.graphview import EntityGraph, GraphFilter, Node, entity_graph
from kg.layout import CLASS_COLORS, OTHER_COLOR, communities, degrees, layout
from kg.ontology import ENT, GEO, GN, KG, ONTOLOGY_GRAPH, OWL, PREFIXES, RDF, RDFS, REL
from kg.output import spreadsheet_safe
from kg.spells import TimedGraph, timed_graph
from kg.storedir import describe, write_new
from kg.stores import GraphStore
from kg.stores.lines import SortedRuns

Target = Path | IO[bytes]
TURTLE = ox.RdfFormat.TURTLE
PART_LINES = 20_000  # N-Triples lines serialized at a time
Writer = Callable[[GraphStore, Target, GraphFilter], None]


def _filtered(keep: GraphFilter) -> bool:
    return keep != GraphFilter()


def _write(data: bytes | Iterable[bytes], target: Target) -> None:
    """Write a file whole: a temporary file renamed over a regular file (or a new one). A
    symbolic link, a FIFO or a device (/dev/stdout) is written through, never replaced.
    ``data`` is bytes, or pieces written as they come (a large graph is never held whole)."""
    pieces = [data] if isinstance(data, bytes) else data
    if not isinstance(target, Path):
        for piece in pieces:  # write, not writelines: a stream may wrap write only
            target.write(piece)
        return
    if target.is_symlink() or (target.exists() and not target.is_file()):
        with open(target, "wb") as out:
            out.writelines(pieces)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        write_new(tmp, data)
        checkpoint("export.tmp")
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# Characters XML 1.0 does not allow, even escaped (C0 controls but tab and newlines, surrogates
# and two non-characters): text can hold them, GraphML and GEXF cannot.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


# --- RDF ---------------------------------------------------------------------------------
def _data_triples(store: GraphStore) -> list[ox.Triple]:
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    triples = {ox.Triple(q.subject, q.predicate, q.object)
               for q in store.ox.quads_for_pattern(None, None, None, None)
               if q.graph_name != ontology}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def write_lines(runs: SortedRuns, target: Target, fmt: ox.RdfFormat = TURTLE) -> None:
    """Write a graph from its data graphs' sorted lines (``_written_runs``, or as
    ``Store.write`` hands them over while it loads them), which are removed after."""
    try:
        _write(_serialized(runs.merged(), fmt), target)
    finally:
        runs.remove()


def _written_runs(store: GraphStore) -> SortedRuns | None:
    """The data graphs' lines the store object just wrote, if it kept them (the embedded
    store, after writing a whole graph): sorted as the terms' N-Triples forms above."""
    written = getattr(store, "take_written_data", None)
    return written() if written is not None else None


_PREFIX_LINES = re.compile(rb"^(?:@prefix [^\n]*\n)*")


def _serialized(lines: Iterator[bytes], fmt: ox.RdfFormat) -> Iterator[bytes]:
    """Sorted N-Triples lines serialized in parts of about ``PART_LINES`` lines, each cut
    where a subject ends: a part's Turtle is the whole graph's from that subject on, but for
    the prefixes it declares first (kept in the first part only). Memory does not grow with
    the graph."""
    part: list[bytes] = []
    subject = b""
    first = True
    for line in itertools.chain(lines, [b""]):
        starts = line[:line.find(b" ") + 1]
        if part and (not line or (len(part) >= PART_LINES and starts != subject)):
            # lenient: the lines are the store's own, checked when it loaded them (a third
            # of the parse's time is spent checking IRIs again)
            data = ox.serialize(ox.parse(b"".join(part), format=ox.RdfFormat.N_TRIPLES,
                                         lenient=True),
                                format=fmt, prefixes=PREFIXES if fmt is TURTLE else None)
            yield data if first else _PREFIX_LINES.sub(b"", data, count=1)
            part, first = [], False
        part.append(line)
        subject = starts


def _all_quads(store: GraphStore) -> list[ox.Quad]:
    return sorted(store.ox.quads_for_pattern(None, None, None, None),
                  key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                 str(q.object)))


def _kept_triples(store: GraphStore, keep: GraphFilter) -> list[ox.Triple]:
    view = entity_graph(store, keep)
    triples = []
    for n in view.nodes:
        node = ox.NamedNode(ENT + n.id)
        triples.append(ox.Triple(node, ox.NamedNode(RDF + "type"), ox.NamedNode(KG + n.type)))
        triples.append(ox.Triple(node, ox.NamedNode(RDFS + "label"), ox.Literal(n.label)))
    canonical = {q.subject.value for q in store.ox.quads_for_pattern(
        None, ox.NamedNode(RDF + "type"), None, ox.NamedNode(ONTOLOGY_GRAPH))}
    for e in view.edges:
        predicate = KG + e.relation if KG + e.relation in canonical else REL + e.relation
        triples.append(ox.Triple(ox.NamedNode(ENT + e.source), ox.NamedNode(predicate),
                                 ox.NamedNode(ENT + e.target)))
    return sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _rdf_writer(fmt: ox.RdfFormat, quads: bool) -> Writer:
    def write(store: GraphStore, target: Target, keep: GraphFilter) -> None:
        items: Iterable[Any]
        runs = None if quads or _filtered(keep) else _written_runs(store)
        if runs is not None:
            write_lines(runs, target, fmt)
            return
        if _filtered(keep):
            items = _kept_triples(store, keep)
            if quads:
                items = [ox.Quad(t.subject, t.predicate, t.object) for t in items]
        else:
            items = _all_quads(store) if quads else _data_triples(store)
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        data = ox.serialize(items, format=fmt, prefixes=prefixes)
        _write(data if data is not None else b"", target)
    return write


# --- entity graph: GraphML, GEXF, CSV, PNG --------------------------------------------------
# GraphML keys: (id, for, attr.name, attr.type). Ids are named, as Gephi shows them, and
# unique, as the GraphML schema requires: the edge label's key is not the node label's.
GRAPHML_KEYS = (("label", "node", "label", "string"), ("type", "node", "type", "string"),
                ("community", "node", "community", "long"),
                ("degree", "node", "degree", "long"),
                ("lat", "node", "lat", "double"), ("lng", "node", "lng", "double"),
                ("edge_label", "edge", "label", "string"),
                ("relation", "edge", "relation", "string"),
                ("confidence", "edge", "confidence", "double"),
                ("support", "edge", "support", "long"),
                ("weight", "edge", "weight", "double"), ("kind", "edge", "kind", "string"))


def write_graphml(store: GraphStore, target: Target, keep: GraphFilter) -> None:
    """GraphML written a node or an edge at a time (``graphml_pieces``); the entity graph is
    read without the stories that state each fact, which GraphML does not show."""
    _write(_encoded(graphml_pieces(entity_graph(store, keep, told=False))), target)


def graphml_text(view: EntityGraph) -> str:
    """The GraphML file of ``graphml_pieces`` as one string."""
    return xml_text("".join(graphml_pieces(view)))


def graphml_pieces(view: EntityGraph) -> Iterator[str]:
    """GraphML that Gephi reads cleanly: named attribute keys, no graph attributes, edge ids,
    one numeric type per attribute; nodes carry label, type, community and degree (and a
    linked place its ``lat`` and ``lng``, for Gephi's Geo Layout), edges label, relation,
    confidence and support, and as in GEXF the relation as ``kind`` and the support as
    ``weight`` (Gephi reads a ``weight`` key as the edge's weight). A node or an edge at a
    time: the file is never held whole."""
    community, degree = communities(view), degrees(view)
    keys = "".join(f'  <key id="{key}" for="{kind}" attr.name="{name}" attr.type="{value}"/>\n'
                   for key, kind, name, value in GRAPHML_KEYS)
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
           f'{keys}  <graph edgedefault="directed">\n')
    for n in view.nodes:
        yield (f'    <node id={quoteattr(n.id)}>\n'
               f'      <data key="label">{escape(n.label)}</data>\n'
               f'      <data key="type">{escape(n.type)}</data>\n'
               f'      <data key="community">{community.get(n.id, 0)}</data>\n'
               f'      <data key="degree">{degree[n.id]}</data>\n'
               f'{_position(n, _GRAPHML_VALUE)}'
               f'    </node>\n')
    for i, e in enumerate(view.edges):
        yield (f'    <edge id="e{i}" source={quoteattr(e.source)} '
               f'target={quoteattr(e.target)}>\n'
               f'      <data key="edge_label">{escape(e.relation)}</data>\n'
               f'      <data key="relation">{escape(e.relation)}</data>\n'
               f'      <data key="confidence">{e.confidence}</data>\n'
               f'      <data key="support">{e.support}</data>\n'
               f'      <data key="weight">{float(e.support)}</data>\n'
               f'      <data key="kind">{escape(e.relation)}</data>\n'
               f'    </edge>\n')
    yield '  </graph>\n</graphml>\n'


_GRAPHML_VALUE = '      <data key="{}">{}</data>\n'
_GEXF_VALUE = '          <attvalue for="{}" value="{}"/>\n'


def _position(node: Node, line: str) -> str:
    """A linked place's ``lat`` and ``lng`` (Gephi's Geo Layout reads them), as ``line``
    formats an attribute's name and value; "" for a node with no position."""
    if node.lat is None or node.lng is None:
        return ""
    return line.format("lat", node.lat) + line.format("lng", node.lng)


def _encoded(pieces: Iterable[str]) -> Iterator[bytes]:
    return (xml_text(piece).encode("utf-8") for piece in pieces)


def write_gexf(store: GraphStore, target: Target, keep: GraphFilter) -> None:
    _write(_encoded(gexf_pieces(entity_graph(store, keep))), target)


def write_dynamic_gexf(store: GraphStore, target: Target, keep: GraphFilter) -> str:
    """The dynamic GEXF file; returns a note on the facts left out for want of a time."""
    timed = timed_graph(entity_graph(store, keep, timed=True), keep)
    _write(_encoded(gexf_pieces(timed.view, timed)), target)
    if not timed.undated:
        return ""
    facts = "1 fact has" if timed.undated == 1 else f"{timed.undated} facts have"
    return f"{facts} no date and no article date: left out (the static export keeps them)"


def gexf_text(view: EntityGraph, timed: TimedGraph | None = None) -> str:
    """The GEXF file of ``gexf_pieces`` as one string."""
    return xml_text("".join(gexf_pieces(view, timed)))


def gexf_pieces(view: EntityGraph, timed: TimedGraph | None = None) -> Iterator[str]:
    """GEXF 1.3, a node or an edge at a time, written directly (networkx writes 1.2 and no
    edge ``kind``). Valid against the GEXF 1.3 RELAX NG schema, which has no
    ``xsi:schemaLocation`` on the root: the file names its namespace only. With ``timed``
    (``view`` is ``timed.view``), the graph is dynamic: days as times, nodes with a start and
    an end, edges with spells."""
    community, degree = communities(view), degrees(view)
    # what Gephi's importer reads beyond the schema: days as dates, each a closed interval,
    # read in UTC (else in the timezone of the machine that opens the file)
    mode = ('mode="dynamic" timeformat="date" timerepresentation="interval" timezone="UTC"'
            if timed else 'mode="static"')
    position = layout(view, community)
    top = max(degree.values(), default=1) or 1
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
           'version="1.3">\n'
           '  <meta>\n    <creator>kg</creator>\n'
           '    <description>Entities and the facts between them</description>\n  </meta>\n'
           f'  <graph defaultedgetype="directed" {mode}>\n'
           '    <attributes class="node">\n'
           '      <attribute id="type" title="type" type="string"/>\n'
           '      <attribute id="community" title="community" type="integer"/>\n'
           '      <attribute id="degree" title="degree" type="integer"/>\n'
           '      <attribute id="lat" title="lat" type="double"/>\n'
           '      <attribute id="lng" title="lng" type="double"/>\n'
           '    </attributes>\n'
           '    <attributes class="edge">\n'
           '      <attribute id="relation" title="relation" type="string"/>\n'
           '      <attribute id="confidence" title="confidence" type="double"/>\n'
           '      <attribute id="support" title="support" type="integer"/>\n'
           '    </attributes>\n    <nodes>\n')
    for n in view.nodes:
        r, g, b = CLASS_COLORS.get(n.type, OTHER_COLOR)
        x, y = position.get(n.id, (0.0, 0.0))
        size = round(4.0 + 16.0 * degree[n.id] / top, 2)
        span = ""
        if timed:
            first, last = timed.node_spans[n.id]
            span = f' start="{first.isoformat()}" end="{last.isoformat()}"'
        yield (f'      <node id={quoteattr(n.id)} label={quoteattr(n.label)}{span}>\n'
               f'        <attvalues>\n'
               f'          <attvalue for="type" value={quoteattr(n.type)}/>\n'
               f'          <attvalue for="community" value="{community.get(n.id, 0)}"/>\n'
               f'          <attvalue for="degree" value="{degree[n.id]}"/>\n'
               f'{_position(n, _GEXF_VALUE)}'
               f'        </attvalues>\n'
               f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>\n'
               f'        <viz:size value="{size}"/>\n'
               f'        <viz:position x="{x}" y="{y}" z="0.0"/>\n'
               f'      </node>\n')
    yield '    </nodes>\n    <edges>\n'
    for i, e in enumerate(view.edges):
        rel = quoteattr(e.relation)
        spells = ""
        if timed:
            spells = "".join(f'          <spell start="{first.isoformat()}" '
                             f'end="{last.isoformat()}"/>\n'
                             for first, last in timed.edge_spells[i])
            spells = f"        <spells>\n{spells}        </spells>\n"
        yield (f'      <edge id="e{i}" source={quoteattr(e.source)} target={quoteattr(e.target)} '
               f'label={rel} kind={rel} weight="{float(e.support)}">\n'
               f'        <attvalues>\n'
               f'          <attvalue for="relation" value={rel}/>\n'
               f'          <attvalue for="confidence" value="{e.confidence}"/>\n'
               f'          <attvalue for="support" value="{e.support}"/>\n'
               f'        </attvalues>\n'
               f'{spells}'
               f'      </edge>\n')
    yield '    </edges>\n  </graph>\n</gexf>\n'


def csv_tables(view: EntityGraph) -> tuple[str, str]:
    """``nodes.csv`` and ``edges.csv`` in the columns Gephi's spreadsheet import expects."""
    community, degree = communities(view), degrees(view)
    nodes, edges = io.StringIO(), io.StringIO()
    n_writer = csv.writer(nodes, lineterminator="\n")
    n_writer.writerow(["Id", "Label", "Class", "Community", "Degree"])
    for n in view.nodes:
        n_writer.writerow([n.id, spreadsheet_safe(n.label), n.type, community.get(n.id, 0),
                           degree[n.id]])
    e_writer = csv.writer(edges, lineterminator="\n")
    e_writer.writerow(["Source", "Target", "Type", "Id", "Label", "Kind", "Weight",
                       "Confidence", "Documents"])
    for i, e in enumerate(view.edges):
        e_writer.writerow([e.source, e.target, "Directed", f"e{i}", e.relation, e.relation,
                           e.support, e.confidence, " ".join(e.documents)])
    return nodes.getvalue(), edges.getvalue()


def write_csv(store: GraphStore, target: Target, keep: GraphFilter) -> None:
    """A folder with ``nodes.csv`` and ``edges.csv``; on a stream, the two tables one after
    the other, each under a ``# file`` line."""
    nodes, edges = csv_tables(entity_graph(store, keep))
    if isinstance(target, Path):
        if target.exists() and not target.is_dir():
            raise ExportError(f"{target}: csv export writes a folder (nodes.csv, edges.csv)")
        _write(nodes.encode("utf-8"), target / "nodes.csv")
        _write(edges.encode("utf-8"), target / "edges.csv")
    else:
        target.write(f"# nodes.csv\n{nodes}# edges.csv\n{edges}".encode())


def geojson_places(store: GraphStore, keep: GraphFilter) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the places linked to GeoNames (``kg.resolve.geo``):
    a point each, with its label, its IRI, its GeoNames IRI, its country's code, how many
    gazetteer features its name could be, and how often and in how many documents the
    corpus names it. With a filter, the places among the kept graph's nodes."""
    kept = {n.id for n in entity_graph(store, keep).nodes} if _filtered(keep) else None
    rows = store.ox.query(f"""
        SELECT ?node ?label ?same ?lat ?lng ?country ?candidates
               (SUM(?n) AS ?mentions) (COUNT(DISTINCT ?doc) AS ?documents) WHERE {{
          ?node <{RDFS}label> ?label ; <{OWL}sameAs> ?same ; <{GEO}lat> ?lat ;
                <{GEO}long> ?lng ; <{KG}geoCandidates> ?candidates .
          OPTIONAL {{ ?node <{GN}countryCode> ?country }}
          OPTIONAL {{ ?record <{KG}mentioned> ?node ; <{KG}mentionCount> ?n .
                     ?doc <{KG}qualifiedMention> ?record }}
          FILTER(STRSTARTS(STR(?node), "{ENT}"))
        }} GROUP BY ?node ?label ?same ?lat ?lng ?country ?candidates
        ORDER BY ?node""", use_default_graph_as_union=True)
    features = []
    for row in rows:
        key = row["node"].value.removeprefix(ENT)
        if kept is not None and key not in kept:
            continue
        features.append({
            "type": "Feature", "id": key,
            "geometry": {"type": "Point", "coordinates": [float(row["lng"].value),
                                                          float(row["lat"].value)]},
            "properties": {"label": row["label"].value, "iri": row["node"].value,
                           "geonames": row["same"].value,
                           "country": row["country"].value if row["country"] else "",
                           "candidates": int(row["candidates"].value),
                           "mentions": int(row["mentions"].value) if row["mentions"] else 0,
                           "documents": int(row["documents"].value)}})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(store: GraphStore, target: Target, keep: GraphFilter) -> None:
    """The linked places as GeoJSON (``geojson_places``), for a map."""
    features = geojson_places(store, keep)["features"]
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)  # a place a line
    text = '{"type": "FeatureCollection", "features": [\n' + lines + '\n]}\n'
    _write(text.encode("utf-8"), target)


def write_png(store: GraphStore, target: Target, keep: GraphFilter) -> None:
    """A static picture (``kg.picture``)."""
    from kg.picture import png_bytes

    _write(png_bytes(entity_graph(store, keep)), target)


EXPORTERS: dict[str, Writer] = {
    "turtle": _rdf_writer(ox.RdfFormat.TURTLE, quads=False),
    "ntriples": _rdf_writer(ox.RdfFormat.N_TRIPLES, quads=False),
    "jsonld": _rdf_writer(ox.RdfFormat.JSON_LD, quads=True),
    "trig": _rdf_writer(ox.RdfFormat.TRIG, quads=True),
    "nquads": _rdf_writer(ox.RdfFormat.N_QUADS, quads=True),
    "graphml": write_graphml,
    "gexf": write_gexf,
    "csv": write_csv,
    "png": write_png,
    "geojson": write_geojson,
}
EXTENSIONS = {"turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld", "trig": "trig",
              "nquads": "nq", "graphml": "graphml", "gexf": "gexf", "csv": "csv", "png": "png",
              "geojson": "geojson"}


# Formats that have a dynamic form (``--dynamic``); each returns a note for the user, or "".
DYNAMIC_EXPORTERS: dict[str, Callable[[GraphStore, Target, GraphFilter], str]] = {
    "gexf": write_dynamic_gexf,
}


def export(store: GraphStore, fmt: str, target: Target, keep: GraphFilter | None = None,
           dynamic: bool = False) -> str:
    """Write the graph in format ``fmt`` (its dynamic form with ``dynamic``) to a path or a
    binary stream; returns a note for the user, or ""."""
    writers: dict[str, Callable[[GraphStore, Target, GraphFilter], Any]] = \
        DYNAMIC_EXPORTERS if dynamic else EXPORTERS
    writer = writers.get(fmt)
    if writer is None:
        kind = "dynamic export format" if dynamic else "export format"
        raise ExportError(f"unknown {kind} '{fmt}'; choose one of: "
                          f"{', '.join(sorted(writers))}")
    try:
        return writer(store, target, keep or GraphFilter()) or ""
    except OSError as err:
        if isinstance(target, Path):
            raise ExportError(describe(err, target, "cannot write the export")) from err
        raise ExportError(f"cannot write the export ({err.strerror or err})") from err

