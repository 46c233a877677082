"""Check a stored graph against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL.

The data graph is every graph of the store merged, the ontology included, so that ``sh:class``
follows ``rdfs:subClassOf`` (an Organization is an Entity).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OntologyError
from kg.stores import GraphStore

DEFAULT_SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str  # the node that breaks a shape
    path: str  # the property, if the shape is about one
    value: str  # the offending value, if any
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    checked: int  # distinct triples checked (the union of the graphs)
    violations: tuple[Violation, ...]
    stored: int = 0  # triples in all graphs, as a build counts them (a fact in two graphs twice)


def validate(store: GraphStore, shapes: Path | None = None) -> ValidationReport:
    """Validate the store's graph; ``shapes`` defaults to the shipped ``ontology/shapes.ttl``."""
    import rdflib
    from pyshacl import validate as shacl

    shapes_path = shapes or DEFAULT_SHAPES
    shapes_graph = rdflib.Graph()
    try:
        shapes_graph.parse(shapes_path, format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        raise OntologyError(f"{shapes_path}: cannot read the shapes ({err})") from err
    quads = list(store.ox.quads_for_pattern(None, None, None, None))
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    data = rdflib.Graph()
    data.parse(data=ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)
               or b"", format="nt")
    conforms, report, _ = shacl(data, shacl_graph=shapes_graph, inference="none",
                                advanced=False, allow_warnings=True)
    sh = rdflib.Namespace(SH)
    violations = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        def value(p: rdflib.URIRef, result: rdflib.term.Node = result) -> str:
            v = report.value(result, p)
            return "" if v is None else str(v)
        violations.append(Violation(value(sh.focusNode), value(sh.resultPath),
                                    value(sh.value), value(sh.resultMessage),
                                    value(sh.resultSeverity).rsplit("#", 1)[-1]))
    violations.sort(key=lambda v: (v.message, v.focus, v.path, v.value))
    return ValidationReport(bool(conforms), len(triples), tuple(violations), len(quads))
